internal import CICU

/// An ICU call failed.
public struct ICUError: Error, CustomStringConvertible, Sendable {
  /// ICU's name for the error code, e.g. `U_ILLEGAL_ARGUMENT_ERROR`.
  public let name: String
  /// What RedFlag was doing.
  public let operation: String
  public var description: String { "ICU \(operation) failed: \(name)" }
}

extension UErrorCode {
  var isFailure: Bool { rawValue > U_ZERO_ERROR.rawValue }
  func check(_ operation: String) throws(ICUError) {
    if isFailure { throw ICUError(name: String(cString: cicu_errorName(self)), operation: operation) }
  }
}

/// Appends a scalar value to a UTF-16 buffer.
@inline(__always)
func appendUTF16(_ v: UInt32, to out: inout [UInt16]) {
  if v < 0x10000 {
    out.append(UInt16(truncatingIfNeeded: v))
  } else {
    let w = v - 0x10000
    out.append(UInt16(0xD800 + (w >> 10)))
    out.append(UInt16(0xDC00 + (w & 0x3FF)))
  }
}

/// Appends the scalars of a UTF-16 buffer to `out`.
func decodeUTF16(_ units: UnsafeBufferPointer<UInt16>, into out: inout [UInt32]) {
  var i = 0
  let n = units.count
  while i < n {
    let u = UInt32(units[i])
    if u >= 0xD800 && u < 0xDC00 && i + 1 < n {
      let l = UInt32(units[i + 1])
      if l >= 0xDC00 && l < 0xE000 {
        out.append(0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00))
        i += 2
        continue
      }
    }
    out.append(u >= 0xD800 && u < 0xE000 ? 0xFFFD : u)
    i += 1
  }
}

/// Shared, thread-safe ICU normalisers (ICU documents UNormalizer2 instances as thread-safe).
struct Normalizers: @unchecked Sendable {
  let nfkcCasefold: OpaquePointer
  let nfd: OpaquePointer

  static let shared: Normalizers = {
    var status = U_ZERO_ERROR
    let cf = cicu_nfkcCasefold(&status)
    precondition(!status.isFailure && cf != nil, "ICU NFKC_Casefold data missing")
    let d = cicu_nfd(&status)
    precondition(!status.isFailure && d != nil, "ICU NFD data missing")
    return Normalizers(nfkcCasefold: cf!, nfd: d!)
  }()

  /// Normalises UTF-16 `src` with `normalizer`, appending the result's scalars to `out`.
  func normalize(_ normalizer: OpaquePointer, _ src: [UInt16], into out: inout [UInt32]) {
    var capacity = Swift.max(16, src.count * 2 + 8)
    while true {
      var status = U_ZERO_ERROR
      var dest = [UInt16](repeating: 0, count: capacity)
      let n = dest.withUnsafeMutableBufferPointer { d in
        src.withUnsafeBufferPointer { s in
          cicu_normalize(normalizer, s.baseAddress, Int32(s.count), d.baseAddress, Int32(capacity), &status)
        }
      }
      if status == U_BUFFER_OVERFLOW_ERROR {
        capacity = Int(n) + 8
        continue
      }
      if status.isFailure {
        // Cannot happen for valid UTF-16 input; keep the text unnormalised rather than lose it.
        decodeUTF16Array(src, into: &out)
        return
      }
      dest.withUnsafeBufferPointer { d in decodeUTF16(UnsafeBufferPointer(rebasing: d[0..<Int(n)]), into: &out) }
      return
    }
  }
}

func decodeUTF16Array(_ a: [UInt16], into out: inout [UInt32]) {
  a.withUnsafeBufferPointer { decodeUTF16($0, into: &out) }
}

/// Unicode character properties from ICU.
enum CharProps {
  static func icuScript(_ v: UInt32) -> Int32 {
    var status = U_ZERO_ERROR
    return cicu_script(Int32(bitPattern: v), &status)
  }

  static func script(of v: UInt32) -> Script {
    // Fast answers for the common ranges.
    if v < 0x80 {
      let isLetter = (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A
      return isLetter ? .latin : .common
    }
    switch icuScript(v) {
    case Int32(CICU_SCRIPT_LATIN): return .latin
    case Int32(CICU_SCRIPT_CYRILLIC): return .cyrillic
    case Int32(CICU_SCRIPT_GREEK): return .greek
    case Int32(CICU_SCRIPT_THAI): return .thai
    case Int32(CICU_SCRIPT_KHMER): return .khmer
    case Int32(CICU_SCRIPT_LAO): return .lao
    case Int32(CICU_SCRIPT_MYANMAR): return .myanmar
    case Int32(CICU_SCRIPT_HAN): return .han
    case Int32(CICU_SCRIPT_HIRAGANA), Int32(CICU_SCRIPT_KATAKANA): return .kana
    case Int32(CICU_SCRIPT_HANGUL): return .hangul
    case Int32(CICU_SCRIPT_ARABIC): return .arabic
    case Int32(CICU_SCRIPT_COMMON), Int32(CICU_SCRIPT_INHERITED): return .common
    default: return .other
    }
  }

  static func isEmoji(_ v: UInt32) -> Bool {
    v >= 0x203C && (cicu_isExtendedPictographic(Int32(bitPattern: v)) != 0)
  }

  static func isAlphabetic(_ v: UInt32) -> Bool {
    cicu_isAlphabetic(Int32(bitPattern: v)) != 0
  }

  /// General category: is it a combining mark (Mn, Mc, Me)?
  static func isMark(_ v: UInt32) -> Bool {
    let t = cicu_charType(Int32(bitPattern: v))
    return t == Int8(U_NON_SPACING_MARK.rawValue) || t == Int8(U_ENCLOSING_MARK.rawValue)
      || t == Int8(U_COMBINING_SPACING_MARK.rawValue)
  }

  static func isDecimalDigit(_ v: UInt32) -> Bool {
    if v < 0x80 { return v >= 0x30 && v <= 0x39 }
    return cicu_charType(Int32(bitPattern: v)) == Int8(U_DECIMAL_DIGIT_NUMBER.rawValue)
  }

  static func wordBreak(_ v: UInt32) -> Int32 { cicu_wordBreakProperty(Int32(bitPattern: v)) }
}

/// A word break iterator. Not thread-safe: one per `TextAnalyzer`.
final class ICUWordBreaker {
  private let bi: OpaquePointer

