/// A document after the text pipeline: tokens with their normalised and de-obfuscated forms, kinds,
/// scripts and spans in the original input, and a language guess.
public struct AnalyzedText: Sendable {
  /// The input as text (invalid UTF-8 replaced by U+FFFD). Token spans index into it.
  public let text: String
  public let tokens: [Token]
  /// The main language of the document.
  public let language: LanguageGuess
  /// Stretches of the document in one language, in order.
  public let languageSpans: [LanguageSpan]
  /// Whether Burmese text in the Zawgyi encoding was found and converted to Unicode first.
  public let zawgyiConverted: Bool
  /// How many ill-formed UTF-8 sequences were replaced by U+FFFD.
  public let repairedSequences: Int
  /// Length of the input in code points and in UTF-8 bytes.
  public let scalarCount: Int
  public let utf8Count: Int
}

/// The text pipeline: repairs, cleans, converts Zawgyi, segments (ICU, with a Latin fast path),
/// recognises entities, normalises and de-obfuscates every token, keeping exact spans.
///
/// Not thread-safe (it owns ICU iterators); create one per thread. Creation is cheap.
public final class TextAnalyzer {
  private let breaker = ICUWordBreaker()
  private lazy var zawgyiConverter: ICUTransliterator? = ICUTransliterator(id: "Zawgyi-my")

  // Scratch buffers reused across documents.
  private var utf16: [UInt16] = []
  private var utf16Map: [Int] = []
  private var segments: [WordSegment] = []

  public init() {}

  /// Analyzes a string.
  public func analyze(_ text: String) -> AnalyzedText {
    analyze(text, guessLanguage: true)
  }

  /// Analyzes a string. With `guessLanguage: false` the language guess is skipped (`und`), which
  /// saves time when only the tokens matter.
  public func analyze(_ text: String, guessLanguage: Bool) -> AnalyzedText {
    let decoded = DecodedInput(text)
    return analyze(decoded, text: text, guessLanguage: guessLanguage)
  }

  /// Analyzes bytes that should be UTF-8; ill-formed sequences become U+FFFD and byte offsets still
  /// refer to `bytes`.
  public func analyze(utf8 bytes: [UInt8]) -> AnalyzedText {
    let decoded = bytes.withUnsafeBufferPointer { DecodedInput(utf8: $0) }
    let text = decoded.repairs == 0 ? String(decoding: bytes, as: UTF8.self) : makeString(decoded.scalars)
    return analyze(decoded, text: text)
  }

  private func analyze(_ input: DecodedInput, text: String, guessLanguage: Bool = true) -> AnalyzedText {
    var prepared = PreparedText(input)
    var zawgyi = false
    if prepared.hasMyanmar {
      zawgyi = input.scalars.withUnsafeBufferPointer { Zawgyi.isZawgyi($0) }
    }
    if zawgyi, let converter = zawgyiConverter {
      prepared.convertMyanmarRuns(with: converter)
    } else {
      zawgyi = false
    }
    segment(&prepared)
    let tokens = prepared.clean.withUnsafeBufferPointer { clean in
      buildTokens(clean, prepared, input)
    }
    let (language, spans) = guessLanguage ? LanguageGuesser.guess(tokens) : (LanguageGuess.undetermined, [])
    return AnalyzedText(
      text: text, tokens: tokens, language: language, languageSpans: spans, zawgyiConverted: zawgyi,
      repairedSequences: input.repairs, scalarCount: input.scalars.count,
      utf8Count: input.utf8Offsets.last ?? 0)
  }

  // MARK: Segmentation

  /// Fills `segments` for the whole cleaned text: whitespace-separated chunks go through the fast
  /// path when it handles them; consecutive chunks it declines go to ICU together.
  private func segment(_ p: inout PreparedText) {
    segments.removeAll(keepingCapacity: true)
    p.clean.withUnsafeBufferPointer { s in
      let n = s.count
      var i = 0
      var icuStart = -1  // start of a pending run for ICU
      var icuEnd = -1
      func flushICU() {
        if icuStart >= 0 {
          WordSegmenter.icuSegments(s, icuStart, icuEnd, breaker: breaker, utf16: &utf16, map: &utf16Map, into: &segments)
          icuStart = -1
        }
      }
      while i < n {
        // Skip chunk separators.
        if PreparedText.isChunkSeparator(s, i) {
          i += 1
          continue
        }
        var j = i + 1
        while j < n && !PreparedText.isChunkSeparator(s, j) { j += 1 }
        let mark = segments.count
        if WordSegmenter.fastSegments(s, i, j, into: &segments) {
          if icuStart >= 0 {
            let fast = Array(segments[mark...])
            segments.removeSubrange(mark...)
            flushICU()
            segments.append(contentsOf: fast)
          }
        } else {
          segments.removeSubrange(mark...)
          if icuStart < 0 { icuStart = i }
          icuEnd = j
        }
        i = j
      }
      flushICU()
    }
  }

  // MARK: Tokens

