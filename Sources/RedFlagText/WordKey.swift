/// A word as a dictionary key compared and hashed by its UTF-8 bytes. Both sides of every lookup are
/// already normalised (NFKC casefold), so byte equality is the right equality, and it skips the
/// canonical-equivalence comparison and hashing `String` does for non-ASCII text (Thai, Khmer,
/// Vietnamese ...), which was a visible share of compiling and of scanning those languages.
public struct WordKey: Hashable, Sendable {
  public let text: String
  @inline(__always) public init(_ text: String) { self.text = text }

  public static func == (a: WordKey, b: WordKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

  public func hash(into h: inout Hasher) {
    var copy = text
    copy.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}

