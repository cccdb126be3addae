/// Undoes the tricks posters use to slip past keyword filters.
enum Deobfuscator {
  /// Leetspeak: digits and symbols standing for letters inside a word.
  @inline(__always)
  static func leetLetter(_ v: UInt32) -> UInt32? {
    switch v {
    case 0x30: 0x6F  // 0 -> o
    case 0x31: 0x69  // 1 -> i
    case 0x33: 0x65  // 3 -> e
    case 0x34: 0x61  // 4 -> a
    case 0x35: 0x73  // 5 -> s
    case 0x37: 0x74  // 7 -> t
    case 0x38: 0x62  // 8 -> b
    case 0x40: 0x61  // @ -> a
    case 0x24: 0x73  // $ -> s
    case 0x21: 0x69  // ! -> i
    case 0x7C: 0x6C  // | -> l
    default: nil
    }
  }

  @inline(__always)
  static func isLatinLetter(_ v: UInt32) -> Bool {
    ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) || (v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7)
      || (v >= 0x1E00 && v <= 0x1EFF)
  }

  /// De-obfuscates a Latin (or look-alike) word: homoglyphs to Latin letters (on the source, before
  /// casefolding, since a capital look-alike may fold to a letter that no longer looks Latin),
  /// leetspeak to letters, runs of three or more equal letters to two. Nil when nothing changed.
  static func deobfuscateLatin(source: [UInt32], norm: [UInt32]) -> [UInt32]? {
    var out = norm
    var changed = false
    // Homoglyphs, only in words that mix Latin letters with look-alikes, or consist of look-alikes.
    var hasLatin = false
    var hasLookAlike = false
    for v in source {
      if isLatinLetter(v) { hasLatin = true } else if Homoglyphs.table[v] != nil { hasLookAlike = true }
    }
    if hasLookAlike && (hasLatin || source.allSatisfy { Homoglyphs.table[$0] != nil || !CharProps.isAlphabetic($0) }) {
      out = Normalization.casefold(source.map { Homoglyphs.table[$0] ?? $0 })
      changed = out != norm
    }
    // Leetspeak: only when the word has letters and every symbol maps to a letter.
    var letters = 0
    var leet = 0
    var other = 0
    for v in out {
      if isLatinLetter(v) { letters += 1 } else if leetLetter(v) != nil { leet += 1 } else { other += 1 }
    }
    if leet > 0 && letters >= 1 && other == 0 && letters + leet >= 2 {
      for k in out.indices {
        if let l = leetLetter(out[k]) { out[k] = l; changed = true }
      }
    }
    // Long repeats: "freeee" -> "free", "gooood" -> "good".
    var collapsed: [UInt32] = []
    collapsed.reserveCapacity(out.count)
    var run = 0
    for (k, v) in out.enumerated() {
      run = (k > 0 && out[k - 1] == v) ? run + 1 : 1
      if run <= 2 || !isLatinLetter(v) { collapsed.append(v) } else { changed = true }
    }
    return changed ? collapsed : nil
  }

  /// Joins a word, a lone "$", "!" or "|", and a word written without spaces between them
  /// ("ca$h" -> one token). Lone symbols that join nothing are dropped later.
  static func joinLeetSymbols(_ raw: inout [RawToken], _ s: UnsafeBufferPointer<UInt32>) {
    guard raw.contains(where: { $0.isLeetSymbol }) else { return }
    var out: [RawToken] = []
    out.reserveCapacity(raw.count)
    var k = 0
    while k < raw.count {
      var t = raw[k]
      if t.kind == .word && !t.isLeetSymbol {
        // Absorb (symbol word)* and a trailing symbol, while everything touches.
        var m = k + 1
        while m < raw.count, raw[m].isLeetSymbol, raw[m].start == t.end {
          // Only between letters of spaced scripts: in Chinese, Thai or Burmese "！" or "|" between
          // two words is punctuation ("急招！包机票"), never a letter.
          if m + 1 < raw.count, raw[m + 1].kind == .word, !raw[m + 1].isLeetSymbol, raw[m + 1].start == raw[m].end,
            !CharProps.script(of: s[t.end - 1]).isSpaceless, !CharProps.script(of: s[raw[m + 1].start]).isSpaceless
          {
            t.end = raw[m + 1].end
            m += 2
          } else {
            break
          }
        }
        out.append(t)
        k = m
      } else {
        out.append(t)
        k += 1
      }
    }
    raw = out
  }

  /// Joins letters spread out with one repeated separator ("T e l e g r a m", "W-h-a-t-s-A-p-p",
  /// "c.u.s.t.o.m.e.r") into one word token; at least three letters.
  static func joinSpreadLetters(_ raw: inout [RawToken], _ s: UnsafeBufferPointer<UInt32>) {
    func isSingleLetter(_ t: RawToken) -> Bool {
      t.kind == .word && !t.isLeetSymbol && t.end - t.start == 1 && CharProps.isAlphabetic(s[t.start])
        && CharProps.script(of: s[t.start]) != .han
    }
    func separator(_ a: RawToken, _ b: RawToken) -> ArraySlice<UInt32>? {
      let gap = s[a.end..<b.start]
      guard gap.count >= 1 && gap.count <= 2 else { return nil }
      let allowed: Set<UInt32> = [0x20, 0x2E, 0x2D, 0x5F, 0x2A, 0xB7, 0x2F, 0x2B, 0x7C, 0x2022]
      guard gap.allSatisfy({ allowed.contains($0) }) else { return nil }
      if gap.count == 2 && gap.first != gap.last { return nil }
      return ArraySlice(gap)
    }
    var out: [RawToken] = []
    out.reserveCapacity(raw.count)
    var k = 0
    while k < raw.count {
      // A single token written with dots between single letters: "c.u.s.t.o.m.e.r".
      let t0 = raw[k]
      if t0.kind == .word, t0.end - t0.start >= 5, let letters = dottedLetters(s, t0.start, t0.end) {
        var t = t0
        t.joinedLetters = letters
        out.append(t)
        k += 1
        continue
      }
      guard isSingleLetter(t0) else { out.append(t0); k += 1; continue }
      var m = k + 1
      var sep: ArraySlice<UInt32>? = nil
      while m < raw.count, isSingleLetter(raw[m]), let g = separator(raw[m - 1], raw[m]) {
        if let sep, sep.elementsEqual(g) == false { break }
        sep = g
        m += 1
      }
      if m - k >= 3 {
        var t = t0
        t.end = raw[m - 1].end
        t.joinedLetters = raw[k..<m].map { s[$0.start] }
        out.append(t)
        k = m
      } else {
        out.append(t0)
        k += 1
      }
    }
    raw = out
  }

  /// Letters of a token cut up by one kind of separator (dots, middle dots or underscores) into
  /// pieces most of which are single letters: "c.u.s.t.o.m.e.r", "v_i_s_a", "T.e.l.egram". At
  /// least three pieces, two of them single letters; nil otherwise, so "e.g" or "hr_01" stay.
  static func dottedLetters(_ s: UnsafeBufferPointer<UInt32>, _ a: Int, _ b: Int) -> [UInt32]? {
    var separator: UInt32? = nil
    var letters: [UInt32] = []
    var pieces = 0
    var singles = 0
    var pieceLength = 0
    for k in a..<b {
      let v = s[k]
      if v == 0x2E || v == 0xB7 || v == 0x5F {
        guard separator == nil || separator == v, pieceLength > 0 else { return nil }
        separator = v
        pieces += 1
        if pieceLength == 1 { singles += 1 }
        pieceLength = 0
      } else {
        guard CharProps.isAlphabetic(v) else { return nil }
        letters.append(v)
        pieceLength += 1
      }
    }
    guard separator != nil, pieceLength > 0 else { return nil }
    pieces += 1
    if pieceLength == 1 { singles += 1 }
    return pieces >= 3 && singles >= 2 && singles * 2 >= pieces && letters.count >= 3 ? letters : nil
  }

  /// A word for emoji that posts use in place of words (plane for flights, money bag for pay).
  static func emojiWord(_ scalars: [UInt32]) -> String? {
    guard let first = scalars.first else { return nil }
    if scalars.count >= 2, first >= 0x1F1E6, first <= 0x1F1FF {
      let a = Character(Unicode.Scalar(scalars[0] - 0x1F1E6 + 0x61)!)
      let b = Character(Unicode.Scalar(scalars[1] - 0x1F1E6 + 0x61)!)
      switch String([a, b]) {
      case "kh": return "cambodia"
      case "mm": return "myanmar"
      case "th": return "thailand"
      case "la": return "laos"
      case "vn": return "vietnam"
      case "ph": return "philippines"
      case "id": return "indonesia"
      case "my": return "malaysia"
      case "cn": return "china"
      case "ae": return "dubai"
      default: return nil
      }
    }
    switch first {
    case 0x2708, 0x1F6EB, 0x1F6EC, 0x1F6E9: return "flight"
    case 0x1F4B0, 0x1F4B5, 0x1F4B4, 0x1F4B6, 0x1F4B7, 0x1F4B8, 0x1F911, 0x1F4B2: return "money"
    case 0x1F3E0, 0x1F3E1, 0x1F3E8, 0x1F6CF: return "accommodation"
    case 0x1F4F1, 0x260E, 0x1F4DE: return "phone"
    case 0x1F193: return "free"
    case 0x1F6C2: return "passport"
    case 0x1F37D, 0x1F35A, 0x1F35C: return "food"
    default: return nil
    }
  }
}
