// The functions of this target are inline, in include/heap_settle.h.
#include "heap_settle.h"
