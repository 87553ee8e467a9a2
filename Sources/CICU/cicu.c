#include "cicu.h"

#include <unicode/ubrk.h>
#include <unicode/uversion.h>
#include <stdio.h>

struct cicu_word_breaker;

cicu_word_breaker *cicu_word_breaker_open(const char *locale, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
    if (error_code) *error_code = (int32_t)status;
    if (U_FAILURE(status)) {
        if (it) ubrk_close(it);
        return NULL;
    }
    return (cicu_word_breaker *)it;
}

cicu_word_breaker *cicu_word_breaker_clone(const cicu_word_breaker *breaker, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_clone((const UBreakIterator *)breaker, &status);
    if (error_code) *error_code = (int32_t)(U_FAILURE(status) ? status : U_ZERO_ERROR);
    if (U_FAILURE(status)) {
        if (it) ubrk_close(it);
        return NULL;
    }
    return (cicu_word_breaker *)it;
}

void cicu_word_breaker_close(cicu_word_breaker *breaker) {
    if (breaker) ubrk_close((UBreakIterator *)breaker);
}

int32_t cicu_word_breaker_set_text(cicu_word_breaker *breaker, const uint16_t *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText((UBreakIterator *)breaker, (const UChar *)text, length, &status);
    return (int32_t)status;
}

int32_t cicu_word_breaker_next(cicu_word_breaker *breaker, int32_t first) {
    UBreakIterator *it = (UBreakIterator *)breaker;
    int32_t b = first ? ubrk_first(it) : ubrk_next(it);
    return b == UBRK_DONE ? -1 : b;
}

const char *cicu_version(void) {
    static char buffer[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, buffer);
    return buffer;
}
