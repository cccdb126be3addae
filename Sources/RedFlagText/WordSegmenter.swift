/// One word-break segment: a half-open range of scalar indices and ICU's rule status for it.
public struct WordSegment: Sendable, Hashable, CustomStringConvertible {
  public var start: Int
  public var end: Int
  /// ICU's rule status class: 0 none (spaces, punctuation), 100 number, 200 letter, 300 kana, 400 ideograph.
  public var status: Int32
  public init(start: Int, end: Int, status: Int32) { self.start = start; self.end = end; self.status = status }
  public var isWordLike: Bool { status >= 100 }
  public var description: String { "\(start)..<\(end)#\(status)" }
}

/// Word_Break classes of the scalars the fast path handles (values of ICU's UWordBreakValues).
enum WB: UInt8 {
  case other = 0, aLetter = 1, format = 2, katakana = 3, midLetter = 4, midNum = 5, numeric = 6
  case extendNumLet = 7, cr = 8, extend = 9, lf = 10, midNumLet = 11, newline = 12
  case regionalIndicator = 13, hebrewLetter = 14, singleQuote = 15, doubleQuote = 16
  case zwj = 21, wSegSpace = 22
  /// Not in the fast path's table: the text goes to ICU.
  case unsupported = 255
}

/// The fast path's knowledge: Word_Break classes of Basic Latin, Latin-1, Latin Extended-A/B,
/// IPA, spacing modifiers, combining diacritics, Latin Extended Additional (Vietnamese) and
/// General Punctuation, read from ICU once. Everything else is segmented by ICU.
enum FastWordBreakTable {
  static let ranges: [(UInt32, UInt32)] = [(0x0000, 0x036F), (0x1E00, 0x1EFF), (0x2000, 0x20CF)]

  /// Dense table for U+0000...U+036F.
  static let low: [UInt8] = (0..<0x370).map { classify(UInt32($0)) }
  /// Dense table for U+1E00...U+1EFF.
  static let vietnamese: [UInt8] = (0x1E00..<0x1F00).map { classify(UInt32($0)) }
  /// Dense table for U+2000...U+20CF (general punctuation, currency symbols).
  static let punctuation: [UInt8] = (0x2000..<0x20D0).map { classify(UInt32($0)) }

  private static func classify(_ v: UInt32) -> UInt8 {
    let p = CharProps.wordBreak(v)
    switch p {
    case 0...16, 21, 22:
      // ICU tailors the root rules: a colon does not join letters ("a:b" is three segments).
      if p == 4 && (v == 0x3A) { return WB.other.rawValue }
      // ... and "@" counts as a letter, so "jobs@example.com" and "@hr_01" stay whole.
      if v == 0x40 { return WB.aLetter.rawValue }
      return UInt8(p)
    default: return WB.unsupported.rawValue
    }
  }

  @inline(__always)
  static func lookup(_ v: UInt32) -> WB {
    let raw: UInt8
    if v < 0x370 {
      raw = low[Int(v)]
    } else if v >= 0x1E00 && v < 0x1F00 {
      raw = vietnamese[Int(v - 0x1E00)]
    } else if v >= 0x2000 && v < 0x20D0 {
      raw = punctuation[Int(v - 0x2000)]
    } else {
      return .unsupported
    }
    return WB(rawValue: raw) ?? .unsupported
  }
}

/// Word segmentation: ICU's word break, with a fast path of our own for Latin-script text that
/// gives the same segments (a differential test holds it to that).
public enum WordSegmenter {
  /// Segments with the fast path; nil when the text has a scalar the fast path does not handle.
  public static func segmentFast(_ text: String) -> [WordSegment]? {
    let decoded = DecodedInput(text)
    return decoded.scalars.withUnsafeBufferPointer { s in
      var out: [WordSegment] = []
      return fastSegments(s, 0, s.count, into: &out) ? out : nil
    }
  }

  /// Segments with ICU only.
  public static func segmentICU(_ text: String) -> [WordSegment] {
    let decoded = DecodedInput(text)
    let breaker = ICUWordBreaker()
    var out: [WordSegment] = []
    decoded.scalars.withUnsafeBufferPointer { s in
      var utf16: [UInt16] = []
      var map: [Int] = []
      icuSegments(s, 0, s.count, breaker: breaker, utf16: &utf16, map: &map, into: &out)
    }
    return out
  }