  private static let prototype: ICUPointer = {
    var status = U_ZERO_ERROR
    let p = cicu_ubrk_openWord("", &status)
    precondition(!status.isFailure && p != nil, "ICU word break rules missing: \(status)")
    return ICUPointer(p!)
  }()

  init() {
    var status = U_ZERO_ERROR
    let p = cicu_ubrk_clone(ICUWordBreaker.prototype.pointer, &status)
    precondition(!status.isFailure && p != nil, "ICU ubrk_clone failed")
    bi = p!
  }

  deinit { cicu_ubrk_close(bi) }

  /// Segments UTF-16 text; calls `body(start, end, ruleStatus)` for each segment (UTF-16 offsets).
  func segments(_ text: UnsafeBufferPointer<UInt16>, _ body: (Int, Int, Int32) -> Void) {
    guard text.count > 0 else { return }
    var status = U_ZERO_ERROR
    cicu_ubrk_setText(bi, text.baseAddress, Int32(text.count), &status)
    if status.isFailure { return }
    var start = Int(cicu_ubrk_first(bi))
    while true {
      let end = Int(cicu_ubrk_next(bi))
      if end < 0 { break }
      body(start, end, cicu_ubrk_getRuleStatus(bi))
      start = end
    }
    // Detach the iterator from the caller's buffer.
    var s2 = U_ZERO_ERROR
    var empty: UInt16 = 0
    cicu_ubrk_setText(bi, &empty, 0, &s2)
  }
}

/// Holds an ICU pointer that is only read after creation.
struct ICUPointer: @unchecked Sendable {
  let pointer: OpaquePointer
  init(_ p: OpaquePointer) { pointer = p }
}

/// A transliterator (used for Zawgyi -> Unicode). Not thread-safe: one per `TextAnalyzer`.
final class ICUTransliterator {
  private let t: UnsafeMutablePointer<UTransliterator?>

  init?(id: String) {
    var status = U_ZERO_ERROR
    let units = Array(id.utf16)
    let p = units.withUnsafeBufferPointer { cicu_utrans_openU($0.baseAddress, Int32($0.count), &status) }
    guard !status.isFailure, let p else { return nil }
    t = p
  }

  deinit { cicu_utrans_close(t) }

  /// Transliterates UTF-16 text.
  func transliterate(_ input: [UInt16]) -> [UInt16] {
    var capacity = input.count * 2 + 16
    while true {
      var buf = input + [UInt16](repeating: 0, count: capacity - input.count)
      var length = Int32(input.count)
      var limit = Int32(input.count)
      var status = U_ZERO_ERROR
      buf.withUnsafeMutableBufferPointer { b in
        cicu_utrans_transUChars(t, b.baseAddress, &length, Int32(capacity), 0, &limit, &status)
      }
      if status == U_BUFFER_OVERFLOW_ERROR {
        capacity = Int(length) + 16
        continue
      }
      if status.isFailure { return input }
      return Array(buf[0..<Int(length)])
    }
  }
}

/// Homoglyph table: Cyrillic and Greek letters that look like a Latin letter, from ICU's
/// confusable data (the skeleton of each single letter).
enum Homoglyphs {
  static let table: [UInt32: UInt32] = {
    var status = U_ZERO_ERROR
    guard let sc = cicu_uspoof_open(&status), !status.isFailure else { return [:] }
    defer { cicu_uspoof_close(sc) }
    var map: [UInt32: UInt32] = [:]
    var ranges: [ClosedRange<UInt32>] = [0x0370...0x03FF, 0x0400...0x04FF, 0x0500...0x052F]
    ranges.append(0x13A0...0x13F5)  // Cherokee letters that mimic Latin capitals
    for r in ranges {
      for v in r {
        guard CharProps.isAlphabetic(v) else { continue }
        var src: [UInt16] = []
        appendUTF16(v, to: &src)
        var dest = [UInt16](repeating: 0, count: 16)
        var st = U_ZERO_ERROR
        let n = src.withUnsafeBufferPointer { s in
          dest.withUnsafeMutableBufferPointer { d in
            cicu_uspoof_getSkeleton(sc, s.baseAddress, Int32(s.count), d.baseAddress, 16, &st)
          }
        }
        guard !st.isFailure, n == 1 else { continue }
        let u = UInt32(dest[0])
        let lower = (u >= 0x41 && u <= 0x5A) ? u + 0x20 : u
        if lower >= 0x61 && lower <= 0x7A { map[v] = lower }
      }
    }
    return map
  }()
}
