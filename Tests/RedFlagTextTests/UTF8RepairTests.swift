import Testing
@testable import RedFlagText

/// Ill-formed UTF-8 inside a job ad: the bytes, how many U+FFFD they become.
struct BadBytes: CustomTestStringConvertible, Sendable {
  let name: String
  let bytes: [UInt8]
  let replacements: Int
  /// Valid text inside `bytes` after the bad part.
  var kept = ""
  var testDescription: String { name }
}

@Suite("UTF-8 repair")
struct UTF8RepairTests {
  static let cases: [BadBytes] = [
    .init(name: "lone continuation byte", bytes: [0x80], replacements: 1),
    .init(name: "two lone continuation bytes", bytes: [0xBF, 0x80], replacements: 2),
    .init(name: "0xFF", bytes: [0xFF], replacements: 1),
    .init(name: "0xFE 0xFF", bytes: [0xFE, 0xFF], replacements: 2),
    .init(name: "overlong slash C0 AF", bytes: [0xC0, 0xAF], replacements: 2),
    .init(name: "overlong E0 80 AF", bytes: [0xE0, 0x80, 0xAF], replacements: 3),
    .init(name: "overlong F0 80 80 AF", bytes: [0xF0, 0x80, 0x80, 0xAF], replacements: 4),
    .init(name: "surrogate D800 encoded", bytes: [0xED, 0xA0, 0x80], replacements: 3),
    .init(name: "surrogate DFFF encoded", bytes: [0xED, 0xBF, 0xBF], replacements: 3),
    .init(name: "beyond U+10FFFF", bytes: [0xF4, 0x90, 0x80, 0x80], replacements: 4),
    .init(name: "truncated 3-byte (Thai) sequence", bytes: [0xE0, 0xB8], replacements: 1),
    .init(name: "truncated 4-byte (emoji) sequence", bytes: [0xF0, 0x9F, 0x92], replacements: 1),
    .init(name: "lead byte then ASCII", bytes: [0xE0, 0x2E], replacements: 1, kept: "."),
    .init(name: "Thai lead and one continuation, then a Thai letter", bytes: [0xE0, 0xB8, 0xE0, 0xB8, 0x81], replacements: 1, kept: "ก"),
  ]

  /// Bytes of `s` with `bad` inserted at every token boundary region: "<prefix> bad <suffix>".
  static func sandwich(_ bad: [UInt8]) -> (bytes: [UInt8], prefix: String, suffix: String) {
    let prefix = "Việc nhẹ ทำงาน "
    let suffix = " Telegram @hr_01 💰"
    return (Array(prefix.utf8) + bad + Array(suffix.utf8), prefix, suffix)
  }

  @Test("Ill-formed sequences become U+FFFD and are counted", arguments: cases)
  func replaced(_ c: BadBytes) {
    let (bytes, prefix, suffix) = Self.sandwich(c.bytes)
    let doc = TextAnalyzer().analyze(utf8: bytes)
    #expect(doc.repairedSequences == c.replacements)
    let expected = prefix + String(repeating: "\u{FFFD}", count: c.replacements) + c.kept + suffix
    #expect(doc.text == expected)
    // Swift's own decoder follows the same (Unicode-recommended) practice.
    #expect(doc.text == String(decoding: bytes, as: UTF8.self))
    #expect(doc.utf8Count == bytes.count)
    #expect(doc.scalarCount == expected.unicodeScalars.count)
    #expect(!doc.text.unicodeScalars.isEmpty)
  }

  @Test("Byte spans of valid tokens point into the original bytes", arguments: cases)
  func byteSpans(_ c: BadBytes) {
    let (bytes, _, _) = Self.sandwich(c.bytes)
    let doc = TextAnalyzer().analyze(utf8: bytes)
    let words = doc.tokens.filter { !$0.text.contains("\u{FFFD}") && $0.text != c.kept }
    #expect(words.map(\.text) == ["Việc", "nhẹ", "ทำงาน", "Telegram", "@hr_01", "💰"])
    for t in words {
      let slice = Array(bytes[t.span.utf8Start..<t.span.utf8End])
      #expect(slice == Array(t.text.utf8), "\(t.text)")
    }
    // After the bad bytes, offsets are shifted by their length, not by the replacement's.
    let tg = words[3]
    let before = Array("Việc nhẹ ทำงาน ".utf8).count + c.bytes.count + 1
    #expect(tg.span.utf8Start == before)
    // Code point offsets index the repaired text.
    let scalars = Array(doc.text.unicodeScalars)
    for t in doc.tokens {
      #expect(String(String.UnicodeScalarView(scalars[t.span.start..<t.span.end])) == t.text)
    }
  }

