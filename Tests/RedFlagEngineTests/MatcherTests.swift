import Testing
import RedFlagEngine
import RedFlagRules
import RedFlagText

/// Compiles one rule per phrase, runs the engine and the oracle, and checks they agree:
/// every engine match is an oracle match, and for every (phrase, end) the oracle finds, the engine
/// reports the latest start.
func assertAgreesWithOracle(_ phrases: [String], _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Set<OracleMatcher.Triple> {
  let def = makeRuleSet(phrases.enumerated().map { ("r\($0.offset)", [$0.element]) })
  let compiled = try RuleSetCompiler().compile(def)
  let tokens = TextAnalyzer().analyze(text).tokens
  let patterns = try phrases.map { try PatternParser.parse($0) }
  let oracle = OracleMatcher.matches(patterns, tokens)
  let engine = compiled.match(tokens, limitPerRule: 10_000)
  // Rule k has exactly phrase k; map the engine's rule numbers back to phrase indexes.
  let engineTriples = Set(engine.map { m in
    OracleMatcher.Triple(phrase: Int(compiled.rules[m.rule].id.dropFirst())!, start: m.startToken, end: m.endToken)
  })
  #expect(engineTriples.isSubset(of: oracle), "engine-only: \(engineTriples.subtracting(oracle)) text: \(text) phrases: \(phrases)", sourceLocation: sourceLocation)
  var latest: [[Int]: Int] = [:]
  for t in oracle { latest[[t.phrase, t.end]] = max(latest[[t.phrase, t.end]] ?? -1, t.start) }
  for (key, start) in latest {
    let want = OracleMatcher.Triple(phrase: key[0], start: start, end: key[1])
    #expect(engineTriples.contains(want), "missed \(want) text: \(text) phrases: \(phrases)", sourceLocation: sourceLocation)
  }
  return oracle
}

struct MatchCase: Sendable, CustomTestStringConvertible {
  var name: String
  var phrases: [String]
  var text: String
  /// Indexes of phrases that must match (others must not).
  var matching: Set<Int>
  var testDescription: String { name }
}

let handWrittenCases: [MatchCase] = [
  MatchCase(name: "en sequence", phrases: ["no experience"], text: "No experience needed!", matching: [0]),
  MatchCase(name: "en punctuation between words", phrases: ["no experience"], text: "no, experience", matching: [0]),
  MatchCase(name: "en not across other words", phrases: ["no experience"], text: "no prior experience", matching: []),
  MatchCase(name: "en gap", phrases: ["no ~2 experience"], text: "no prior work experience", matching: [0]),
  MatchCase(name: "en gap too long", phrases: ["no ~1 experience"], text: "no prior work experience", matching: []),
  MatchCase(name: "en alternatives and optional", phrases: ["(employer|agency) will? (keep|hold) (your)? passport"],
            text: "The agency hold your passport until the debt is paid", matching: [0]),
  MatchCase(name: "en prefix", phrases: ["recruit* fee"], text: "Recruitment fee: $500", matching: [0]),
  MatchCase(name: "en entity classes", phrases: ["salary <money>", "(dm|contact) (telegram|tg)? <handle>", "<url>"],
            text: "Salary $2,500/month. DM Telegram @hr_01", matching: [0, 1]),
  MatchCase(name: "url host", phrases: ["t.me"], text: "join t.me/joblink_asia now", matching: [0]),
  MatchCase(name: "de-obfuscated forms", phrases: ["telegram", "no experience", "customer service"],
            text: "T e l e g r a m only, n0 exp3rience, c.u.s.t.o.m.e.r s3rvice", matching: [0, 1, 2]),
  MatchCase(name: "homoglyphs and fullwidth", phrases: ["telegram"], text: "Теlеgrаm ＴＥＬＥＧＲＡＭ", matching: [0]),
  MatchCase(name: "vi marked pattern, unmarked text", phrases: ["việc nhẹ lương cao"], text: "viec nhe luong cao 20tr", matching: [0]),
  MatchCase(name: "vi marked pattern, other marks", phrases: ["việc nhẹ lương cao"], text: "viếc nhẹ lương cao", matching: []),
  MatchCase(name: "vi bare pattern, marked text", phrases: ["bao an o"], text: "Bao ăn ở, bao vé máy bay", matching: [0]),
  MatchCase(name: "id", phrases: ["gaji besar tanpa pengalaman"], text: "Dicari! Gaji besar tanpa pengalaman, tiket gratis", matching: [0]),
  MatchCase(name: "tl taglish", phrases: ["walang experience"], text: "Walang experience okay lang po", matching: [0]),
  MatchCase(name: "th word spanning tokens", phrases: ["ทำงานที่กัมพูชา", "เงินเดือน สูง"], text: "รับสมัครทำงานที่กัมพูชา เงินเดือนสูง", matching: [0, 1]),
  MatchCase(name: "th not inside a word", phrases: ["งาน"], text: "ทำงานที่กัมพูชา", matching: []),
  MatchCase(name: "zh word across ICU split", phrases: ["客服", "高薪 ~3 无需经验"], text: "高薪招聘客服，无需经验", matching: [0, 1]),
  MatchCase(name: "zh traditional", phrases: ["包吃包住"], text: "誠聘客服 包吃包住 月薪3萬", matching: [0]),
  MatchCase(name: "km", phrases: ["ប្រាក់ខែ ខ្ពស់"], text: "ជ្រើសរើសបុគ្គលិក ប្រាក់ខែខ្ពស់ ទៅកម្ពុជា", matching: [0]),
  MatchCase(name: "lo", phrases: ["ເງິນເດືອນ ສູງ"], text: "ຮັບສະໝັກພະນັກງານ ເງິນເດືອນສູງ", matching: [0]),
  MatchCase(name: "my", phrases: ["လစာ ကောင်း"], text: "အလုပ်ခေါ်နေပါသည် လစာကောင်း", matching: [0]),
  MatchCase(name: "mixed scripts", phrases: ["(飞机|telegram) <handle>"], text: "联系飞机@abc123 或 t.me/job88", matching: [0]),
]

@Suite struct MatcherAgainstOracle {
  @Test(arguments: handWrittenCases)
  func handWritten(_ c: MatchCase) throws {
    let oracle = try assertAgreesWithOracle(c.phrases, c.text)
    let matched = Set(oracle.map(\.phrase))
    #expect(matched == c.matching, "\(c.name): matched \(matched)")
  }

  @Test func randomRuleSetsAndTexts() throws {
    var rng = SeededRandom(seed: 42)
    let latin = ["job", "pay", "free", "visa", "flight", "no", "fee", "việc", "lương", "cao", "viec"]
    let thai = ["งาน", "เงิน", "เดือน", "สูง", "ฟรี"]
    let han = ["高薪", "客服", "无需", "经验"]
    let classes = ["<money>", "<handle>", "<number>", "<url>"]
    let textPieces = latin + thai + han + ["$1,500", "@hr_01", "42", "t.me/x", "!", ",", "ว่า"]
    for _ in 0..<300 {
      func atom() -> String {
        switch rng.next(6) {
        case 0: return classes[rng.next(classes.count)]
        case 1: return thai[rng.next(thai.count)]
        case 2: return han[rng.next(han.count)]
        default: return latin[rng.next(latin.count)]
        }
      }
      func item(_ depth: Int) -> String {
        switch rng.next(8) {
        case 0 where depth < 2:
          return "(" + (0..<(1 + rng.next(3))).map { _ in (0..<(1 + rng.next(2))).map { _ in item(depth + 1) }.joined(separator: " ") }.joined(separator: "|") + ")"
        case 1: return atom() + "?"
        default: return atom()
        }
      }
      var phrases: [String] = []
      for _ in 0..<(1 + rng.next(4)) {
        var parts = [atom()]
        for _ in 0..<rng.next(3) {
          if rng.next(4) == 0 { parts.append("~\(1 + rng.next(3))") }
          parts.append(item(0))
        }
        phrases.append(parts.joined(separator: " "))
      }
      var text = ""
      for _ in 0..<(3 + rng.next(14)) {
        let piece = textPieces[rng.next(textPieces.count)]
        let isSpaceless = thai.contains(piece) || han.contains(piece) || piece == "ว่า"
        text += piece + (isSpaceless && rng.next(2) == 0 ? "" : " ")
      }
      _ = try assertAgreesWithOracle(phrases, text)
    }
  }
}

/// A small deterministic generator for tests.
struct SeededRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next(_ bound: Int) -> Int {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    return Int((state >> 33) % UInt64(bound))
  }
}
