// The benchmark's own ICU reference: unversioned static inline wrappers (ICU 72 renames every C
// function with its version through macros that Swift cannot call through).
#ifndef REDFLAG_BENCH_CICUREF_H
#define REDFLAG_BENCH_CICUREF_H

#include <unicode/utypes.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>

static inline UBreakIterator *bref_ubrk_open_word(UErrorCode *status) {
  return ubrk_open(UBRK_WORD, "", NULL, 0, status);
}
static inline void bref_ubrk_set_text(UBreakIterator *bi, const UChar *text, int32_t length, UErrorCode *status) {
  ubrk_setText(bi, text, length, status);
}
static inline int32_t bref_ubrk_first(UBreakIterator *bi) { return ubrk_first(bi); }
static inline int32_t bref_ubrk_next(UBreakIterator *bi) { return ubrk_next(bi); }
static inline int32_t bref_ubrk_rule_status(UBreakIterator *bi) { return ubrk_getRuleStatus(bi); }
static inline void bref_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }
// UBRK_WORD_NONE_LIMIT: statuses below it are spaces and punctuation, not words.
static inline int32_t bref_word_none_limit(void) { return UBRK_WORD_NONE_LIMIT; }

static inline const UNormalizer2 *bref_nfkc_casefold(UErrorCode *status) {
  return unorm2_getNFKCCasefoldInstance(status);
}
static inline int32_t bref_normalize(const UNormalizer2 *n, const UChar *src, int32_t length,
                                     UChar *dest, int32_t capacity, UErrorCode *status) {
  return unorm2_normalize(n, src, length, dest, capacity, status);
}
static inline int bref_failure(UErrorCode code) { return U_FAILURE(code) ? 1 : 0; }
static inline const char *bref_error_name(UErrorCode code) { return u_errorName(code); }

#endif
