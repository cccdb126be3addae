import Testing
import RedFlagEngine
import RedFlagRules
import RedFlagText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A set with one weak lure per language and a vocabulary that knows a few words of each.
private func vocabularySet(cap: Double = 1.5, weights: [String: Double]? = nil) -> RuleSetDefinition {
  var def = makeRuleSet(
    [
      ("destination", ["(sihanoukville|poipet|myawaddy)"]),
      ("hub-th", ["สีหนุ"]),
      ("hub-zh", ["西港"]),
      ("easy-vi", ["viec nhe luong cao"]),
    ],
    weights: ["destination": 2.0, "hub-th": 2.0, "hub-zh": 2.0, "easy-vi": 2.0], bias: -2.5)
  def.vocabulary = VocabularyModel(
    weights: weights ?? [
      "telegram": 1.2, "<handle>": 1.6, "visa": 0.8, "hotel": -1.4, "beware": -2.0,
      "ฟรี": 1.0, "ตั๋ว": 0.9, "โรงแรม": -1.2,
      "包吃包住": 1.4, "飞机": 1.5, "酒店": -1.3,
      "viec": 0.2, "bao": 1.1, "ve": 0.7, "khach": -0.9, "san": -0.9,
    ], cap: cap)
  return def
}

private func evaluate(_ def: RuleSetDefinition, _ text: String) throws -> Evaluation {
  try RuleSetCompiler().compile(def).evaluate(TextAnalyzer().analyze(text))
}

@Suite struct Vocabulary {
  /// The evidence is the sum of the known words' weights over the square root of their number.
  @Test func risky_wording_adds_the_normalised_sum() throws {
    let e = try evaluate(vocabularySet(cap: 3), "Office job in Sihanoukville, free visa, contact Telegram @mika_hr")
    let v = try #require(e.vocabulary)
    let expected = (0.8 + 1.2 + 1.6) / 3.0.squareRoot()
    #expect(abs(v.weight - expected) < 1e-9)
    #expect(v.known == 3)
    #expect(abs(e.logit - (-2.5 + 2.0 + expected)) < 1e-9)
    #expect(e.flagged)  // 2.0 alone stays at 0.38; with the wording it reaches high
    // The words are listed strongest first, each with what it added.
    #expect(v.words.map(\.word) == ["<handle>", "telegram", "visa"])
    #expect(abs(v.words[0].weight - 1.6 / 3.0.squareRoot()) < 1e-9)
  }

  @Test func ordinary_wording_takes_away() throws {
    let e = try evaluate(vocabularySet(), "Hotel in Sihanoukville hiring front desk staff")
    let v = try #require(e.vocabulary)
    #expect(abs(v.weight - -1.4) < 1e-9)
    #expect(v.words.map(\.word) == ["hotel"])
    #expect(!e.flagged)
  }

  /// Words never count without a positive indicator: the same risky words with no lure add nothing.
  @Test func words_alone_never_count() throws {
    let e = try evaluate(vocabularySet(), "Free visa! Contact Telegram @mika_hr 包吃包住 飞机")
    #expect(e.findings.isEmpty)
    #expect(e.vocabulary == nil)
    #expect(abs(e.logit - -2.5) < 1e-12)
  }

  /// With `cap_alone`, words order posts that no rule fired on, but only below the lowest level:
  /// risky wording lifts a post a little, ordinary wording lowers it, and nothing is flagged.
  @Test func cap_alone_orders_posts_without_a_finding() throws {
    var def = vocabularySet()
    // Bias -2.5 and cap_alone 0.7 stay under the test set's lowest level (0.15, logit -1.73).
    def.manifest.vocabulary = VocabularySpec(file: "words.tsv", cap: 1.5, capAlone: 0.7)
    let risky = try evaluate(def, "Free visa! Contact Telegram @mika_hr 包吃包住 飞机")
    let plain = try evaluate(def, "Hotel front desk, apply at the hotel")
    #expect(risky.findings.isEmpty && plain.findings.isEmpty)
    #expect(abs(try #require(risky.vocabulary).weight - 0.7) < 1e-12)  // 6.5 / sqrt(5), capped
    #expect(abs(risky.logit - -1.8) < 1e-12)
    #expect(abs(try #require(plain.vocabulary).weight - -0.7) < 1e-12)  // "hotel" -1.4, capped
    let atBias = 1 / (1 + exp(2.5))
    #expect(risky.score > atBias && plain.score < atBias)
    #expect(!risky.flagged && risky.level == .none && plain.level == .none)
    // Beside a lure the full cap applies, as before.
    let lure = try evaluate(def, "Sihanoukville, free visa, contact Telegram @mika_hr")
    #expect(try #require(lure.vocabulary).weight > 0.7)
  }

  @Test func the_cap_bounds_both_ways() throws {
    let strong = vocabularySet(cap: 0.5, weights: ["telegram": 9, "hotel": -9])
    let up = try #require(try evaluate(strong, "Sihanoukville job, Telegram only").vocabulary)
    #expect(up.weight == 0.5)
    let down = try #require(try evaluate(strong, "Sihanoukville hotel job").vocabulary)
    #expect(down.weight == -0.5)
  }

  /// Thai and Chinese are keyed by ICU's dictionary words; Vietnamese by the toneless form, so
  /// `bao vé` and `bao ve` weigh the same.
  @Test func spaceless_scripts_and_toneless_vietnamese() throws {
    let th = try #require(try evaluate(vocabularySet(), "งานที่สีหนุ ฟรีตั๋วเครื่องบิน").vocabulary)
    #expect(Set(th.words.map(\.word)) == ["ฟรี", "ตั๋ว"])
    let hotel = try #require(try evaluate(vocabularySet(), "สีหนุ โรงแรมรับสมัครพนักงาน").vocabulary)
    #expect(hotel.weight < 0)
    let zh = try #require(try evaluate(vocabularySet(), "西港招聘，包吃包住，联系飞机").vocabulary)
    #expect(Set(zh.words.map(\.word)) == ["包吃包住", "飞机"])
    let marked = try #require(try evaluate(vocabularySet(), "Việc nhẹ lương cao, bao vé máy bay").vocabulary)
    let plain = try #require(try evaluate(vocabularySet(), "viec nhe luong cao, bao ve may bay").vocabulary)
    #expect(marked.weight == plain.weight)
    #expect(Set(plain.words.map(\.word)) == ["bao", "ve", "viec"])
  }

  /// A post with a warning context still gets its words, and warning words pull it down.
  @Test func warning_words_pull_down() throws {
    let e = try evaluate(vocabularySet(), "Beware: a hotel in Poipet is not what it seems")
    let v = try #require(e.vocabulary)
    #expect(v.weight < 0)
    #expect(v.words.first?.word == "beware")
  }

  @Test func keys_name_token_kinds() {
    let doc = TextAnalyzer().analyze("Call +855 12 345 678 or t.me/jobs_kh, pay $800 😀")
    let keys = VocabularyKeys.keys(doc.tokens)
    #expect(keys.contains("<phone>"))
    #expect(keys.contains("<url>"))
    #expect(keys.contains("<money>"))
    #expect(keys.contains("<emoji>"))
    #expect(keys.contains("call"))
  }
}
