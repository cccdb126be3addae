/// The forms of one token.
struct TokenForms {
  var script: Script
  var norm: String
  var deobfuscated: String?
  var folded: String?
}

/// Normalisation of tokens and pattern words: NFKC casefold, diacritic folding for Latin script.
public enum Normalization {
  /// Normalises a word as tokens are normalised (NFKC casefold, fullwidth to ASCII, invisible
  /// controls removed), and gives the diacritic-free form for Latin-script words that have marks.
  public static func normalizeWord(_ word: String) -> (norm: String, folded: String?) {
    var scalars: [UInt32] = []
    for u in word.unicodeScalars {
      var v = u.value
      if PreparedText.isInvisibleControl(v) { continue }
      if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
      scalars.append(v)
    }
    let norm = casefold(scalars)
    let script = dominantScript(norm)
    var folded: String? = nil
    if script == .latin, norm.contains(where: { $0 >= 0x80 }) {
      let f = stripMarks(norm)
      if f != norm { folded = makeString(f) }
    }
    return (makeString(norm), folded)
  }

  /// NFKC casefold of scalars; ASCII is lowercased directly.
  static func casefold(_ src: some Collection<UInt32>) -> [UInt32] {
    var ascii = true
    for v in src where v >= 0x80 { ascii = false; break }
    if ascii {
      return src.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
    }
    var utf16: [UInt16] = []
    utf16.reserveCapacity(src.count + 4)
    for v in src { appendUTF16(v, to: &utf16) }
    var out: [UInt32] = []
    out.reserveCapacity(src.count)
    Normalizers.shared.normalize(Normalizers.shared.nfkcCasefold, utf16, into: &out)
    return out
  }

  /// Removes combining marks after canonical decomposition, and maps the Latin letters whose
  /// marks are not combining (đ, ø, ł, ħ, ı) to their base letter.
  static func stripMarks(_ src: [UInt32]) -> [UInt32] {
    var utf16: [UInt16] = []
    for v in src { appendUTF16(v, to: &utf16) }
    var decomposed: [UInt32] = []
    Normalizers.shared.normalize(Normalizers.shared.nfd, utf16, into: &decomposed)
    var out: [UInt32] = []
    out.reserveCapacity(decomposed.count)
    for v in decomposed {
      if v >= 0x300 && CharProps.isMark(v) { continue }
      switch v {
      case 0x0111: out.append(0x64)  // đ
      case 0x00F8: out.append(0x6F)  // ø
      case 0x0142: out.append(0x6C)  // ł
      case 0x0127: out.append(0x68)  // ħ
      case 0x0131: out.append(0x69)  // dotless i
      default: out.append(v)
      }
    }
    return out
  }

  /// The script most of the letters are in; `.common` when there are no letters. Latin wins ties,
  /// and any Latin letter wins over Cyrillic or Greek look-alikes ("Теlеgram" is a Latin word).
  static func dominantScript(_ scalars: [UInt32]) -> Script {
    var latin = 0
    var single: Script? = nil  // the only non-Latin script seen so far
    var singleCount = 0
    var tally: [Int]? = nil  // counts per script, once a second non-Latin script appears
    for v in scalars {
      if v < 0x80 {
        if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { latin += 1 }
        continue
      }
      let sc = CharProps.script(of: v)
      switch sc {
      case .common: continue
      case .latin: latin += 1
      default:
        if tally == nil {
          if single == nil || single == sc {
            single = sc
            singleCount += 1
            continue
          }
          var t = [Int](repeating: 0, count: Script.allCases.count)
          t[Script.ordinal(single!)] = singleCount
          tally = t
        }
        tally![Script.ordinal(sc)] += 1
      }
    }
    var best: Script = .common
    var bestCount = 0
    if let tally {
      for (k, c) in tally.enumerated() where c > bestCount {
        best = Script.allCases[k]
        bestCount = c
      }
    } else if let single {
      best = single
      bestCount = singleCount
    }
    if latin > 0 && (latin >= bestCount || best == .cyrillic || best == .greek) { return .latin }
    return bestCount > 0 ? best : .common
  }

  /// The common case: an ASCII token with nothing to de-obfuscate (no digits or leet symbols mixed
  /// with letters, no long repeats). Its norm is its lowercase text; nil sends the token down the
  /// general path.
  @inline(__always)
  static func asciiForms(_ r: RawToken, _ s: UnsafeBufferPointer<UInt32>) -> TokenForms? {
    let count = r.end - r.start
    var letters = 0
    var others = 0
    var run = 0
    for k in r.start..<r.end {
      let v = s[k]
      if v >= 0x80 { return nil }
      let isLetter = (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A
      if isLetter {
        letters += 1
        run = (k > r.start && (s[k - 1] | 0x20) == (v | 0x20)) ? run + 1 : 1
        if run >= 3 && r.kind == .word { return nil }
      } else {
        others += 1
      }
    }
    // Letters mixed with digits or symbols may be leetspeak: take the general path.
    if r.kind == .word && letters > 0 && others > 0 { return nil }
    let norm = String(unsafeUninitializedCapacity: count) { out in
      for k in 0..<count {
        let v = s[r.start + k]
        out[k] = UInt8(truncatingIfNeeded: (v >= 0x41 && v <= 0x5A) ? v + 0x20 : v)
      }
      return count
    }
    let script: Script = r.kind == .emoji ? .common : (letters > 0 ? .latin : .common)
    return TokenForms(script: script, norm: norm, deobfuscated: nil, folded: nil)
  }

  /// Computes the forms of a raw token.
  static func forms(of r: RawToken, in s: UnsafeBufferPointer<UInt32>) -> TokenForms {
    if r.joinedLetters == nil, let plain = asciiForms(r, s) { return plain }
    let source: [UInt32] = r.joinedLetters ?? Array(s[r.start..<r.end])
    let norm = casefold(source)
    if r.kind == .emoji {
      let word = Deobfuscator.emojiWord(norm)
      return TokenForms(script: .common, norm: makeString(norm), deobfuscated: word, folded: nil)
    }
    let script = dominantScript(norm)
    var folded: String? = nil
    var deobfuscated: String? = nil
    if r.kind == .word {
      if script == .latin || script == .cyrillic || script == .greek {
        var d = Deobfuscator.deobfuscateLatin(source: source, norm: norm)
        if script == .latin, norm.contains(where: { $0 >= 0x80 }) {
          let f = stripMarks(norm)
          if f != norm { folded = makeString(f) }
          // A de-obfuscated form is compared without marks too.
          if let dd = d { d = stripMarks(dd) }
        }
        if let d, d != norm { deobfuscated = makeString(d) }
      }
      if r.joinedLetters != nil {
        // The spread-out letters joined: that is the de-obfuscated form, the norm keeps it too.
        deobfuscated = deobfuscated ?? makeString(norm)
      }
    }
    let finalScript: Script = (script == .cyrillic || script == .greek) && deobfuscated != nil ? .latin : script
    return TokenForms(script: finalScript, norm: makeString(norm), deobfuscated: deobfuscated, folded: folded)
  }
}