  @Test("Bad bytes inside a word split it around U+FFFD without breaking offsets")
  func insideWord() {
    var bytes = Array("Tele".utf8)
    bytes.append(0xFF)
    bytes += Array("gram กัม".utf8)
    bytes += [0xE0, 0xB8]  // a Thai letter cut short
    bytes += Array("พูชา".utf8)
    let doc = TextAnalyzer().analyze(utf8: bytes)
    #expect(doc.repairedSequences == 2)
    for t in doc.tokens {
      let s = t.span
      let decoded = String(decoding: bytes[s.utf8Start..<s.utf8End], as: UTF8.self)
      #expect(decoded == t.text)
    }
    #expect(doc.tokens.contains { $0.text == "Tele" })
    #expect(doc.tokens.contains { $0.text == "gram" })
    #expect(doc.tokens.allSatisfy { $0.span.utf8End <= bytes.count })
  }

  @Test("Valid input reports no repairs and the same tokens as the String API")
  func validInput() {
    let s = "Lowongan kerja 🇰🇭 ทำงานที่กัมพูชา 高薪招聘"
    let a = TextAnalyzer()
    let viaBytes = a.analyze(utf8: Array(s.utf8))
    #expect(viaBytes.repairedSequences == 0)
    #expect(viaBytes.text == s)
    #expect(viaBytes.tokens == a.analyze(s).tokens)
  }

  @Test("Empty input, and input of only bad bytes or spaces")
  func emptyInputs() {
    let a = TextAnalyzer()
    let empty = a.analyze(utf8: [])
    #expect(empty.tokens.isEmpty)
    #expect(empty.text.isEmpty)
    #expect(empty.scalarCount == 0 && empty.utf8Count == 0 && empty.repairedSequences == 0)
    #expect(empty.language.code == "und")
    #expect(a.analyze("").tokens.isEmpty)
    #expect(a.analyze("   \n\t ").tokens.isEmpty)
    let junk = a.analyze(utf8: [0xFF, 0xFE, 0x80, 0xC0])
    #expect(junk.repairedSequences == 4)
    #expect(junk.tokens.allSatisfy { $0.span.utf8End <= 4 })
  }

  @Test("Random bytes never crash and keep offsets consistent")
  func randomBytes() {
    var rng = OffsetsRNG(seed: 99)
    let a = TextAnalyzer()
    let pieces: [[UInt8]] = [
      Array("งาน".utf8), Array("Job ".utf8), Array("高薪".utf8), Array("🇰🇭".utf8), [0x80], [0xFF], [0xE0, 0xB8], [0xED, 0xA0, 0x80],
      [0xC0, 0xAF], [0xF0, 0x9F], Array(" @hr_1 ".utf8), Array("$1,500".utf8),
    ]
    for _ in 0..<500 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...12, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
      let doc = a.analyze(utf8: bytes)
      #expect(doc.utf8Count == bytes.count)
      let scalars = Array(doc.text.unicodeScalars)
      #expect(doc.scalarCount == scalars.count)
      var last = 0
      for t in doc.tokens {
        #expect(t.span.utf8Start >= last && t.span.utf8End <= bytes.count)
        last = t.span.utf8End
        #expect(String(String.UnicodeScalarView(scalars[t.span.start..<t.span.end])) == t.text)
        if !t.text.contains("\u{FFFD}") {
          #expect(Array(bytes[t.span.utf8Start..<t.span.utf8End]) == Array(t.text.utf8))
        }
      }
    }
  }

  @Test("A 5 MB post is analysed, with offsets right at its end")
  func large() throws {
    let line = "Tuyển gấp nhân viên, việc nhẹ lương cao 💰 ทำงานที่กัมพูชา 高薪招聘 T e l e g r a m @hr_01\n"
    var bytes: [UInt8] = []
    let unit = Array(line.utf8)
    bytes.reserveCapacity(5_100_000)
    while bytes.count < 5_000_000 { bytes += unit }
    bytes.append(0xFF)
    bytes += Array("Telegram".utf8)
    let doc = TextAnalyzer().analyze(utf8: bytes)
    #expect(doc.utf8Count == bytes.count)
    #expect(doc.repairedSequences == 1)
    let last = try #require(doc.tokens.last)
    #expect(last.text == "Telegram")
    #expect(last.span.utf8End == bytes.count)
    #expect(Array(bytes[last.span.utf8Start..<last.span.utf8End]) == Array("Telegram".utf8))
    let perLine = TextAnalyzer().analyze(line).tokens.count
    let lines = bytes.count / unit.count
    #expect(doc.tokens.count == perLine * lines + 1)
  }
}