  private func buildTokens(
    _ s: UnsafeBufferPointer<UInt32>, _ p: PreparedText, _ input: DecodedInput
  ) -> [Token] {
    var raw: [RawToken] = []
    raw.reserveCapacity(segments.count / 2 + 1)
    var covered = 0  // clean index up to which an entity already took the text
    for seg in segments {
      var start = seg.start
      if seg.end <= covered { continue }
      if start < covered {
        // An entity took the front of this segment; what is left counts only if it has a letter
        // or digit (not a lone variation selector or mark).
        start = covered
        var rest = false
        for k in start..<seg.end where isWordChar(s[k]) {
          rest = true
          break
        }
        if !rest { continue }
      }
      let v = s[start]
      if EntityRecognizer.isAmbiguousStart(v)
        && (start == 0 || !isWordChar(s[start - 1]) || v == 0x40 || startsAfterSpacelessLetter(s, start)),
        let m = EntityRecognizer.match(s, at: start), m.end > start
      {
        raw.append(RawToken(start: start, end: m.end, kind: m.kind))
        covered = m.end
        continue
      }
      if seg.status >= 100 {
        // ICU calls "n0" a number (it ends in a digit); a segment with a letter is a word here.
        var kind: TokenKind = .number
        for k in start..<seg.end where !CharProps.isDecimalDigit(s[k]) && isWordChar(s[k]) && s[k] != 0x5F {
          kind = .word
          break
        }
        raw.append(RawToken(start: start, end: seg.end, kind: kind))
      } else if CharProps.isEmoji(v) || (v >= 0x1F1E6 && v <= 0x1F1FF) {
        raw.append(RawToken(start: start, end: seg.end, kind: .emoji))
      } else if v == 0x24 || v == 0x21 || v == 0x7C {
        // "$", "!" or "|" glued between letters: leetspeak ("ca$h", "fr!ends") joins the parts.
        raw.append(RawToken(start: start, end: seg.end, kind: .word, isLeetSymbol: true))
      }
    }
    Deobfuscator.joinLeetSymbols(&raw, s)
    Deobfuscator.joinSpreadLetters(&raw, s)

    var tokens: [Token] = []
    tokens.reserveCapacity(raw.count)
    var sentence = 0
    var previousEnd = 0
    for r in raw where !r.isLeetSymbol {
      if Sentences.hasBreak(s, previousEnd, r.start) { sentence += 1 }
      previousEnd = r.end
      let origStart = Int(p.origStart[r.start])
      let origEnd = Int(p.origEnd[r.end - 1])
      let span = TextSpan(
        start: origStart, end: origEnd, utf8Start: input.utf8Offsets[origStart],
        utf8End: input.utf8Offsets[origEnd])
      let original = input.scalars.withUnsafeBufferPointer {
        makeString(UnsafeBufferPointer(rebasing: $0[origStart..<origEnd]))
      }
      let forms = Normalization.forms(of: r, in: s)
      tokens.append(
        Token(
          kind: r.kind, script: forms.script, text: original, norm: forms.norm,
          deobfuscated: forms.deobfuscated, folded: forms.folded, span: span, sentence: sentence))
    }
    return tokens
  }
}

/// Whether `s[i]` is not a letter of a non-ASCII alphabet and follows a letter of a spaceless
/// script: numbers, money, handles and links in Chinese or Thai ("月薪15000元", "工资USD2000",
/// "联系t.me/abc") are written right after the word before them.
@inline(__always)
func startsAfterSpacelessLetter(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Bool {
  let prev = s[i - 1]
  let v = s[i]
  guard prev >= 0x0E00, v < 0x80 || !CharProps.isAlphabetic(v) || v >= 0x0E00 else { return false }
  return CharProps.script(of: prev).isSpaceless
}

@inline(__always)
func isWordChar(_ v: UInt32) -> Bool {
  if v < 0x80 {
    return (v >= 0x30 && v <= 0x39) || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) || v == 0x5F
  }
  return CharProps.isAlphabetic(v) || CharProps.isDecimalDigit(v)
}

/// A token before normalisation: a range of the cleaned text.
struct RawToken {
  var start: Int
  var end: Int
  var kind: TokenKind
  /// A lone "$", "!" or "|" kept only to join leetspeak; dropped after joining.
  var isLeetSymbol = false
  /// Letters spread out with separators ("T e l e g r a m"): the scalars of the joined word.
  var joinedLetters: [UInt32]? = nil
}

/// Sentence breaks between tokens.
enum Sentences {
  static func hasBreak(_ s: UnsafeBufferPointer<UInt32>, _ from: Int, _ to: Int) -> Bool {
    guard from < to else { return false }
    for k in from..<to {
      switch s[k] {
      case 0x2E, 0x21, 0x3F, 0x0A, 0x0D, 0x2028, 0x2029, 0x3002, 0xFF61, 0x17D4, 0x17D5, 0x104A, 0x104B,
        0x0E2F, 0x0E5A, 0x0E5B, 0x061F, 0x0964, 0x2026:
        // A period between two digits is a decimal point, not a sentence end.
        if s[k] == 0x2E && k > 0 && k + 1 < s.count && isDigitASCII(s[k - 1]) && isDigitASCII(s[k + 1]) {
          continue
        }
        return true
      default: continue
      }
    }
    return false
  }
  @inline(__always) static func isDigitASCII(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }
}