  /// Segments `s[from..<to]` with ICU, appending segments in scalar indices.
  static func icuSegments(
    _ s: UnsafeBufferPointer<UInt32>, _ from: Int, _ to: Int, breaker: ICUWordBreaker,
    utf16: inout [UInt16], map: inout [Int], into out: inout [WordSegment]
  ) {
    utf16.removeAll(keepingCapacity: true)
    map.removeAll(keepingCapacity: true)
    for k in from..<to {
      let v = s[k]
      map.append(k)
      if v >= 0x10000 { map.append(k) }
      appendUTF16(v, to: &utf16)
    }
    map.append(to)
    utf16.withUnsafeBufferPointer { u in
      breaker.segments(u) { a, b, status in
        let st = status / 100 * 100
        if st >= 100 {
          appendSplittingScriptJoins(s, map[a], map[b], st, into: &out)
        } else {
          out.append(WordSegment(start: map[a], end: map[b], status: st))
        }
      }
    }
  }

  /// Appends the word segment `from..<to`, cut where it passes between a spaceless script (Thai,
  /// Lao, Khmer, Burmese, Han, kana) and ASCII letters or digits, or that script's own digits. ICU
  /// keeps such runs in one word ("เดือน15000บาท", "ទាក់ទងTelegram@kh_job", "ສົນໃຈທັກWhatsAppໄດ້",
  /// "ប្រាក់ខែ១៥០០ដុល្លារ", "လစာ၁၅သိန်း"), and posts in these scripts write amounts, ages, app names,
  /// handles and links without a space. Symbols between two runs ("@", ".") go with the run after
  /// them, so "ไลน์@abc" gives "ไลน์" and the handle "@abc". A lone Burmese ၀ or ၇ between letters
  /// stays in the word: it is the old typing habit for the letters ဝ and ရ ("၀န်ထမ်း", staff).
  static func appendSplittingScriptJoins(
    _ s: UnsafeBufferPointer<UInt32>, _ from: Int, _ to: Int, _ status: Int32, into out: inout [WordSegment]
  ) {
    // Most segments are all one script: only those with an ASCII letter or digit, or a native
    // digit, beside another non-ASCII scalar need the script lookups below.
    var ascii = false
    var digit = false
    var other = false
    for k in from..<to {
      let v = s[k]
      if v < 0x80 {
        if joinClass(v) == 1 { ascii = true }
      } else if isNativeDigit(v) {
        digit = true
      } else {
        other = true
      }
      if (ascii || digit) && (other || (ascii && digit)) { break }
    }
    if !((ascii || digit) && (other || (ascii && digit))) {
      out.append(WordSegment(start: from, end: to, status: status))
      return
    }
    var classes = (from..<to).map { joinClass(s[$0]) }
    // A Burmese ၀ or ၇ alone between non-digits is a letter typed as a digit.
    for i in classes.indices where classes[i] == 3 {
      let v = s[from + i]
      guard v == 0x1040 || v == 0x1047 else { continue }
      let before = i > 0 ? classes[i - 1] : 0
      let after = i + 1 < classes.count ? classes[i + 1] : 0
      if before != 3 && after != 3 && (before == 2 || after == 2) { classes[i] = 2 }
    }
    var start = from
    var current = classes[0]
    var lastEnd = from + 1  // just after the last scalar of class `current`
    for k in (from + 1)..<max(from + 1, to) {
      let c = classes[k - from]
      if c != 0 {
        if current != 0 && c != current {
          out.append(WordSegment(start: start, end: lastEnd, status: status))
          start = lastEnd
        }
        current = c
        lastEnd = k + 1
      }
    }
    out.append(WordSegment(start: start, end: to, status: status))
  }

