// Entity recognition (URLs, e-mails, handles, phones, money, numbers) over Unicode scalar values.
//
// Works on a buffer of scalar values so the tokenizer can call it at every word start without
// building strings. Every path that returns nil is allocation-free: it only reads the buffer and
// static tables that are built once.

/// An entity found by `EntityRecognizer.match`.
public struct EntityMatch: Sendable, Hashable {
  /// What the entity is: `.url`, `.email`, `.handle`, `.phone`, `.money` or `.number`.
  public var kind: TokenKind
  /// Exclusive index into the scalar buffer where the entity ends.
  public var end: Int
  public init(kind: TokenKind, end: Int) { self.kind = kind; self.end = end }
}

/// Recognises entities that start at a given position of a cleaned scalar buffer.
public enum EntityRecognizer {

  /// True for every scalar at which `match` could return an entity: ASCII letters and digits,
  /// digits of the Thai, Lao, Khmer and Myanmar systems, `+`, `(`, `@` and currency symbols.
  /// `match` itself starts with this test, so the two can never disagree.
  @inline(__always)
  public static func isAmbiguousStart(_ c: UInt32) -> Bool {
    if c < 0x80 {
      let l = c | 0x20
      return (c >= 0x30 && c <= 0x39) || (l >= 0x61 && l <= 0x7A) || c == Ch.plus || c == Ch.lparen
        || c == Ch.at || c == Ch.dollar
    }
    return digitValue(c) >= 0 || isCurrencySymbol(c)
  }

  /// The longest entity that starts exactly at `i`, or nil. See `EntityMatch` for the result.
  ///
  /// `s` holds the scalar values of a cleaned text (zero-width and bidi controls removed,
  /// fullwidth ASCII folded). Out-of-range `i` yields nil.
  public static func match(_ s: UnsafeBufferPointer<UInt32>, at i: Int) -> EntityMatch? {
    guard i >= 0, i < s.count else { return nil }
    let c = s[i]
    guard isAmbiguousStart(c) else { return nil }
    if c < 0x80 {
      if c >= 0x30 && c <= 0x39 { return matchDigitStart(s, i) }
      let l = c | 0x20
      if l >= 0x61 && l <= 0x7A { return matchLetterStart(s, i) }
      switch c {
      case Ch.at: return matchHandle(s, i).map { EntityMatch(kind: .handle, end: $0) }
      case Ch.plus, Ch.lparen: return phoneEnd(s, i).map { EntityMatch(kind: .phone, end: $0) }
      default: return prefixedMoneyEnd(s, i).map { EntityMatch(kind: .money, end: $0) }  // `$`
      }
    }
    if digitValue(c) >= 0 { return matchDigitStart(s, i) }
    return prefixedMoneyEnd(s, i).map { EntityMatch(kind: .money, end: $0) }
  }

  // MARK: - Starts

