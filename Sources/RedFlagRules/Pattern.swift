/// The pattern language of rule phrases, as a syntax tree.
///
/// ```
/// phrase   := item+
/// item     := atom '?'?          optional
///           | '~' N              gap of up to N arbitrary tokens (N >= 1)
/// atom     := WORD               a word, matched on normalised / de-obfuscated tokens
///           | WORD '*'           prefix of a word (Latin-script words only)
///           | '<' CLASS '>'      money | phone | handle | url | email | number | emoji
///           | '(' alt ('|' alt)* ')'   alternatives; each alt is a sequence of items
/// ```
/// Words in Thai, Khmer, Lao, Burmese and Chinese may contain several ICU words: they are matched on
/// the normalised text and must start and end on word boundaries.
public indirect enum PatternNode: Sendable, Hashable {
  case word(String)
  case prefix(String)
  case entity(EntityClass)
  case optional(PatternNode)
  case gap(Int)
  /// Alternatives; each is a sequence.
  case alternatives([[PatternNode]])
}

/// Entity classes that a pattern can name with `<...>`.
public enum EntityClass: String, Sendable, Hashable, CaseIterable {
  case money, phone, handle, url, email, number, emoji
}

/// A parsed phrase.
public struct Pattern: Sendable, Hashable {
  public var source: String
  public var items: [PatternNode]
  public init(source: String, items: [PatternNode]) { self.source = source; self.items = items }
}
