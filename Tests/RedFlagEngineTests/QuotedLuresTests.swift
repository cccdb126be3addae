import Testing
import RedFlagEngine
import RedFlagRules
import RedFlagText

/// The text inside each range, for readable expectations.
private func quoted(_ text: String) -> [String] {
  let scalars = Array(text.unicodeScalars)
  return QuotedSpans.ranges(in: text).map { r in
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars[r])
    return String(s)
  }
}

@Suite struct QuotedSpansTests {
  @Test func doubleAndTypographicQuotesInEveryScript() {
    #expect(quoted(#"Beware of ads saying "free visa, salary $2,500" on Facebook"#) == ["free visa, salary $2,500"])
    #expect(quoted("Hati-hati dengan “gaji 15 juta tanpa pengalaman” ya") == ["gaji 15 juta tanpa pengalaman"])
    #expect(quoted("ប្រយ័ត្ន «ប្រាក់ខែខ្ពស់ មិនត្រូវការបទពិសោធន៍» ជាអន្ទាក់") == ["ប្រាក់ខែខ្ពស់ មិនត្រូវការបទពិសោធន៍"])
    #expect(quoted("朋友問我「月薪三萬、免經驗」可信嗎？還有『機票全包』") == ["月薪三萬、免經驗", "機票全包"])
    #expect(quoted("ระวัง “งานสบาย รายได้ดี” และ \"ฟรีตั๋ว\"") == ["งานสบาย รายได้ดี", "ฟรีตั๋ว"])
    #expect(quoted("German style „kostenloses Visum“ too") == ["kostenloses Visum"])
  }

  @Test func singleQuotesOnlyAtWordEdges() {
    #expect(quoted("They promised 'free housing' and a 'bonus'.") == ["free housing", "bonus"])
    #expect(quoted("We don't keep workers' passports, it's the law.").isEmpty)
    // Tagalog elisions ('to = ito) do not pair with each other or with a later real quotation.
    #expect(quoted("Batch 4 na 'to mga kabayan! Wag sabihin na work 'to, sabihin 'gala' lang") == ["gala"])
    #expect(quoted("Batch 4 na 'to mga kabayan! Wag sabihin na work 'to sa pamilya.").isEmpty)
    #expect(quoted("Sabihin niyo 'gala' lang muna.") == ["gala"])
    #expect(quoted("the ‘free ticket’ offer") == ["free ticket"])
  }

  @Test func unclosedOrBrokenByALineIsNotAQuotation() {
    #expect(quoted(#"He wrote "free visa and then stopped"#).isEmpty)
    #expect(quoted("“free visa\nand flight”").isEmpty)
    #expect(quoted(#""""#).isEmpty)
  }

  @Test func containsNeedsTheWholeSpan() {
    let text = #"Ad: "free visa" salary $2,500"#
    let r = QuotedSpans.ranges(in: text)
    #expect(QuotedSpans.contains(r, start: 5, end: 14))  // free visa
    #expect(!QuotedSpans.contains(r, start: 5, end: 22))  // runs past the closing mark
  }
}

/// A rule set with three lures, a phrase context, and a quotation context.
private func quotedSet(share: Double = 0.5) -> RuleSetDefinition {
  let quotedRule = Rule(
    id: "quoted-lures", title: "Quoted", category: "context", indicator: "context.quoted_lures", weight: -0.5,
    explanation: "the lures are quoted", kind: .context, discount: 0.25, quotedShare: share)
  return makeRuleSet(
    [
      ("free-travel", ["free (flight|ticket|visa)"]),
      ("no-experience", ["no experience (needed|required)?"]),
      ("chat", ["(dm|contact) (telegram|whatsapp)"]),
    ],
    weights: ["free-travel": 2.0, "no-experience": 2.0, "chat": 2.0],
    extra: [quotedRule], bias: -2)
}

private func evaluate(_ def: RuleSetDefinition, _ text: String) throws -> Evaluation {
  try RuleSetCompiler().compile(def).evaluate(TextAnalyzer().analyze(text))
}

@Suite struct QuotedLuresContext {
  @Test func quotedLuresAreDiscountedAndNamed() throws {
    let e = try evaluate(quotedSet(), #"My cousin saw "free flight, no experience needed" and went. DM Telegram was the only contact."#)
    let q = try #require(e.findings.first { $0.rule.id == "quoted-lures" })
    #expect(q.parts == ["free-travel", "no-experience"])
    #expect(q.text == "free flight")
    #expect(e.discount == 0.25)
    // bias + (2 + 2 + 2) * 0.25 - 0.5
    #expect(abs(e.logit - (-2 + 1.5 - 0.5)) < 1e-9)
    #expect(!e.flagged)
  }

  @Test func anAdMakingTheOfferIsNotDiscounted() throws {
    let ad = try evaluate(quotedSet(), #"Free flight, no experience needed! Company "Sunrise Star". DM Telegram."#)
    #expect(!ad.findings.contains { $0.rule.id == "quoted-lures" })
    #expect(ad.discount == 1)
    #expect(ad.flagged)
    // One lure quoted for emphasis out of three is under the share.
    let emphasis = try evaluate(quotedSet(), #""FREE" flight!! No experience needed, DM Telegram now"#)
    #expect(!emphasis.findings.contains { $0.rule.id == "quoted-lures" })
    #expect(emphasis.flagged)
  }

  @Test func theShareIsAtLeastNotMoreThan() throws {
    let text = #"They said "free flight" and "no experience needed", then DM Telegram."#
    // 2 of 3 lures quoted: 0.67.
    #expect(try evaluate(quotedSet(share: 0.6), text).findings.contains { $0.rule.id == "quoted-lures" })
    #expect(try !evaluate(quotedSet(share: 0.7), text).findings.contains { $0.rule.id == "quoted-lures" })
  }

  @Test func noLuresNoQuotationContext() throws {
    let e = try evaluate(quotedSet(), #"Our motto is "work hard, live well"."#)
    #expect(e.findings.isEmpty)
    #expect(e.discount == 1)
  }
}
