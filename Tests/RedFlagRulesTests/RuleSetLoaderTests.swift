import Foundation
import Testing

@testable import RedFlagRules

@Suite struct RuleSetLoaderTests {
  func loadValid() throws -> LoadedRuleSet {
    switch RuleSetLoader.loadReportingWarnings(directory: Fixtures.path("valid")) {
    case .success(let set): return set
    case .failure(let error):
      Issue.record("valid set refused:\n\(error)")
      throw error
    }
  }

  @Test func manifestValues() throws {
    let set = try loadValid()
    #expect(set.warnings.isEmpty, "\(set.warnings)")
    let m = set.definition.manifest
    #expect(m.name == "fixture-set")
    // Written unquoted as 1.10: must not become the number 1.1.
    #expect(m.version == "1.10")
    #expect(m.bias == -4.0)
    #expect(m.thresholds == [.low: 0.15, .medium: 0.35, .high: 0.6, .critical: 0.85])
    #expect(m.flagLevel == .high)
    #expect(m.categories.map(\.id) == ["document_control", "pay_too_good", "scam_compound", "context"])
    #expect(m.categories[0].title == "Documents kept by the employer")
  }

  @Test func rulesSortedWithValuesAndPositions() throws {
    let rules = try loadValid().definition.rules
    // Hidden files and folders, non-.yaml files and README.md are ignored.
    #expect(rules.map(\.id) == [
      "high-pay-no-experience", "passport-retention", "scam-compound-pattern", "warning-context",
    ])
    let passport = try #require(rules.first { $0.id == "passport-retention" })
    #expect(passport.revision == 2)
    #expect(passport.kind == .phrase)
    #expect(passport.status == .stable)
    #expect(passport.weight == 2.0)
    #expect(passport.file == "document_control/passport-retention.yaml")
    #expect(passport.indicator == "ilo.retention_of_identity_documents")
    #expect(passport.explanation == "Holding a worker's passport is one of the ILO indicators of forced labour.")
    #expect(passport.references == ["ILO indicators of forced labour (2012), indicator 7"])
    #expect(passport.languages.map(\.lang) == ["en", "th"])
    let en = passport.languages[0].phrases
    #expect(en.map(\.text) == [
      "(employer|agency|company) will? (keep|hold) (your|the)? passport*",
      "passport (held|kept) by (the)? employer",
    ])
    #expect(en[0].line == 14 && en[0].column == 9)
    #expect(en[1].line == 15 && en[1].column == 9)
    let th = passport.languages[1].phrases
    #expect(th == [PhraseSource(text: "นายจ้าง เก็บ หนังสือเดินทาง", line: 17, column: 15)])
    #expect(passport.tests.match.count == 2)
    #expect(passport.tests.match[0] == RuleExample(
      lang: "en", text: "Employer will keep passport for safety.", line: 20, column: 7))
    #expect(passport.tests.noMatch[1] == RuleExample(
      lang: "th", text: "กรุณานำหนังสือเดินทางมาด้วย", line: 24, column: 7))
    #expect(passport.tests.knownMiss.isEmpty)

    let warning = try #require(rules.first { $0.id == "warning-context" })
    #expect(warning.kind == .context)
    #expect(warning.discount == 0.25)
    #expect(warning.weight == -1.5)
    #expect(warning.revision == 1)

    let combo = try #require(rules.first { $0.id == "scam-compound-pattern" })
    #expect(combo.kind == .combo)
    #expect(combo.combo == ComboSpec(
      rules: ["high-pay-no-experience", "passport-retention"], min: 2, scope: .tokens(50)))
    #expect(combo.languages.isEmpty)

    let pay = try #require(rules.first { $0.id == "high-pay-no-experience" })
    #expect(pay.languages.map(\.lang) == ["en", "vi", "zh"])
    #expect(pay.languages[2].phrases.map(\.text) == ["无需经验", "高薪", "高薪 ~3 包吃住"])
    #expect(pay.status == .experimental)
    #expect(pay.tests.knownMiss == [
      RuleExample(lang: "en", text: "no exp ok, big $$$ every week", line: 27, column: 7)
    ])
  }

  @Test func digestIsStableAndCoversContent() throws {
    let a = try loadValid().definition.sha256
    let b = try loadValid().definition.sha256
    #expect(a == b)
    #expect(a.count == 64 && a.allSatisfy { "0123456789abcdef".contains($0) })

    // Copy the set, change one byte of one rule: the digest changes.
    let tmp = NSTemporaryDirectory() + "redflag-rules-\(UInt64.random(in: 0...UInt64.max))"
    try FileManager.default.copyItem(atPath: Fixtures.path("valid"), toPath: tmp)
    defer { try? FileManager.default.removeItem(atPath: tmp) }
    let copy = try #require(try? RuleSetLoader.load(directory: tmp).get())
    #expect(copy.sha256 == a)
    let file = tmp + "/context/warning-context.yaml"
    let text = try String(contentsOfFile: file, encoding: .utf8)
    try text.replacingOccurrences(of: "weight: -1.5", with: "weight: -1.6")
      .write(toFile: file, atomically: true, encoding: .utf8)
    let changed = try #require(try? RuleSetLoader.load(directory: tmp).get())
    #expect(changed.sha256 != a)
    #expect(changed.rules.first { $0.id == "warning-context" }?.weight == -1.6)
  }

  @Test func languageCodeNoStaysAString() throws {
    // YAML 1.1 would read `no` as false; the diagnostic must name the code as written.
    let (output, loaded) = Fixtures.run(errorCase: "rf013-unknown-language")
    #expect(!loaded)
    #expect(output.contains("unknown language code 'no'"))
    #expect(!output.contains("false"))
  }

  @Test func missingFolder() {
    let result = RuleSetLoader.load(directory: Fixtures.path("does-not-exist"))
    guard case .failure(let error) = result else {
      Issue.record("a missing folder loaded")
      return
    }
    #expect(error.errors.count == 1)
    #expect(error.errors[0].code == "RF002")
  }

  @Test func diagnosticDescription() {
    let d = Diagnostic(
      code: "RF012", severity: .error, message: "unknown category 'pay'",
      hint: "did you mean 'pay_too_good'?", file: "pay/x.yaml", line: 4, column: 11)
    #expect(d.description == "pay/x.yaml:4:11: error[RF012]: unknown category 'pay'\n  hint: did you mean 'pay_too_good'?")
    let w = Diagnostic(
      code: "RF031", severity: .warning, message: "duplicate", file: "a.yaml", line: 1, column: 2)
    #expect(w.description == "a.yaml:1:2: warning[RF031]: duplicate")
  }
}
