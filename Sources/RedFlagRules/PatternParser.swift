/// Parses the pattern language of rule phrases (see docs/RULES.md) into a `Pattern`.
///
/// The parser is a small recursive descent over the phrase's `Character`s. It never throws anything
/// but `PatternError`, whose `column` is 1-based and counted in `Character`s of the phrase.

/// Why a phrase could not be parsed.
public struct PatternError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// A `(` without its `)`, or a `)` without its `(`.
    case unbalancedParenthesis
    /// `()`, `(a|)`, `(|a)` or `(a||b)`.
    case emptyAlternative
    /// `|` outside parentheses.
    case alternativeOutsideGroup
    /// `?` with nothing (or a gap) before it.
    case danglingOptional
    /// `*` not directly after a word.
    case misplacedPrefix
    /// `word*` in Thai, Khmer, Lao, Burmese or Chinese (no spaces, so no prefixes).
    case prefixInSpacelessScript
    /// `ab*`: a prefix needs at least 3 letters.
    case prefixTooShort
    /// `<nonsense>`, `<money` or a lone `>`.
    case unknownEntityClass
    /// `~`, `~0`, `~21`, `~x`.
    case badGap
    /// A gap first or last in the phrase: it would match nothing more than the phrase without it.
    case gapAtEdge
    /// The phrase is empty, or only optional items and gaps: it would match the empty text.
    case matchesEmpty
  }

  public var code: Code
  public var message: String
  /// 1-based, in `Character`s of the phrase.
  public var column: Int

  public init(code: Code, message: String, column: Int) {
    self.code = code; self.message = message; self.column = column
  }

  public var description: String { "column \(column): \(message)" }
}

public enum PatternParser {
  /// The longest gap a phrase may have (`~20`).
  public static let maximumGap = 20
  /// The shortest prefix (`abc*`), in characters.
  public static let minimumPrefixLength = 3

  /// Parses one phrase. The returned `Pattern.source` is the phrase as given.
  public static func parse(_ source: String) throws(PatternError) -> Pattern {
    var parser = Parser(chars: Array(source))
    let items = try parser.parsePhrase()
    return Pattern(source: source, items: items)
  }

  /// The characters that are syntax, never part of a word.
  static let syntax: Set<Character> = ["(", ")", "|", "?", "*", "~", "<", ">"]

  /// Whether `c` is syntax (the members of `syntax`), without hashing a `Character`.
  @inline(__always)
  static func isSyntax(_ c: Character) -> Bool {
    guard let a = c.asciiValue else { return false }
    switch a {
    case 0x28, 0x29, 0x7C, 0x3F, 0x2A, 0x7E, 0x3C, 0x3E: return true
    default: return false
    }
  }

  /// `Character.isWhitespace` with the ASCII answer looked up directly: the Unicode property lookup
  /// was a tenth of compiling the shipped rule set.
  @inline(__always)
  static func isSpace(_ c: Character) -> Bool {
    if let a = c.asciiValue { return a == 0x20 || (a >= 0x09 && a <= 0x0D) }
    return c.isWhitespace
  }

  /// True when the scalar belongs to a script written without spaces between words
  /// (Thai, Lao, Khmer, Burmese, Chinese/Japanese ideographs and kana).
  static func isSpaceless(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x0E00...0x0E7F,  // Thai
      0x0E80...0x0EFF,  // Lao
      0x1000...0x109F, 0xA9E0...0xA9FF, 0xAA60...0xAA7F,  // Myanmar
      0x1780...0x17FF, 0x19E0...0x19FF,  // Khmer
      0x3040...0x30FF,  // Hiragana, Katakana
      0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF:  // Han
      return true
    default:
      return false
    }
  }
}

private struct Parser {
  let chars: [Character]
  var pos = 0

  init(chars: [Character]) { self.chars = chars }

  var atEnd: Bool { pos >= chars.count }
  var current: Character? { pos < chars.count ? chars[pos] : nil }
  /// 1-based column of index `i`.
  func col(_ i: Int) -> Int { i + 1 }

  mutating func skipSpace() {
    while let c = current, PatternParser.isSpace(c) { pos += 1 }
  }

  func fail(_ code: PatternError.Code, _ message: String, at index: Int) -> PatternError {
    PatternError(code: code, message: message, column: col(index))
  }

  mutating func parsePhrase() throws(PatternError) -> [PatternNode] {
    skipSpace()
    if atEnd {
      throw fail(.matchesEmpty, "the phrase is empty", at: 0)
    }
    let (items, starts) = try parseSequence(inGroup: false)
    if let c = current {
      // parseSequence stops only at `)` or `|` here.
      if c == ")" {
        throw fail(.unbalancedParenthesis, "')' without a matching '('", at: pos)
      }
      throw fail(
        .alternativeOutsideGroup, "'|' outside parentheses; write alternatives as (a|b)", at: pos)
    }
    if case .gap = items.first! {
      throw fail(
        .gapAtEdge, "a gap at the start of a phrase means nothing; remove it", at: starts.first!)
    }
    if case .gap = items.last! {
      throw fail(
        .gapAtEdge, "a gap at the end of a phrase means nothing; remove it", at: starts.last!)
    }
    if items.allSatisfy(Self.isNullable) {
      throw fail(
        .matchesEmpty,
        "the phrase has only optional items and gaps, so it would match empty text; make at least one item required",
        at: starts.first!)
    }
    return items
  }

