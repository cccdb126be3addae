/// Finds the stretches of a text that stand inside quotation marks, so the scorer can tell a post
/// that quotes a lure (`beware of ads that say "free visa, salary $2000"`) from one that makes it.
///
/// Recognised pairs: `"…"`, `“…”` (and `“…“`), `„…“`/`„…”`, `«…»`, `「…」`, `『…』`, `〝…〞`/`〝…〟`,
/// fullwidth `＂…＂`, and single `'…'`/`‘…’` only at word edges, so the apostrophes of "don't" or
/// "workers’ rights" never open a quotation, and an elision such as Tagalog "'to" does not pair
/// with a later quote. A quotation closes on the same line within `maxLength` code points
/// (`maxSingleLength` for single quotes); an opening mark with no close is ignored.
public enum QuotedSpans {
  /// The longest quotation considered, in code points.
  public static let maxLength = 400
  /// The longest quotation in single quotes: these quote a phrase, and a longer stretch between
  /// two apostrophes is more likely two elisions than a quotation.
  public static let maxSingleLength = 120

  /// Half-open ranges of code-point offsets strictly inside quotation marks, in text order.
  public static func ranges(in text: String) -> [Range<Int>] {
    let scalars = Array(text.unicodeScalars)
    var out: [Range<Int>] = []
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      guard let closers = closing(for: c), opensHere(scalars, i) else {
        i += 1
        continue
      }
      let single = isSingle(c)
      let limit = single ? maxSingleLength : maxLength
      var j = i + 1
      var found: Int? = nil
      while j < scalars.count && j - i <= limit {
        let d = scalars[j]
        if d == "\n" || d == "\r" { break }
        if single && isSingle(d) && !isWordInternal(scalars, j) {
          // The first single quote that is not an apostrophe inside a word must close the
          // quotation; if it opens a word instead (Tagalog "'to", English "'em"), the first mark
          // was an elision too, not a quotation.
          if closers.contains(d) && closesHere(scalars, j) { found = j }
          break
        }
        if !single && closers.contains(d) {
          found = j
          break
        }
        j += 1
      }
      if let end = found {
        if end > i + 1 { out.append((i + 1)..<end) }
        i = end + 1
      } else {
        i += 1
      }
    }
    return out
  }

  /// Whether `span` (code-point offsets) lies inside one of `ranges`.
  public static func contains(_ ranges: [Range<Int>], start: Int, end: Int) -> Bool {
    ranges.contains { $0.lowerBound <= start && end <= $0.upperBound }
  }

  private static func closing(for c: Unicode.Scalar) -> [Unicode.Scalar]? {
    switch c {
    case "\"": ["\""]
    case "\u{201C}": ["\u{201D}", "\u{201C}"]  // “ … ” (or “ … “)
    case "\u{201E}": ["\u{201C}", "\u{201D}"]  // „ … “
    case "\u{00AB}": ["\u{00BB}"]  // « … »
    case "\u{300C}": ["\u{300D}"]  // 「 … 」
    case "\u{300E}": ["\u{300F}"]  // 『 … 』
    case "\u{301D}": ["\u{301E}", "\u{301F}"]  // 〝 … 〞
    case "\u{FF02}": ["\u{FF02}"]  // ＂ … ＂
    case "'": ["'", "\u{2019}"]
    case "\u{2018}": ["\u{2019}", "'"]  // ‘ … ’
    default: nil
    }
  }

  private static func isSingle(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "\u{2018}" || c == "\u{2019}" }

  private static func isWordChar(_ c: Unicode.Scalar) -> Bool {
    c.properties.isAlphabetic || c.properties.numericType != nil
  }

  /// Single quotes open only where a word starts (not inside "don't").
  private static func opensHere(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
    guard isSingle(s[i]) else { return true }
    let before = i > 0 ? s[i - 1] : " "
    let after = i + 1 < s.count ? s[i + 1] : " "
    return !isWordChar(before) && isWordChar(after)
  }

  /// Single quotes close only right after a word (or closing punctuation) with no letter after.
  private static func closesHere(_ s: [Unicode.Scalar], _ j: Int) -> Bool {
    let before = j > 0 ? s[j - 1] : " "
    let after = j + 1 < s.count ? s[j + 1] : " "
    return !isWordChar(after) && !before.properties.isWhitespace
  }

  /// An apostrophe with a letter or digit on both sides ("don't", "workers'" is not one).
  private static func isWordInternal(_ s: [Unicode.Scalar], _ j: Int) -> Bool {
    j > 0 && j + 1 < s.count && isWordChar(s[j - 1]) && isWordChar(s[j + 1])
  }
}
