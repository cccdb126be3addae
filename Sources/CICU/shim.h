// Static inline wrappers over ICU's versioned C entry points.
// ICU renames every function with its major version (ubrk_open -> ubrk_open_72) through macros
// that Swift cannot see through; these wrappers give Swift stable, unversioned names.
#ifndef REDFLAG_CICU_SHIM_H
#define REDFLAG_CICU_SHIM_H

#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/utrans.h>
#include <unicode/uloc.h>

static inline const char *cicu_errorName(UErrorCode code) { return u_errorName(code); }

// Word break iterator.
static inline UBreakIterator *cicu_ubrk_openWord(const char *locale, UErrorCode *status) {
  return ubrk_open(UBRK_WORD, locale, NULL, 0, status);
}
static inline UBreakIterator *cicu_ubrk_clone(const UBreakIterator *bi, UErrorCode *status) {
  return ubrk_clone(bi, status);
}
static inline void cicu_ubrk_setText(UBreakIterator *bi, const UChar *text, int32_t length, UErrorCode *status) {
  ubrk_setText(bi, text, length, status);
}
static inline int32_t cicu_ubrk_first(UBreakIterator *bi) { return ubrk_first(bi); }
static inline int32_t cicu_ubrk_next(UBreakIterator *bi) { return ubrk_next(bi); }
static inline int32_t cicu_ubrk_getRuleStatus(UBreakIterator *bi) { return ubrk_getRuleStatus(bi); }
static inline void cicu_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }

// Normalisation.
static inline const UNormalizer2 *cicu_nfkcCasefold(UErrorCode *status) {
  return unorm2_getNFKCCasefoldInstance(status);
}
static inline const UNormalizer2 *cicu_nfd(UErrorCode *status) { return unorm2_getNFDInstance(status); }
static inline const UNormalizer2 *cicu_nfc(UErrorCode *status) { return unorm2_getNFCInstance(status); }
static inline int32_t cicu_normalize(const UNormalizer2 *n, const UChar *src, int32_t length,
                                     UChar *dest, int32_t capacity, UErrorCode *status) {
  return unorm2_normalize(n, src, length, dest, capacity, status);
}

// Confusables (homoglyphs).
static inline USpoofChecker *cicu_uspoof_open(UErrorCode *status) { return uspoof_open(status); }
static inline int32_t cicu_uspoof_getSkeleton(const USpoofChecker *sc, const UChar *id, int32_t length,
                                              UChar *dest, int32_t capacity, UErrorCode *status) {
  return uspoof_getSkeleton(sc, 0, id, length, dest, capacity, status);
}
static inline void cicu_uspoof_close(USpoofChecker *sc) { uspoof_close(sc); }

// Transliteration (Zawgyi-my).
static inline UTransliterator *cicu_utrans_openU(const UChar *id, int32_t idLength, UErrorCode *status) {
  return utrans_openU(id, idLength, UTRANS_FORWARD, NULL, -1, NULL, status);
}
static inline void cicu_utrans_transUChars(const UTransliterator *t, UChar *text, int32_t *textLength,
                                           int32_t capacity, int32_t start, int32_t *limit, UErrorCode *status) {
  utrans_transUChars(t, text, textLength, capacity, start, limit, status);
}
static inline void cicu_utrans_close(UTransliterator *t) { utrans_close(t); }

// Character properties.
static inline int32_t cicu_script(UChar32 c, UErrorCode *status) { return (int32_t)uscript_getScript(c, status); }
static inline int8_t cicu_charType(UChar32 c) { return u_charType(c); }
static inline UBool cicu_isEmojiPresentation(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION); }
static inline UBool cicu_isExtendedPictographic(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC); }
static inline UBool cicu_isAlphabetic(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_ALPHABETIC); }
static inline int32_t cicu_wordBreakProperty(UChar32 c) { return u_getIntPropertyValue(c, UCHAR_WORD_BREAK); }

// Script codes used by RedFlag (values of UScriptCode).
enum {
  CICU_SCRIPT_COMMON = USCRIPT_COMMON, CICU_SCRIPT_INHERITED = USCRIPT_INHERITED,
  CICU_SCRIPT_LATIN = USCRIPT_LATIN, CICU_SCRIPT_CYRILLIC = USCRIPT_CYRILLIC, CICU_SCRIPT_GREEK = USCRIPT_GREEK,
  CICU_SCRIPT_THAI = USCRIPT_THAI, CICU_SCRIPT_KHMER = USCRIPT_KHMER, CICU_SCRIPT_LAO = USCRIPT_LAO,
  CICU_SCRIPT_MYANMAR = USCRIPT_MYANMAR, CICU_SCRIPT_HAN = USCRIPT_HAN, CICU_SCRIPT_HIRAGANA = USCRIPT_HIRAGANA,
  CICU_SCRIPT_KATAKANA = USCRIPT_KATAKANA, CICU_SCRIPT_HANGUL = USCRIPT_HANGUL, CICU_SCRIPT_ARABIC = USCRIPT_ARABIC,
  CICU_SCRIPT_DEVANAGARI = USCRIPT_DEVANAGARI,
};
// Word break rule status ranges (UWordBreak).
enum {
  CICU_WB_NONE_LIMIT = UBRK_WORD_NONE_LIMIT, CICU_WB_NUMBER = UBRK_WORD_NUMBER,
  CICU_WB_NUMBER_LIMIT = UBRK_WORD_NUMBER_LIMIT, CICU_WB_LETTER = UBRK_WORD_LETTER,
  CICU_WB_LETTER_LIMIT = UBRK_WORD_LETTER_LIMIT, CICU_WB_KANA = UBRK_WORD_KANA,
  CICU_WB_KANA_LIMIT = UBRK_WORD_KANA_LIMIT, CICU_WB_IDEO = UBRK_WORD_IDEO,
  CICU_WB_IDEO_LIMIT = UBRK_WORD_IDEO_LIMIT,
};
#endif
