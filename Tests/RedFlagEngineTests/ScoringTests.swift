import Testing
import RedFlagEngine
import RedFlagRules
import RedFlagText

private let lureAd = "Customer service job in Sihanoukville, salary $2,500/month, no experience needed, free flight and visa. DM Telegram @hr_asia"
private let warningPost = "Beware of fake job offers! Scammers promise customer service job in Sihanoukville, salary $2,500/month, no experience needed, free flight and visa."

private func scoringSet(weights: [String: Double] = [:], discount: Double = 0.25) -> RuleSetDefinition {
  let context = Rule(
    id: "warning", title: "Warning", category: "context", indicator: "context.warning", weight: -1.5,
    explanation: "warning language", kind: .context,
    languages: [LanguagePhrases(lang: "en", phrases: [PhraseSource(text: "(beware|warning) (of)? (fake|scam*)?")])],
    discount: discount)
  let combo = Rule(
    id: "pattern", title: "Pattern", category: "test", indicator: "test.combo", weight: 1.0,
    explanation: "several lures together", kind: .combo,
    combo: ComboSpec(rules: ["destination", "no-experience", "free-travel", "chat"], min: 3))
  return makeRuleSet(
    [
      ("destination", ["(sihanoukville|poipet|myawaddy)"]),
      ("no-experience", ["no experience (needed|required)?"]),
      ("free-travel", ["free (flight|ticket) (and|&)? visa?"]),
      ("chat", ["(dm|contact) (telegram|tg|whatsapp) <handle>"]),
      ("licensed", ["licen* (no|number) <number>"]),
    ],
    weights: ["destination": 1.6, "no-experience": 1.3, "free-travel": 1.2, "chat": 1.0, "licensed": -2.0]
      .merging(weights) { $1 },
    extra: [context, combo])
}

private func evaluate(_ def: RuleSetDefinition, _ text: String) throws -> Evaluation {
  try RuleSetCompiler().compile(def).evaluate(TextAnalyzer().analyze(text))
}

@Suite struct Scoring {
  @Test func lureAdIsFlaggedWithEveryFinding() throws {
    let e = try evaluate(scoringSet(), lureAd)
    #expect(Set(e.findings.map(\.rule.id)) == ["destination", "no-experience", "free-travel", "chat", "pattern"])
    #expect(e.flagged)
    #expect(e.level >= .high)
    // logit = bias + weights + combo
    #expect(abs(e.logit - (-4 + 1.6 + 1.3 + 1.2 + 1.0 + 1.0)) < 1e-9)
    #expect(abs(e.score - 1 / (1 + exp(-e.logit))) < 1e-12)
    let dest = try #require(e.findings.first { $0.rule.id == "destination" })
    #expect(dest.text == "Sihanoukville")
    #expect(dest.span.start == 24 && dest.span.end == 37)
  }

  @Test func warningPostQuotingTheLuresIsNotFlagged() throws {
    let e = try evaluate(scoringSet(), warningPost)
    #expect(e.findings.contains { $0.rule.id == "warning" })
    #expect(e.discount == 0.25)
    #expect(!e.flagged, "score \(e.score)")
    #expect(e.score < (try evaluate(scoringSet(), lureAd)).score)
  }

  @Test func scoreIsMonotoneInWeights() throws {
    var previous = -1.0
    for w in stride(from: 0.0, through: 3.0, by: 0.5) {
      let e = try evaluate(scoringSet(weights: ["destination": w]), lureAd)
      #expect(e.score > previous)
      previous = e.score
    }
  }

  @Test func counterIndicatorLowersTheScore() throws {
    let base = "Factory job, free flight and visa, no experience needed."
    let licensed = base + " Licensed agency, licence no 1234."
    let a = try evaluate(scoringSet(), base)
    let b = try evaluate(scoringSet(), licensed)
    #expect(b.findings.contains { $0.rule.id == "licensed" })
    #expect(b.score < a.score)
  }

  @Test func eachRuleCountsOnce() throws {
    let once = try evaluate(scoringSet(), "Job in Poipet.")
    let thrice = try evaluate(scoringSet(), "Job in Poipet. Poipet! Poipet again.")
    #expect(once.logit == thrice.logit)
  }

  @Test func comboScopes() throws {
    func combo(_ scope: ComboScope) -> RuleSetDefinition {
      var def = scoringSet()
      let k = def.rules.firstIndex { $0.id == "pattern" }!
      def.rules[k].combo = ComboSpec(rules: ["destination", "no-experience", "free-travel"], min: 3, scope: scope)
      return def
    }
    let oneSentence = "Poipet job, no experience, free flight."
    let spread = "Poipet job. No experience. Free flight."
    #expect(try evaluate(combo(.sentence), oneSentence).findings.contains { $0.rule.id == "pattern" })
    #expect(!(try evaluate(combo(.sentence), spread).findings.contains { $0.rule.id == "pattern" }))
    #expect(try evaluate(combo(.document), spread).findings.contains { $0.rule.id == "pattern" })
    #expect(try evaluate(combo(.tokens(8)), oneSentence).findings.contains { $0.rule.id == "pattern" })
    #expect(!(try evaluate(combo(.tokens(4)), oneSentence).findings.contains { $0.rule.id == "pattern" }))
  }

  @Test func levelsFollowThresholds() throws {
    let compiled = try RuleSetCompiler().compile(scoringSet())
    #expect(compiled.level(forScore: 0.1) == .none)
    #expect(compiled.level(forScore: 0.15) == .low)
    #expect(compiled.level(forScore: 0.5) == .medium)
    #expect(compiled.level(forScore: 0.6) == .high)
    #expect(compiled.level(forScore: 0.99) == .critical)
  }

  @Test func compiledSetReportsItsSize() throws {
    let compiled = try RuleSetCompiler().compile(scoringSet())
    #expect(compiled.memoryBytes > 0)
    #expect(compiled.phraseCount == 6)
  }
}

#if canImport(Glibc)
import Glibc
#endif