  private static func matchDigitStart(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> EntityMatch? {
    if let e = numberFirstMoneyEnd(s, i) { return EntityMatch(kind: .money, end: e) }
    if let e = phoneEnd(s, i) { return EntityMatch(kind: .phone, end: e) }
    if isASCIIDigit(s[i]), let m = emailOrDomain(s, i) { return m }
    // A plain number, with an optional attached `k` ("8k" is a number, not money).
    var e = scanNumber(s, i, spaceGroups: false)
    if let m = plainMultiplierEnd(s, e) { e = m }
    if isLatinLetter(at(s, e)) { return nil }  // "24h", "3rd", "5g": a word, not a number
    return EntityMatch(kind: .number, end: e)
  }

  private static func matchLetterStart(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> EntityMatch? {
    let l = s[i] | 0x20
    if l == Ch.h || l == Ch.w, let e = schemeURLEnd(s, i) { return EntityMatch(kind: .url, end: e) }
    // Currency codes are at most four scalars ("usdt", "hk$") followed by `$`, a digit, a space
    // and a digit, or the dot of "Rp.": skip the table for every other word.
    var p = i + 1
    while p < s.count, p - i <= 4, isASCIILetter(s[p]) { p += 1 }
    if p - i <= 4 {
      let c = at(s, p)
      if c == Ch.dollar || c == Ch.dot || digitValue(c) >= 0 || (isPhoneSpace(c) && digitValue(at(s, p + 1)) >= 0),
        let e = prefixedMoneyEnd(s, i)
      {
        return EntityMatch(kind: .money, end: e)
      }
    }
    return emailOrDomain(s, i)
  }

  // MARK: - URLs and e-mail

  /// `http://...`, `https://...` or `www....`.
  private static func schemeURLEnd(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Int? {
    var body = -1
    if let p = matchWord(s, i, Lex.https) ?? matchWord(s, i, Lex.http) {
      body = p
    } else if let p = matchWord(s, i, Lex.www), isASCIIAlnum(at(s, p)) {
      body = p
    }
    guard body >= 0, isURLChar(at(s, body)), at(s, body) != Ch.slash else { return nil }
    let e = urlTailEnd(s, body)
    return e > body ? e : nil
  }

  /// Consumes URL characters from `p` and trims trailing punctuation that belongs to the sentence.
  /// A letter of a spaceless script right after an ASCII letter or digit ends the URL: Thai or
  /// Chinese text goes on right after a link without a space ("wa.me/66812345678ด่วน",
  /// "t.me/abc或者加微信"), while a path that starts with such letters ("example.com/ไทย") is kept.
  private static func urlTailEnd(_ s: UnsafeBufferPointer<UInt32>, _ p: Int) -> Int {
    var e = p
    var opens = 0
    var closes = 0
    while e < s.count, isURLChar(s[e]) {
      if s[e] >= 0x0E00, e > p, isASCIIAlnum(s[e - 1]), CharProps.script(of: s[e]).isSpaceless { break }
      if s[e] == Ch.lparen { opens += 1 } else if s[e] == Ch.rparen { closes += 1 }
      e += 1
    }
    while e > p {
      let c = s[e - 1]
      if c == Ch.rparen {
        guard closes > opens else { break }
        closes -= 1
      } else if !(c == Ch.dot || c == Ch.comma || c == Ch.bang || c == Ch.question || c == Ch.semicolon
        || c == Ch.colon || c == Ch.apostrophe || c == Ch.star)
      {
        break
      }
      e -= 1
    }
    return e
  }

  private struct Labels {
    var end: Int
    var count = 0
    var lastStart: Int
    var lastAllLetters = false
    /// Some label other than the last has a letter.
    var otherHasLetter = false
    /// Length of the label before the last one.
    var previousLength = 0
  }

  /// Dot-separated labels of ASCII letters, digits and hyphens starting at `p0`.
  private static func scanLabels(_ s: UnsafeBufferPointer<UInt32>, _ p0: Int) -> Labels {
    var r = Labels(end: p0, lastStart: p0)
    var p = p0
    var lastHasLetter = false
    while true {
      let start = p
      var letters = 0
      while p < s.count, isASCIIAlnum(s[p]) || s[p] == Ch.hyphen {
        if isASCIILetter(s[p]) { letters += 1 }
        p += 1
      }
      if p == start || p - start > 63 { return Labels(end: p0, lastStart: p0) }
      if r.count > 0 {
        r.otherHasLetter = r.otherHasLetter || lastHasLetter
        r.previousLength = r.end - r.lastStart
      }
      r.count += 1
      r.lastStart = start
      r.end = p
      r.lastAllLetters = letters == p - start
      lastHasLetter = letters > 0
      if p + 1 < s.count, s[p] == Ch.dot, isASCIIAlnum(s[p + 1]) { p += 1 } else { break }
    }
    return r
  }

  private static func emailOrDomain(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> EntityMatch? {
    // Local part of an e-mail address, which is also a superset of a domain's characters.
    var p = i
    var sawDot = false
    while p < s.count, isLocalPartChar(s[p]) {
      if s[p] == Ch.dot { sawDot = true }
      p += 1
    }
    if p < s.count, s[p] == Ch.at, p - i <= 64, s[p - 1] != Ch.dot {
      let d = scanLabels(s, p + 1)
      let tldLength = d.end - d.lastStart
      if d.count >= 2, d.lastAllLetters, tldLength >= 2, tldLength <= 24, !isWordChar(at(s, d.end)) {
        return EntityMatch(kind: .email, end: d.end)
      }
    }
    guard sawDot else { return nil }
    if i > 0, s[i - 1] == Ch.at { return nil }  // the domain of an e-mail address
    return bareDomainEnd(s, i).map { EntityMatch(kind: .url, end: $0) }
  }

  /// `example.com`, `t.me/joblink`, `jobs.example.co.th/path?x=1`.
  private static func bareDomainEnd(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Int? {
    let d = scanLabels(s, i)
    guard d.count >= 2, d.lastAllLetters, !isWordChar(at(s, d.end)) else { return nil }
    guard let strength = tldStrength(s, d.lastStart, d.end) else { return nil }
    var e = d.end
    var hasPath = false
    if at(s, e) == Ch.colon, isASCIIDigit(at(s, e + 1)) {
      e += 1
      while isASCIIDigit(at(s, e)) { e += 1 }
      hasPath = true
    }
    let c = at(s, e)
    if c == Ch.slash || c == Ch.question || c == Ch.hash {
      hasPath = true
      e = urlTailEnd(s, e)
    }
    if hasPath || strength == .strong { return e }
    // gTLDs that are English words: "joblink.vip" is a domain, "Good salary.Info" a missing space.
    if strength == .word && (!isASCIIUpper(s[d.lastStart]) || d.count >= 3) { return e }
    // A TLD that is also a common word ("good.my", "e.g.in"): only with a path or with three
    // labels, the one before the TLD at least two letters long ("jobs.example.my").
    if d.count >= 3 && d.otherHasLetter && d.previousLength >= 2 { return e }
    return nil
  }

  private enum TLDStrength { case strong, word, weak }

  private static func tldStrength(_ s: UnsafeBufferPointer<UInt32>, _ a: Int, _ b: Int) -> TLDStrength? {
    let n = b - a
    guard n >= 2, n <= 6 else { return nil }
    if longestWord(s, a, Lex.weakTLDs) == b { return .weak }
    if longestWord(s, a, Lex.wordTLDs) == b { return .word }
    if longestWord(s, a, Lex.strongTLDs) == b { return .strong }
    return nil
  }

  // MARK: - Handles

  private static func matchHandle(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Int? {
    if i > 0, isWordChar(s[i - 1]) { return nil }
    var p = i + 1
    var hasLetter = false
    guard p < s.count, s[p] != Ch.dot else { return nil }
    while p < s.count {
      let c = s[p]
      if isASCIIAlnum(c) || c == Ch.underscore || c == Ch.dot || isLatinLetter(c) {
        if isLatinLetter(c) || c == Ch.underscore { hasLetter = true }
        p += 1
      } else {
        break
      }
    }
    if p < s.count, s[p] == Ch.at { return nil }
    while p > i + 1, s[p - 1] == Ch.dot { p -= 1 }
    let n = p - i - 1
    guard n >= 2, n <= 32, hasLetter, !isWordChar(at(s, p)) else { return nil }
    return p
  }

  // MARK: - Phones

  /// International and local phone numbers: an optional `+` or `(+cc)`/`(0x)` head, then groups
  /// of digits joined by one space, hyphen or dot (or a parenthesised group), 8 to 15 digits in
  /// all. Without `+` the number must start with a trunk `0` (and a bare run needs 9 digits) or be
  /// one run of 10+ digits starting with a regional country code. Dates (`05-01-2024`) are refused.
  private static func phoneEnd(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Int? {
    var p = i
    var plus = false
    var digits = 0
    var groups = 0
    var g = (0, 0, 0)  // lengths of the first three groups
    var firstDigit = -1

    func readGroup(_ q: inout Int) -> Int {
      let start = q
      while q < s.count, digitValue(s[q]) >= 0 { q += 1 }
      return q - start
    }
    func note(_ len: Int, _ start: Int) {
      if firstDigit < 0 { firstDigit = Int(digitValue(s[start])) }
      switch groups { case 0: g.0 = len; case 1: g.1 = len; case 2: g.2 = len; default: break }
      groups += 1
      digits += len
    }

    if s[p] == Ch.lparen {
      p += 1
      if at(s, p) == Ch.plus { plus = true; p += 1 }
      let start = p
      let len = readGroup(&p)
      guard len >= 1, len <= 5, at(s, p) == Ch.rparen else { return nil }
      note(len, start)
      p += 1
      if isPhoneSpace(at(s, p)) || at(s, p) == Ch.hyphen { p += 1 }
      guard digitValue(at(s, p)) >= 0 else { return nil }
    } else if s[p] == Ch.plus {
      plus = true
      p += 1
      guard digitValue(at(s, p)) > 0 else { return nil }
    }

    var end = p
    while true {
      let start = p
      let len = readGroup(&p)
      guard len > 0 else { break }
      if digits + len > 15 { break }
      // A complete unseparated number ("0812345678 2024") or a lone digit ("... 5678 5 staff")
      // does not take the next group.
      if groups >= 1 && (len == 1 || (groups == 1 && g.0 >= 9)) { break }
      note(len, start)
      end = p
      // Separator to the next group: one space, hyphen or dot, or a parenthesised group.
      let c = at(s, p)
      if (isPhoneSpace(c) || c == Ch.hyphen || c == Ch.dot), digitValue(at(s, p + 1)) >= 0 {
        p += 1
        continue
      }
      if (isPhoneSpace(c) || c == Ch.hyphen), at(s, p + 1) == Ch.lparen, digitValue(at(s, p + 2)) >= 0 {
        var q = p + 2
        let st = q
        let l2 = readGroup(&q)
        if l2 <= 5, at(s, q) == Ch.rparen, digits + l2 <= 15 {
          note(l2, st)
          q += 1
          end = q
          if isPhoneSpace(at(s, q)) || at(s, q) == Ch.hyphen { q += 1 }
          if digitValue(at(s, q)) >= 0 { p = q; continue }
        }
      }
      break
    }
    guard digits >= 8, digits <= 15, !isWordChar(at(s, end)) else { return nil }
    if plus { return firstDigit > 0 ? end : nil }
    // Dates written with separators: 05-01-2024, 2024.01.05.
    if groups == 3 && ((g.0 <= 2 && g.1 <= 2 && g.2 == 4) || (g.0 == 4 && g.1 <= 2 && g.2 <= 2)) {
      return nil
    }
    if firstDigit == 0 {
      if groups == 1 && digits < 9 { return nil }
      return end
    }
    // A bare run with a country code and no plus: 85512345678.
    if groups == 1, digits >= 10, startsWithCountryCode(s, i) { return end }
    // A mainland Chinese mobile number: 11 digits starting 13-19 (138 1234 5678).
    if digits == 11, firstDigit == 1, (3...9).contains(digitValue(at(s, i + 1))),
      groups == 1 || (groups == 3 && g.0 == 3 && g.1 == 4 && g.2 == 4)
    {
      return end
    }
    return nil
  }

  private static func startsWithCountryCode(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Bool {
    let a = digitValue(s[i])
    let b = digitValue(at(s, i + 1))
    let c = digitValue(at(s, i + 2))
    let two = a * 10 + b
    let three = two * 10 + c
    switch three {
    case 855, 856, 852, 853, 886, 880: return true
    default: break
    }
    switch two {
    case 60, 62, 63, 65, 66, 84, 86, 95: return true
    default: return false
    }
  }

  // MARK: - Money and numbers

  private enum Multiplier { case none, plain, money }

  /// A number starting at `p`: digits of one of the supported systems, with `,` or `.` separated
  /// groups and, when `spaceGroups`, also space-separated groups of exactly three digits.
  private static func scanNumber(_ s: UnsafeBufferPointer<UInt32>, _ p0: Int, spaceGroups: Bool) -> Int {
    var p = p0
    while p < s.count, digitValue(s[p]) >= 0 { p += 1 }
    while p + 1 < s.count {
      let c = s[p]
      if (c == Ch.comma || c == Ch.dot), digitValue(s[p + 1]) >= 0 {
        p += 1
        while p < s.count, digitValue(s[p]) >= 0 { p += 1 }
      } else if spaceGroups, isPhoneSpace(c), p + 4 <= s.count, digitValue(s[p + 1]) >= 0,
        digitValue(at(s, p + 2)) >= 0, digitValue(at(s, p + 3)) >= 0, digitValue(at(s, p + 4)) < 0
      {
        p += 4
      } else {
        break
      }
    }
    return p
  }

  /// A number followed by an optional multiplier (`k`, `jt`, `triệu`, `万`, ...).
  private static func amount(_ s: UnsafeBufferPointer<UInt32>, _ p: Int) -> (end: Int, mult: Multiplier) {
    let e = scanNumber(s, p, spaceGroups: true)
    if let m = plainMultiplierEnd(s, e) { return (m, .plain) }
    if let m = moneyMultiplierEnd(s, e) { return (m, .money) }
    if isPhoneSpace(at(s, e)), let m = moneyMultiplierEnd(s, e + 1) { return (m, .money) }
    return (e, .none)
  }

  /// `k`/`K` ("8k") or `千` right after a number: a multiplier that does not make it money.
  @inline(__always)
  private static func plainMultiplierEnd(_ s: UnsafeBufferPointer<UInt32>, _ e: Int) -> Int? {
    guard e < s.count else { return nil }
    if s[e] | 0x20 == Ch.k, !isWordChar(at(s, e + 1)) { return e + 1 }
    if s[e] == 0x5343 { return e + 1 }  // 千
    return nil
  }

  private static func moneyMultiplierEnd(_ s: UnsafeBufferPointer<UInt32>, _ p: Int) -> Int? {
    guard p < s.count else { return nil }
    if let e = longestWord(s, p, Lex.latinMultipliers), !isWordChar(at(s, e)) { return e }
    return longestWord(s, p, Lex.otherMultipliers)
  }

  /// A currency symbol, code or word at `p` or after one space; returns its end.
  private static func suffixCurrencyEnd(_ s: UnsafeBufferPointer<UInt32>, _ p0: Int) -> Int? {
    var p = p0
    if isPhoneSpace(at(s, p)) { p += 1 }
    guard p < s.count else { return nil }
    let c = s[p]
    if isCurrencySymbol(c) { return p + 1 }
    if c == 0x0111 || c == 0x0110 {  // đ: Vietnamese dong, "20.000đ"
      if !isWordChar(at(s, p + 1)) { return p + 1 }
    }
    if let e = longestWord(s, p, Lex.latinCurrencyWords), !isWordChar(at(s, e)) { return e }
    return longestWord(s, p, Lex.otherCurrencyWords)
  }

  /// A currency symbol or code at `i`, followed by an optional space (or `Rp.`), then a digit.
  /// Returns the index of that digit.
  private static func prefixCurrencyAmountStart(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Int? {
    var p: Int
    if isCurrencySymbol(s[i]) {
      p = i + 1
    } else {
      guard let e = longestWord(s, i, Lex.prefixCodes) else { return nil }
      if isASCIILetter(s[e - 1]), isLatinLetter(at(s, e)) { return nil }
      p = e
      if at(s, p) == Ch.dot, e - i == 2, s[i] | 0x20 == Ch.r { p += 1 }  // "Rp."
    }
    if isPhoneSpace(at(s, p)) { p += 1 }
    return digitValue(at(s, p)) >= 0 ? p : nil
  }

  /// `$1,500`, `USD 2000`, `Rp15jt`, `HK$12,000`, `$1500-3000`.
  private static func prefixedMoneyEnd(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Int? {
    guard let p = prefixCurrencyAmountStart(s, i) else { return nil }
    let a = amount(s, p)
    var e = a.end
    if !isCurrencySymbol(s[i]) && a.mult == .none {
      // A letter code needs a real amount: "USD 5" is rare, "PHP 7.4" and "RM 2" (room 2) are not
      // money. PHP (the peso, and the language) needs three digits.
      var digits = 0
      for q in p..<a.end where digitValue(s[q]) >= 0 { digits += 1 }
      let isPHP = s[i] | 0x20 == 0x70 && at(s, i + 1) | 0x20 == 0x68
      if digits < (isPHP ? 3 : 2) { return nil }
    }
    if let q = rangeSecondStart(s, e) {
      let q2 = isDigitStart(s, q) ? q : (prefixCurrencyAmountStart(s, q) ?? -1)
      if q2 >= 0 { e = amount(s, q2).end }
    }
    return e
  }

  /// After an amount: an optional space, a dash or tilde, an optional space; returns what follows.
  private static func rangeSecondStart(_ s: UnsafeBufferPointer<UInt32>, _ e: Int) -> Int? {
    var q = e
    if isPhoneSpace(at(s, q)) { q += 1 }
    let c = at(s, q)
    guard c == Ch.hyphen || c == 0x2013 || c == 0x2014 || c == Ch.tilde else { return nil }
    q += 1
    if isPhoneSpace(at(s, q)) { q += 1 }
    guard q < s.count else { return nil }
    return q
  }

  @inline(__always)
  private static func isDigitStart(_ s: UnsafeBufferPointer<UInt32>, _ q: Int) -> Bool {
    digitValue(at(s, q)) >= 0
  }

  /// `2000 USD`, `30,000 บาท`, `15 juta`, `1.5万`, `3-5k USD`.
  private static func numberFirstMoneyEnd(_ s: UnsafeBufferPointer<UInt32>, _ i: Int) -> Int? {
    let a1 = amount(s, i)
    if let e = suffixCurrencyEnd(s, a1.end) { return e }
    if a1.mult == .money { return a1.end }
    if let q = rangeSecondStart(s, a1.end), isDigitStart(s, q) {
      let a2 = amount(s, q)
      if let e = suffixCurrencyEnd(s, a2.end) { return e }
      if a2.mult == .money { return a2.end }
    }
    return nil
  }

  // MARK: - Scalar classes

  /// Value of a decimal digit of the ASCII, Thai, Lao, Khmer or Myanmar systems; -1 otherwise.
  @inline(__always)
  static func digitValue(_ c: UInt32) -> Int {
    if c >= 0x30 && c <= 0x39 { return Int(c - 0x30) }
    if c < 0x0E50 { return -1 }
    switch c {
    case 0x0E50...0x0E59: return Int(c - 0x0E50)  // Thai
    case 0x0ED0...0x0ED9: return Int(c - 0x0ED0)  // Lao
    case 0x1040...0x1049: return Int(c - 0x1040)  // Myanmar
    case 0x1090...0x1099: return Int(c - 0x1090)  // Myanmar Shan
    case 0x17E0...0x17E9: return Int(c - 0x17E0)  // Khmer
    case 0xFF10...0xFF19: return Int(c - 0xFF10)  // fullwidth, in case folding was skipped
    default: return -1
    }
  }

  @inline(__always)
  static func isCurrencySymbol(_ c: UInt32) -> Bool {
    switch c {
    case 0x24, 0xA3, 0xA5, 0x0E3F, 0x17DB, 0x20A9, 0x20AB, 0x20AC, 0x20AD, 0x20B1, 0x20B9, 0x20BD, 0xFFE5:
      return true
    default: return false
    }
  }

  @inline(__always) private static func at(_ s: UnsafeBufferPointer<UInt32>, _ p: Int) -> UInt32 {
    p >= 0 && p < s.count ? s[p] : 0
  }
  @inline(__always) private static func isASCIIUpper(_ c: UInt32) -> Bool { c >= 0x41 && c <= 0x5A }
  @inline(__always) private static func isASCIIDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
  @inline(__always) private static func isASCIILetter(_ c: UInt32) -> Bool {
    let l = c | 0x20
    return c < 0x80 && l >= 0x61 && l <= 0x7A
  }
  @inline(__always) private static func isASCIIAlnum(_ c: UInt32) -> Bool { isASCIIDigit(c) || isASCIILetter(c) }

  /// Latin letters: ASCII, Latin-1, Latin Extended-A/B and the Vietnamese block, plus combining marks.
  @inline(__always) private static func isLatinLetter(_ c: UInt32) -> Bool {
    if c < 0x80 { return isASCIILetter(c) }
    return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x300 && c <= 0x36F)
      || (c >= 0x1E00 && c <= 0x1EFF)
  }

  /// A scalar that continues a word for boundary purposes: Latin letters and digits of any system.
  @inline(__always) private static func isWordChar(_ c: UInt32) -> Bool {
    isLatinLetter(c) || digitValue(c) >= 0
  }

  @inline(__always) private static func isPhoneSpace(_ c: UInt32) -> Bool {
    c == 0x20 || c == 0xA0 || c == 0x202F
  }

  @inline(__always) private static func isLocalPartChar(_ c: UInt32) -> Bool {
    isASCIIAlnum(c) || c == Ch.dot || c == Ch.underscore || c == Ch.hyphen || c == Ch.plus || c == Ch.percent
  }

  /// Characters that may appear in a URL as people paste it, including letters of any script.
  @inline(__always) private static func isURLChar(_ c: UInt32) -> Bool {
    if c <= 0x20 || c == 0x7F { return false }
    if c < 0x80 {
      switch c {
      case 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D: return false
      default: return true
      }
    }
    if c < 0xA0 || c == 0xA0 || c == 0xAB || c == 0xBB { return false }
    if c >= 0x2000 && c <= 0x206F { return false }  // general punctuation: quotes, dashes, spaces
    if c >= 0x3000 && c <= 0x303F { return false }  // CJK punctuation
    if c >= 0xFF00 && c <= 0xFFEF { return false }  // fullwidth forms
    return true
  }

  /// Lowercase for the letters this file compares: ASCII, Latin-1, Latin Extended-A and Vietnamese.
  @inline(__always) private static func lower(_ c: UInt32) -> UInt32 {
    if c < 0x80 { return (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }
    if c >= 0xC0 && c <= 0xDE && c != 0xD7 { return c + 0x20 }
    if c >= 0x100 && c <= 0x17F { return c | 1 }  // even = upper in the pairs used here (Ă Đ Ĩ Ũ)
    if c == 0x1A0 || c == 0x1AF { return c + 1 }  // Ơ Ư
    if c >= 0x1EA0 && c <= 0x1EF9 { return c | 1 }
    return c
  }

  private static func equalsLowered(_ s: UnsafeBufferPointer<UInt32>, _ p: Int, _ w: [UInt32]) -> Bool {
    guard p + w.count <= s.count else { return false }
    for k in 0..<w.count where lower(s[p + k]) != w[k] { return false }
    return true
  }

  /// End of `w` at `p` (case-insensitively), or nil.
  @inline(__always)
  private static func matchWord(_ s: UnsafeBufferPointer<UInt32>, _ p: Int, _ w: [UInt32]) -> Int? {
    equalsLowered(s, p, w) ? p + w.count : nil
  }

  /// End of the longest word of `table` found at `p` (case-insensitively), or nil.
  private static func longestWord(_ s: UnsafeBufferPointer<UInt32>, _ p: Int, _ table: WordTable) -> Int? {
    guard p < s.count else { return nil }
    let first = lower(s[p])
    let bucket = Int(first & 63)
    guard table.firstMask & (1 << UInt64(bucket)) != 0 else { return nil }
    return table.storage.withUnsafeBufferPointer { flat -> Int? in
      var best = 0
      var e = Int(flat[bucket])
      let stop = Int(flat[bucket + 1])
      while e < stop {
        let len = Int(flat[e])
        if flat[e + 1] == first, len > best, p + len <= s.count {
          var k = 1
          while k < len, lower(s[p + k]) == flat[e + 1 + k] { k += 1 }
          if k == len { best = len }
        }
        e += len + 1
      }
      return best > 0 ? p + best : nil
    }
  }
}

/// A list of lowercase words stored flat so scanning it touches one contiguous buffer and no
/// reference counts. `storage[0...64]` are offsets of 64 buckets (by `first scalar & 63`), then
/// the words follow as `[length, scalars...]`, grouped by bucket.
struct WordTable: Sendable {
  let storage: [UInt32]
  /// Bit `first & 63` is set for the first scalar of every word: a quick rejection test.
  let firstMask: UInt64
  init(_ words: String) {
    var buckets = [[UInt32]](repeating: [], count: 64)
    var mask: UInt64 = 0
    for w in words.split(separator: " ") {
      let scalars = w.unicodeScalars.map(\.value)
      let b = Int(scalars[0] & 63)
      buckets[b].append(UInt32(scalars.count))
      buckets[b].append(contentsOf: scalars)
      mask |= 1 << UInt64(b)
    }
    var flat = [UInt32](repeating: 0, count: 65)
    for b in 0..<64 {
      flat[b] = UInt32(flat.count)
      flat.append(contentsOf: buckets[b])
    }
    flat[64] = UInt32(flat.count)
    storage = flat
    firstMask = mask
  }
}

/// ASCII scalar values used above.
private enum Ch {
  static let plus: UInt32 = 0x2B, lparen: UInt32 = 0x28, rparen: UInt32 = 0x29, at: UInt32 = 0x40
  static let dollar: UInt32 = 0x24, dot: UInt32 = 0x2E, comma: UInt32 = 0x2C, hyphen: UInt32 = 0x2D
  static let slash: UInt32 = 0x2F, colon: UInt32 = 0x3A, semicolon: UInt32 = 0x3B, bang: UInt32 = 0x21
  static let question: UInt32 = 0x3F, hash: UInt32 = 0x23, apostrophe: UInt32 = 0x27, star: UInt32 = 0x2A
  static let underscore: UInt32 = 0x5F, percent: UInt32 = 0x25, tilde: UInt32 = 0x7E
  static let h: UInt32 = 0x68, k: UInt32 = 0x6B, r: UInt32 = 0x72, w: UInt32 = 0x77
}

/// Word tables, lowercase, as scalar arrays. Built once.
private enum Lex {
  static func table(_ words: String) -> WordTable { WordTable(words) }
  static let http: [UInt32] = Array("http://".unicodeScalars.map(\.value))
  static let https: [UInt32] = Array("https://".unicodeScalars.map(\.value))
  static let www: [UInt32] = Array("www.".unicodeScalars.map(\.value))

  /// Top-level domains that are rarely ordinary words.
  static let strongTLDs = table(
    "com net org biz io xyz asia cc tv ai dev "
      + "th kh mm cn tw hk sg ph vn uk au jp kr mo ru ca nz ae qa bd np lk pk eu")
  /// Generic top-level domains that are English words: domains only when not Capitalised.
  static let wordTLDs = table("info top vip site online app shop club pro live link work")
  /// Top-level domains that are also common words in the supported languages.
  static let weakTLDs = table("me my in id us co la ly gl gg de sa")

  /// Currency codes and symbols written before the amount.
  static let prefixCodes = table(
    "usd us$ usdt thb rp idr rm myr php vnd vnđ sgd s$ hkd hk$ cny rmb eur gbp jpy krw twd nt$ aud a$ "
      + "khr lak mmk ks inr")
  /// Currency words written after the amount in Latin script (need a word boundary after them).
  static let latinCurrencyWords = table(
    "usd usdt thb baht bath php peso pesos piso vnd vnđ đồng dong rm myr ringgit idr rupiah rp sgd hkd "
      + "cny rmb yuan eur euro euros gbp jpy yen krw won twd aud khr riel riels lak kip mmk kyat kyats ks "
      + "dollar dollars bucks")
  /// Currency words in scripts without spaces (no boundary needed after them).
  static let otherCurrencyWords = table("บาท រៀល ກີບ ကျပ် 元 块 塊 美元 美金 泰铢 泰銖 円 원 令吉 越南盾")
  /// Multipliers that make a bare number money ("15 juta", "20tr", "1.5万"); `k` and `千` do not.
  static let latinMultipliers = table("jt juta rb ribu tr triệu trieu nghìn nghin ngàn ngan")
  static let otherMultipliers = table("万 萬 百万 百萬 ล้าน แสน หมื่น သိန်း")
}
