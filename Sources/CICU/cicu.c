#include "cicu.h"

#include <unicode/ubrk.h>
#include <unicode/uversion.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
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

int32_t cicu_convert_to_utf16(const char *encoding, const char *source, int32_t length,
                              uint16_t *dest, int32_t capacity, int32_t lossy,
                              int32_t *invalid_offset, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    if (invalid_offset) *invalid_offset = -1;
    UConverter *cnv = ucnv_open(encoding, &status);
    if (U_FAILURE(status) || !cnv) {
        if (cnv) ucnv_close(cnv);
        if (error_code) *error_code = (int32_t)(U_FAILURE(status) ? status : U_FILE_ACCESS_ERROR);
        return -1;
    }
    if (!lossy) {
        ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    } else {
        ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_SUBSTITUTE, NULL, NULL, NULL, &status);
    }
    if (U_FAILURE(status)) {
        ucnv_close(cnv);
        if (error_code) *error_code = (int32_t)status;
        return -1;
    }
    UChar *target = (UChar *)dest;
    const UChar *targetLimit = target + capacity;
    const char *src = source;
    const char *srcLimit = source + length;
    ucnv_toUnicode(cnv, &target, targetLimit, &src, srcLimit, NULL, 1, &status);
    if (U_FAILURE(status)) {
        if (invalid_offset && status != U_BUFFER_OVERFLOW_ERROR) {
            /* src stands after the offending sequence; its length is kept by the converter. */
            char bad[32];
            int8_t badLength = (int8_t)sizeof(bad);
            UErrorCode ignored = U_ZERO_ERROR;
            ucnv_getInvalidChars(cnv, bad, &badLength, &ignored);
            if (U_FAILURE(ignored)) badLength = 0;
            *invalid_offset = (int32_t)(src - source) - badLength;
            if (*invalid_offset < 0) *invalid_offset = 0;
        }
        ucnv_close(cnv);
        if (error_code) *error_code = (int32_t)status;
        return -1;
    }
    ucnv_close(cnv);
    if (error_code) *error_code = 0;
    return (int32_t)(target - (UChar *)dest);
}

int32_t cicu_converter_exists(const char *encoding) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(encoding, &status);
    if (cnv) ucnv_close(cnv);
    return U_SUCCESS(status) && cnv ? 1 : 0;
}