  static func isNullable(_ node: PatternNode) -> Bool {
    switch node {
    case .word, .prefix, .entity: false
    case .optional, .gap: true
    case .alternatives(let alts): alts.contains { $0.allSatisfy(isNullable) }
    }
  }

  /// Parses items until the end, `)` or `|`. Returns the items and the index each started at.
  mutating func parseSequence(inGroup: Bool) throws(PatternError) -> ([PatternNode], [Int]) {
    var items: [PatternNode] = []
    var starts: [Int] = []
    while true {
      skipSpace()
      guard let c = current else { break }
      if c == ")" || c == "|" { break }
      let start = pos
      var item: PatternNode
      var optionable = true
      switch c {
      case "(":
        item = try parseGroup()
      case "<":
        item = try parseEntity()
      case "~":
        item = try parseGap()
        optionable = false
      case "?":
        throw fail(.danglingOptional, "'?' must follow a word, a class or a group", at: pos)
      case "*":
        throw fail(
          .misplacedPrefix, "'*' must follow a word directly, as in recruit*", at: pos)
      case ">":
        throw fail(.unknownEntityClass, "'>' without a matching '<'", at: pos)
      default:
        item = try parseWord()
      }
      // Postfix operators, written directly after the item.
      if current == "*" {
        throw fail(
          .misplacedPrefix, "'*' must follow a word directly, as in recruit*", at: pos)
      }
      if current == "?" {
        if !optionable {
          throw fail(.danglingOptional, "'?' cannot follow a gap; a gap is already optional", at: pos)
        }
        item = .optional(item)
        pos += 1
        if current == "?" {
          throw fail(.danglingOptional, "'?' written twice", at: pos)
        }
        if current == "*" {
          throw fail(
            .misplacedPrefix, "'*' must come before '?', as in recruit*?", at: pos)
        }
      }
      items.append(item)
      starts.append(start)
    }
    return (items, starts)
  }

  mutating func parseWord() throws(PatternError) -> PatternNode {
    let start = pos
    while let c = current, !PatternParser.isSpace(c), !PatternParser.isSyntax(c) { pos += 1 }
    let word = String(chars[start..<pos])
    guard current == "*" else { return .word(word) }
    let star = pos
    pos += 1
    if word.unicodeScalars.contains(where: PatternParser.isSpaceless) {
      throw fail(
        .prefixInSpacelessScript,
        "'\(word)*': prefixes work only on words of scripts with spaces (Thai, Khmer, Lao, Burmese and Chinese words are matched on the text, so write the whole word)",
        at: star)
    }
    if word.count < PatternParser.minimumPrefixLength {
      throw fail(
        .prefixTooShort,
        "'\(word)*': a prefix needs at least \(PatternParser.minimumPrefixLength) letters, or it matches too many words",
        at: start)
    }
    return .prefix(word)
  }

  mutating func parseGroup() throws(PatternError) -> PatternNode {
    let open = pos
    pos += 1
    var alternatives: [[PatternNode]] = []
    while true {
      let altStart = pos
      let (items, _) = try parseSequence(inGroup: true)
      guard let c = current else {
        throw fail(.unbalancedParenthesis, "'(' is never closed", at: open)
      }
      if items.isEmpty {
        let message =
          alternatives.isEmpty && c == ")"
          ? "empty group '()'" : "empty alternative; every alternative needs at least one item"
        throw fail(.emptyAlternative, message, at: c == "|" || c == ")" ? pos : altStart)
      }
      alternatives.append(items)
      pos += 1
      if c == ")" { break }
    }
    return .alternatives(alternatives)
  }

  mutating func parseEntity() throws(PatternError) -> PatternNode {
    let open = pos
    pos += 1
    let nameStart = pos
    while let c = current, c != ">", !PatternParser.isSpace(c), !PatternParser.isSyntax(c) { pos += 1 }
    guard current == ">" else {
      throw fail(.unknownEntityClass, "'<' is not closed with '>'", at: open)
    }
    let name = String(chars[nameStart..<pos])
    pos += 1
    guard let cls = EntityClass(rawValue: name) else {
      let known = EntityClass.allCases.map { "<\($0.rawValue)>" }.joined(separator: " ")
      throw fail(.unknownEntityClass, "unknown entity class '<\(name)>'; known: \(known)", at: open)
    }
    return .entity(cls)
  }

  mutating func parseGap() throws(PatternError) -> PatternNode {
    let tilde = pos
    pos += 1
    let numStart = pos
    while let c = current, c.isASCII, c.isNumber { pos += 1 }
    let digits = String(chars[numStart..<pos])
    let followedOK: Bool = {
      guard let c = current else { return true }
      return PatternParser.isSpace(c) || c == ")" || c == "|" || c == "?"
    }()
    guard !digits.isEmpty, followedOK, let n = Int(digits), n >= 1, n <= PatternParser.maximumGap
    else {
      throw fail(
        .badGap, "a gap is '~' and a number from 1 to \(PatternParser.maximumGap), as in ~3",
        at: tilde)
    }
    return .gap(n)
  }
}