  /// 1: ASCII letter or digit; 2: a letter or mark of a spaceless script; 3: a Thai, Lao, Khmer or
  /// Burmese digit; 0: anything else.
  @inline(__always) static func joinClass(_ v: UInt32) -> Int {
    if v < 0x80 {
      return (v >= 0x30 && v <= 0x39) || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) ? 1 : 0
    }
    if isNativeDigit(v) { return 3 }
    return v >= 0x0E00 && CharProps.script(of: v).isSpaceless ? 2 : 0
  }

  /// Thai, Lao, Khmer and Burmese (and Shan) decimal digits: the non-ASCII digits of
  /// `EntityRecognizer.digitValue`, fullwidth ones left out.
  @inline(__always) static func isNativeDigit(_ v: UInt32) -> Bool {
    v >= 0x0E50 && v < 0xFF10 && EntityRecognizer.digitValue(v) >= 0
  }

  @inline(__always)
  static func isAHLetter(_ c: WB) -> Bool { c == .aLetter || c == .hebrewLetter }
  @inline(__always)
  static func isIgnorable(_ c: WB) -> Bool { c == .extend || c == .format || c == .zwj }

  /// The fast path: UAX #29 word boundaries (as ICU tailors them) for scalars of the fast table.
  /// Returns false, leaving `out` unspecified, when a scalar is outside the table.
  static func fastSegments(
    _ s: UnsafeBufferPointer<UInt32>, _ from: Int, _ to: Int, into out: inout [WordSegment]
  ) -> Bool {
    var i = from
    // Index of the next scalar at or after `j` that is not Extend/Format/ZWJ.
    func skipIgnorable(_ j: Int) -> Int {
      var j = j
      while j < to, isIgnorable(FastWordBreakTable.lookup(s[j])) { j += 1 }
      return j
    }
    while i < to {
      let start = i
      let c0 = FastWordBreakTable.lookup(s[i])
      if c0 == .unsupported { return false }
      switch c0 {
      case .cr:
        i += (i + 1 < to && s[i + 1] == 0x0A) ? 2 : 1
        out.append(WordSegment(start: start, end: i, status: 0))
        continue
      case .lf, .newline:
        i += 1
        out.append(WordSegment(start: start, end: i, status: 0))
        continue
      case .wSegSpace:
        i += 1
        while i < to, FastWordBreakTable.lookup(s[i]) == .wSegSpace { i += 1 }
        i = skipIgnorable(i)
        out.append(WordSegment(start: start, end: i, status: 0))
        continue
      default: break
      }
      var prev = c0
      // ICU reports the status of the last rule that joined: a word ending in digits is a number.
      var status: Int32 = (isAHLetter(c0) || c0 == .katakana) ? 200 : (c0 == .numeric ? 100 : 0)
      i = skipIgnorable(i + 1)
      while i < to {
        let cur = FastWordBreakTable.lookup(s[i])
        if cur == .unsupported { return false }
        var join = false
        var next = prev
        if isAHLetter(prev) && isAHLetter(cur) {
          join = true; next = cur
        } else if isAHLetter(prev) && cur == .numeric || prev == .numeric && isAHLetter(cur) {
          join = true; next = cur
        } else if prev == .numeric && cur == .numeric {
          join = true
        } else if (isAHLetter(prev) || prev == .numeric || prev == .katakana || prev == .extendNumLet)
          && cur == .extendNumLet
        {
          join = true; next = .extendNumLet
        } else if prev == .extendNumLet && (isAHLetter(cur) || cur == .numeric || cur == .katakana) {
          join = true; next = cur
        } else if prev == .katakana && cur == .katakana {
          join = true
        } else if isAHLetter(prev) && (cur == .midLetter || cur == .midNumLet || cur == .singleQuote) {
          // WB6/WB7: letter (mid) letter.
          let j = skipIgnorable(i + 1)
          if j < to {
            let after = FastWordBreakTable.lookup(s[j])
            if after == .unsupported { return false }
            if isAHLetter(after) {
              i = j; join = true; next = after
              status = 200
              i = skipIgnorable(i + 1)
              prev = next
              continue
            }
          }
        } else if prev == .numeric && (cur == .midNum || cur == .midNumLet || cur == .singleQuote) {
          // WB11/WB12: number (mid) number.
          let j = skipIgnorable(i + 1)
          if j < to {
            let after = FastWordBreakTable.lookup(s[j])
            if after == .unsupported { return false }
            if after == .numeric {
              i = skipIgnorable(j + 1)
              status = 100
              continue
            }
          }
        }
        if !join { break }
        if isAHLetter(cur) || cur == .katakana { status = 200 }
        if cur == .numeric { status = 100 }
        if cur == .extendNumLet && prev == .extendNumLet { status = 200 }
        prev = next
        i += 1
        if i < to, cur == .extendNumLet, isIgnorable(FastWordBreakTable.lookup(s[i])) {
          // ICU's status after "_" + combining marks follows its rule chaining, not UAX #29;
          // such text is rare enough to leave to ICU.
          return false
        }
        i = skipIgnorable(i)
      }
      out.append(WordSegment(start: start, end: i, status: status))
    }
    return true
  }
}
