#ifndef MEDEXTRACT_CICU_H
#define MEDEXTRACT_CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque ICU word break iterator.
typedef struct cicu_word_breaker cicu_word_breaker;

/// Opens a word break iterator for `locale` (e.g. "zh"). Returns NULL and sets
/// `*error_code` (an ICU UErrorCode, > 0 on failure) when ICU cannot open one.
cicu_word_breaker *cicu_word_breaker_open(const char *locale, int32_t *error_code);

/// Returns an independent copy of `breaker` (cheaper than opening a new one).
/// Safe to call while no other thread is iterating `breaker`.
cicu_word_breaker *cicu_word_breaker_clone(const cicu_word_breaker *breaker, int32_t *error_code);

/// Closes a breaker opened or cloned by this module. NULL is ignored.
void cicu_word_breaker_close(cicu_word_breaker *breaker);

/// Points `breaker` at `length` UTF-16 code units. The text is not copied and
/// must outlive the iteration.
int32_t cicu_word_breaker_set_text(cicu_word_breaker *breaker, const uint16_t *text, int32_t length);

/// Returns the next boundary after the current one (the first boundary, 0,
/// when `first` is non-zero), or -1 when the text is exhausted.
int32_t cicu_word_breaker_next(cicu_word_breaker *breaker, int32_t first);

/// Returns the ICU version string, e.g. "72.1".
const char *cicu_version(void);

#ifdef __cplusplus
}
#endif

#endif
