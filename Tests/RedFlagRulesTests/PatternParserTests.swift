import Testing

@testable import RedFlagRules

@Suite struct PatternParserTests {
  func items(_ s: String) throws -> [PatternNode] { try PatternParser.parse(s).items }

  @Test func wordsAndSequences() throws {
    #expect(try items("employer will keep passport") == [
      .word("employer"), .word("will"), .word("keep"), .word("passport"),
    ])
    // Extra spaces do not matter; punctuation that is not syntax is part of a word.
    #expect(try items("  work   in-house  ") == [.word("work"), .word("in-house")])
    #expect(try PatternParser.parse("work abroad").source == "work abroad")
  }

  @Test func prefixOptionalGapAndClasses() throws {
    #expect(try items("recruit* agent?") == [.prefix("recruit"), .optional(.word("agent"))])
    #expect(try items("recruit*? now") == [.optional(.prefix("recruit")), .word("now")])
    #expect(try items("salary ~3 <money>") == [.word("salary"), .gap(3), .entity(.money)])
    #expect(try items("call <phone>? or <handle>") == [
      .word("call"), .optional(.entity(.phone)), .word("or"), .entity(.handle),
    ])
    for cls in EntityClass.allCases {
      #expect(try items("x <\(cls.rawValue)>") == [.word("x"), .entity(cls)])
    }
    #expect(try items("a ~20 b") == [.word("a"), .gap(20), .word("b")])
  }

  @Test func alternativesNestedAndOptional() throws {
    #expect(try items("(employer|agency|company) will? (keep|hold) (your|the)? passport*") == [
      .alternatives([[.word("employer")], [.word("agency")], [.word("company")]]),
      .optional(.word("will")),
      .alternatives([[.word("keep")], [.word("hold")]]),
      .optional(.alternatives([[.word("your")], [.word("the")]])),
      .prefix("passport"),
    ])
    #expect(try items("(free (food|housing)|visa paid) now") == [
      .alternatives([
        [.word("free"), .alternatives([[.word("food")], [.word("housing")]])],
        [.word("visa"), .word("paid")],
      ]),
      .word("now"),
    ])
    // An alternative may be only optional items as long as the phrase has something definite.
    #expect(try items("(a|~2) b") == [.alternatives([[.word("a")], [.gap(2)]]), .word("b")])
  }

  @Test func spacelessScriptsAndVietnamese() throws {
    #expect(try items("นายจ้าง เก็บ หนังสือเดินทาง") == [
      .word("นายจ้าง"), .word("เก็บ"), .word("หนังสือเดินทาง"),
    ])
    #expect(try items("高薪 ~3 (包吃住|包住)") == [
      .word("高薪"), .gap(3), .alternatives([[.word("包吃住")], [.word("包住")]]),
    ])
    #expect(try items("ប្រាក់ខែ ខ្ពស់") == [.word("ប្រាក់ខែ"), .word("ខ្ពស់")])
    #expect(try items("လစာ ကောင်း <money>?") == [
      .word("လစာ"), .word("ကောင်း"), .optional(.entity(.money)),
    ])
    #expect(try items("ເງິນເດືອນ ສູງ") == [.word("ເງິນເດືອນ"), .word("ສູງ")])
    #expect(try items("không cần kinh nghiệm (lương|thu nhập) cao") == [
      .word("không"), .word("cần"), .word("kinh"), .word("nghiệm"),
      .alternatives([[.word("lương")], [.word("thu"), .word("nhập")]]), .word("cao"),
    ])
    // Vietnamese is Latin script: prefixes are allowed.
    #expect(try items("tuyển* gấp") == [.prefix("tuyển"), .word("gấp")])
  }

  /// Every error, with its code and 1-based column in characters.
  @Test(arguments: [
    ("(employer|agency passport", PatternError.Code.unbalancedParenthesis, 1),
    ("keep passport)", .unbalancedParenthesis, 14),
    ("a ((b|c) d", .unbalancedParenthesis, 3),
    ("() passport", .emptyAlternative, 2),
    ("(a|) passport", .emptyAlternative, 4),
    ("(|a) passport", .emptyAlternative, 2),
    ("(a||b) c", .emptyAlternative, 4),
    ("employer|agency", .alternativeOutsideGroup, 9),
    ("? passport", .danglingOptional, 1),
    ("passport ~2? held", .danglingOptional, 12),
    ("passport?? held", .danglingOptional, 10),
    ("(a|b)* c", .misplacedPrefix, 6),
    ("<money>* c", .misplacedPrefix, 8),
    ("recruit * c", .misplacedPrefix, 9),
    ("agent?* c", .misplacedPrefix, 7),
    ("pa* c", .prefixTooShort, 1),
    ("x (ab*|cde) c", .prefixTooShort, 4),
    ("หนังสือ* เดินทาง", .prefixInSpacelessScript, 6),
    ("ok 高薪* 工作", .prefixInSpacelessScript, 6),
    ("ប្រាក់* ខែ", .prefixInSpacelessScript, 4),
    ("earn <salary>", .unknownEntityClass, 6),
    ("earn <money", .unknownEntityClass, 6),
    ("earn money>", .unknownEntityClass, 11),
    ("a ~0 b", .badGap, 3),
    ("a ~21 b", .badGap, 3),
    ("a ~ b", .badGap, 3),
    ("a ~x b", .badGap, 3),
    ("a ~3x b", .badGap, 3),
    ("~2 passport", .gapAtEdge, 1),
    ("passport ~2", .gapAtEdge, 10),
    ("", .matchesEmpty, 1),
    ("   ", .matchesEmpty, 1),
    ("your? passport?", .matchesEmpty, 1),
    ("(a|b)? (c|d?)", .matchesEmpty, 1),
    // Columns count characters: a Thai word before the error is counted per grapheme.
    ("เงินเดือน <salary>", .unknownEntityClass, 9),
  ])
  func errors(_ source: String, _ code: PatternError.Code, _ column: Int) {
    #expect(throws: PatternError.self) { try PatternParser.parse(source) }
    do {
      _ = try PatternParser.parse(source)
    } catch {
      #expect(error.code == code, "\(source): \(error)")
      #expect(error.column == column, "\(source): \(error)")
      #expect(!error.message.isEmpty)
    }
  }

  /// Random strings over the syntax characters never crash the parser; whatever parses has a gap
  /// in no edge position and at least one required item.
  @Test func randomInputNeverCrashes() {
    let alphabet: [Character] = Array("()|?*~<> abc12高")
    var rng = SystemRandomNumberGenerator()
    var parsed = 0
    for _ in 0..<5000 {
      let n = Int.random(in: 0...12, using: &rng)
      let s = String((0..<n).map { _ in alphabet.randomElement(using: &rng)! })
      do {
        let p = try PatternParser.parse(s)
        parsed += 1
        #expect(!p.items.isEmpty)
        if case .gap = p.items.first! { Issue.record("gap first in \(s)") }
        if case .gap = p.items.last! { Issue.record("gap last in \(s)") }
      } catch {
        #expect(error.column >= 1 && error.column <= max(1, s.count + 1), "\(s): \(error)")
      }
    }
    #expect(parsed > 0)
  }
}
