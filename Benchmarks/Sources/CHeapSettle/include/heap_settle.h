// Lets the benchmarks finish the C allocator's deferred work inside the
// timed region that caused it.
//
// glibc's malloc leaves small freed chunks unmerged until a later allocation
// needs a larger chunk. After the results of a 50 MB document are released,
// that merge of millions of chunks fell on the first 1 KB document extracted
// next (measured: 13 to 22 ms for that document instead of 0.2 to 0.3 ms).
// `heap_settle()` does the work now with `malloc_trim(0)`, which merges the
// free chunks of every arena (the benchmark's thread may not allocate from
// the main one, the only arena `mallopt` consolidates) and returns whole free
// pages to the system, so the next document refaults the pages it reuses.
// Elsewhere it does nothing.

#ifndef HEAP_SETTLE_H
#define HEAP_SETTLE_H

#if defined(__linux__)
#include <malloc.h>
#endif

/// Merges the allocator's free chunks (glibc); returns 1 when it did.
static inline int heap_settle(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
    return 1;
#else
    return 0;
#endif
}

#endif
