/// What a token is.
public enum TokenKind: String, Sendable, Hashable, CaseIterable {
  case word, number, money, phone, handle, url, email, emoji
}

/// The writing system of a token.
public enum Script: String, Sendable, Hashable, CaseIterable {
  case latin, cyrillic, greek, thai, khmer, lao, myanmar, han, kana, hangul, arabic, other, common

  /// Position in `allCases`, for counting in arrays.
  static func ordinal(_ s: Script) -> Int {
    switch s {
    case .latin: 0
    case .cyrillic: 1
    case .greek: 2
    case .thai: 3
    case .khmer: 4
    case .lao: 5
    case .myanmar: 6
    case .han: 7
    case .kana: 8
    case .hangul: 9
    case .arabic: 10
    case .other: 11
    case .common: 12
    }
  }

  /// Scripts written without spaces between words, segmented with ICU's dictionaries.
  public var isSpaceless: Bool {
    switch self {
    case .thai, .khmer, .lao, .myanmar, .han, .kana: true
    default: false
    }
  }
}

/// A half-open span of the original input, in Unicode code points and in UTF-8 bytes.
public struct TextSpan: Sendable, Hashable {
  public var start: Int
  public var end: Int
  public var utf8Start: Int
  public var utf8End: Int
  public init(start: Int, end: Int, utf8Start: Int, utf8End: Int) {
    self.start = start; self.end = end; self.utf8Start = utf8Start; self.utf8End = utf8End
  }
}

/// One token of a document.
public struct Token: Sendable, Hashable {
  public var kind: TokenKind
  public var script: Script
  /// The token as it stands in the (UTF-8-repaired) original text.
  public var text: String
  /// NFKC casefold, fullwidth folded to ASCII, zero-width and bidi controls removed.
  public var norm: String
  /// The de-obfuscated form (homoglyphs, leetspeak, spread letters, repeats undone), when it
  /// differs from `norm`.
  public var deobfuscated: String?
  /// For Latin-script words with diacritics: the form without them (`việc` -> `viec`).
  public var folded: String?
  /// Where it is in the original input.
  public var span: TextSpan
  /// Index of the sentence (or line) the token is in, counting from 0.
  public var sentence: Int

  public init(
    kind: TokenKind, script: Script, text: String, norm: String, deobfuscated: String? = nil,
    folded: String? = nil, span: TextSpan, sentence: Int = 0
  ) {
    self.kind = kind; self.script = script; self.text = text; self.norm = norm
    self.deobfuscated = deobfuscated; self.folded = folded; self.span = span; self.sentence = sentence
  }
}

/// A guess of a language, with a confidence in 0...1.
public struct LanguageGuess: Sendable, Hashable {
  /// `en`, `id`, `ms`, `tl`, `vi`, `th`, `km`, `lo`, `my`, `zh`, ... or `und`.
  public var code: String
  public var confidence: Double
  public init(code: String, confidence: Double) { self.code = code; self.confidence = confidence }
  public static let undetermined = LanguageGuess(code: "und", confidence: 0)
}

/// A stretch of a document in one language.
public struct LanguageSpan: Sendable, Hashable {
  public var guess: LanguageGuess
  public var span: TextSpan
  public init(guess: LanguageGuess, span: TextSpan) { self.guess = guess; self.span = span }
}
