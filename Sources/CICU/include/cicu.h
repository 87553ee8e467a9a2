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

/// Converts `length` bytes in the charset `encoding` (an ICU converter name or
/// alias: "gb18030", "gbk", "big5", "utf-16le" …) to UTF-16 in `dest`
/// (capacity `capacity` code units; `length + 2` always suffices for the
/// charsets MedExtract accepts, which never produce more code units than bytes).
/// With `lossy` zero the conversion stops at the first byte sequence that is
/// invalid or has no Unicode mapping and `*invalid_offset` is set to its byte
/// offset; with `lossy` non-zero each such sequence becomes U+FFFD.
/// Returns the number of code units written, or -1 with `*error_code` set
/// (an ICU UErrorCode > 0): U_ILLEGAL_CHAR_FOUND / U_INVALID_CHAR_FOUND /
/// U_TRUNCATED_CHAR_FOUND for bad input, U_FILE_ACCESS_ERROR for an unknown
/// charset name, U_BUFFER_OVERFLOW_ERROR when `capacity` is too small.
int32_t cicu_convert_to_utf16(const char *encoding, const char *source, int32_t length,
                              uint16_t *dest, int32_t capacity, int32_t lossy,
                              int32_t *invalid_offset, int32_t *error_code);

/// Whether `encoding` names a converter ICU has (1) or not (0).
int32_t cicu_converter_exists(const char *encoding);

/// Returns the ICU version string, e.g. "72.1".
const char *cicu_version(void);

#ifdef __cplusplus
}
#endif

#endif