/// The input after cleaning: zero-width and bidi controls dropped, fullwidth ASCII folded, and
/// (for Zawgyi documents) Burmese converted; with the original span of every scalar.
struct PreparedText {
  var clean: [UInt32] = []
  /// Original scalar index where clean scalar `i` starts.
  var origStart: [Int32] = []
  /// Original scalar index (exclusive) where clean scalar `i` ends.
  var origEnd: [Int32] = []
  var hasMyanmar = false

  init(_ input: DecodedInput) {
    let n = input.scalars.count
    clean.reserveCapacity(n)
    origStart.reserveCapacity(n)
    origEnd.reserveCapacity(n)
    input.scalars.withUnsafeBufferPointer { s in
      var skipNext = false
      for k in 0..<n {
        if skipNext {
          skipNext = false
          continue
        }
        var v = s[k]
        if v >= 0x80 {
          if PreparedText.isInvisibleControl(v) {
            // Keep ZWJ inside emoji sequences (family, flags of profession), drop it elsewhere.
            if v == 0x200D, k > 0, k + 1 < n, CharProps.isEmoji(s[k - 1]) || s[k - 1] == 0xFE0F,
              CharProps.isEmoji(s[k + 1])
            {
              // kept
            } else {
              continue
            }
          } else if v >= 0xFF01 && v <= 0xFF5E {
            v -= 0xFEE0
          } else if v == 0x3000 {
            v = 0x20
          } else if Zawgyi.isMyanmar(v) {
            hasMyanmar = true
          }
        }
        // Spellings that ICU segments differently from their composed form: Thai and Lao SARA AM
        // typed as NIKHAHIT + SARA AA, and Lao HO + MO/NO typed for the ligatures ໝ and ໜ.
        if k + 1 < n, let composed = PreparedText.composedPair(v, s[k + 1]) {
          clean.append(composed)
          origStart.append(Int32(k))
          origEnd.append(Int32(k + 2))
          skipNext = true
          continue
        }
        clean.append(v)
        origStart.append(Int32(k))
        origEnd.append(Int32(k + 1))
      }
    }
  }

  @inline(__always)
  static func composedPair(_ a: UInt32, _ b: UInt32) -> UInt32? {
    switch (a, b) {
    case (0x0E4D, 0x0E32): 0x0E33
    case (0x0ECD, 0x0EB2): 0x0EB3
    case (0x0EAB, 0x0EA1): 0x0EDD
    case (0x0EAB, 0x0E99): 0x0EDC
    default: nil
    }
  }

  @inline(__always)
  static func isInvisibleControl(_ v: UInt32) -> Bool {
    switch v {
    case 0x00AD, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF:
      return true
    default:
      return false
    }
  }

  /// A scalar where the pipeline may cut the text into chunks: whitespace that ICU always breaks
  /// around (not followed by a combining mark, which would attach to it).
  @inline(__always)
  static func isChunkSeparator(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Bool {
    let v = s[i]
    let ws = v == 0x20 || v == 0x0A || v == 0x09 || v == 0x0D || v == 0x0B || v == 0x0C || v == 0x85
      || v == 0x2028 || v == 0x2029
    guard ws else { return false }
    if i + 1 < s.count {
      let w = s[i + 1]
      if w >= 0x300 && (CharProps.isMark(w) || PreparedText.isInvisibleControl(w) || w == 0x200D || w == 0xFE0F) {
        return false
      }
    }
    return true
  }

  /// Converts every run of Myanmar scalars from Zawgyi to Unicode. Each converted scalar spans its
  /// whole run in the original, since Zawgyi orders code points differently.
  mutating func convertMyanmarRuns(with converter: ICUTransliterator) {
    var newClean: [UInt32] = []
    var newStart: [Int32] = []
    var newEnd: [Int32] = []
    newClean.reserveCapacity(clean.count)
    var i = 0
    let n = clean.count
    while i < n {
      guard Zawgyi.isMyanmar(clean[i]) else {
        newClean.append(clean[i]); newStart.append(origStart[i]); newEnd.append(origEnd[i])
        i += 1
        continue
      }
      var j = i
      while j < n && Zawgyi.isMyanmar(clean[j]) { j += 1 }
      var units: [UInt16] = []
      for k in i..<j { appendUTF16(clean[k], to: &units) }
      let converted = converter.transliterate(units)
      var scalars: [UInt32] = []
      decodeUTF16Array(converted, into: &scalars)
      for v in scalars {
        newClean.append(v); newStart.append(origStart[i]); newEnd.append(origEnd[j - 1])
      }
      i = j
    }
    clean = newClean
    origStart = newStart
    origEnd = newEnd
  }
}
