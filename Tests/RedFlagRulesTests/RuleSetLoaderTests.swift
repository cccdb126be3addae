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

  /// A copy of the valid set that names a vocabulary file; `edit` may change the copy first.
  func vocabularyCopy(_ tsv: String?, cap: String = "1.5") throws -> (String, Result<RuleSetDefinition, RuleSetLoadError>) {
    let tmp = NSTemporaryDirectory() + "redflag-vocabulary-\(UInt64.random(in: 0...UInt64.max))"
    try FileManager.default.copyItem(atPath: Fixtures.path("valid"), toPath: tmp)
    let manifest = tmp + "/ruleset.yaml"
    let yaml = try String(contentsOfFile: manifest, encoding: .utf8)
    try (yaml + "vocabulary:\n  file: words.tsv\n  cap: \(cap)\n").write(toFile: manifest, atomically: true, encoding: .utf8)
    if let tsv { try tsv.write(toFile: tmp + "/words.tsv", atomically: true, encoding: .utf8) }
    return (tmp, RuleSetLoader.load(directory: tmp))
  }

  @Test func vocabularyLoadsAndCountsInTheDigest() throws {
    let plain = try loadValid().definition
    #expect(plain.vocabulary == nil)
    let tsv = "# learned words\npassport\t0.75\nหนังสือเดินทาง\t0.5\n护照\t-0.25\n<handle>\t1.0\r\n\n"
    let (dir, result) = try vocabularyCopy(tsv)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let def = try result.get()
    let v = try #require(def.vocabulary)
    #expect(v.cap == 1.5)
    #expect(v.weights == ["passport": 0.75, "หนังสือเดินทาง": 0.5, "护照": -0.25, "<handle>": 1.0])
    #expect(def.manifest.vocabulary == VocabularySpec(file: "words.tsv", cap: 1.5))
    // The words file is part of the digest: one changed weight changes it.
    try tsv.replacingOccurrences(of: "0.75", with: "0.76").write(toFile: dir + "/words.tsv", atomically: true, encoding: .utf8)
    let changed = try RuleSetLoader.load(directory: dir).get()
    #expect(changed.sha256 != def.sha256)
    #expect(changed.vocabulary?.weights["passport"] == 0.76)
  }

  /// `cap_alone`: at most `cap`, not negative, and never enough to lift a post from the bias to the
  /// lowest level (the fixture: bias -4, low 0.15, so at most about 2.26).
  @Test func capAloneIsReadAndBounded() throws {
    let tsv = "passport\t0.75\n"
    let (dir, result) = try vocabularyCopy(tsv, cap: "1.5\n  cap_alone: 1.2")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(try result.get().manifest.vocabulary == VocabularySpec(file: "words.tsv", cap: 1.5, capAlone: 1.2))
    func errors(_ cap: String) throws -> [Diagnostic] {
      let (dir, result) = try vocabularyCopy(tsv, cap: cap)
      defer { try? FileManager.default.removeItem(atPath: dir) }
      guard case .failure(let e) = result else { return [] }
      return e.errors
    }
    #expect(try errors("1.5\n  cap_alone: 2").contains { $0.file == "ruleset.yaml" && $0.message.contains("must not be above vocabulary.cap") })
    #expect(try errors("1.5\n  cap_alone: -1").contains { $0.message.contains("cap_alone must be 0 or more") })
    #expect(try errors("3\n  cap_alone: 2.5").contains { $0.message.contains("to the lowest level") })
    #expect(try errors("3\n  cap_alone: 2.2").isEmpty)
  }

  @Test func missingVocabularyFileIsAnError() throws {
    let (dir, result) = try vocabularyCopy(nil)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    guard case .failure(let e) = result else {
      Issue.record("a set naming a missing vocabulary file loaded")
      return
    }
    let d = try #require(e.errors.first { $0.code == DiagnosticCode.badVocabulary })
    #expect(d.file == "ruleset.yaml")
    #expect(d.message.contains("words.tsv"), "\(d.message)")
  }

  /// A copy of the valid set with a voice context rule (`voice` written as given) and, when given,
  /// its words file.
  func voiceCopy(_ voice: String, tsv: String?) throws -> (String, Result<RuleSetDefinition, RuleSetLoadError>) {
    let tmp = NSTemporaryDirectory() + "redflag-voice-\(UInt64.random(in: 0...UInt64.max))"
    try FileManager.default.copyItem(atPath: Fixtures.path("valid"), toPath: tmp)
    let rule = """
      id: warning-voice
      title: Worded like a warning
      category: context
      weight: -1.0
      discount: 0.2
      kind: context
      \(voice)
      explanation: The words around the lures read like a warning.
      tests:
        match:
          - {lang: en, text: "My brother said they offered a salary of $3000 a month for no experience"}

      """
    try rule.write(toFile: tmp + "/context/warning-voice.yaml", atomically: true, encoding: .utf8)
    if let tsv { try tsv.write(toFile: tmp + "/voice.tsv", atomically: true, encoding: .utf8) }
    return (tmp, RuleSetLoader.load(directory: tmp))
  }

  @Test func voiceRuleLoadsItsWordsIntoTheDigest() throws {
    let tsv = "# voice words\nsaid\t0.9\nbrother\t0.8\nhiring\t-1.0\n被\t1.0\n"
    let (dir, result) = try voiceCopy("voice:\n  file: voice.tsv\n  threshold: 1.0\n  min_words: 10", tsv: tsv)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let def = try result.get()
    let rule = try #require(def.rules.first { $0.id == "warning-voice" })
    #expect(rule.voice == VoiceSpec(file: "voice.tsv", threshold: 1.0, minWords: 10))
    #expect(rule.languages.isEmpty)
    let words = try #require(def.voices["voice.tsv"])
    #expect(words.weights == ["said": 0.9, "brother": 0.8, "hiring": -1.0, "被": 1.0])
    #expect(words.cap == .infinity)
    try tsv.replacingOccurrences(of: "0.9", with: "0.95").write(toFile: dir + "/voice.tsv", atomically: true, encoding: .utf8)
    #expect(try RuleSetLoader.load(directory: dir).get().sha256 != def.sha256)
  }

  @Test func badVoiceIsReportedWhereItIsWritten() throws {
    func errors(_ voice: String, tsv: String?) throws -> [Diagnostic] {
      let (dir, result) = try voiceCopy(voice, tsv: tsv)
      defer { try? FileManager.default.removeItem(atPath: dir) }
      guard case .failure(let e) = result else { return [] }
      return e.errors
    }
    // The file is missing: named with the rule file that names it.
    let missing = try errors("voice:\n  file: voice.tsv\n  threshold: 1.0", tsv: nil)
    #expect(missing.contains { $0.code == DiagnosticCode.badVocabulary && $0.file == "context/warning-voice.yaml" && $0.message.contains("voice.tsv") })
    // A path outside the rule set, a threshold that is not a number, a missing threshold.
    let outside = try errors("voice:\n  file: ../voice.tsv\n  threshold: 1.0", tsv: "said\t1\n")
    #expect(outside.contains { $0.code == DiagnosticCode.badVocabulary && $0.message.contains("inside the rule set folder") })
    let notNumber = try errors("voice:\n  file: voice.tsv\n  threshold: high", tsv: "said\t1\n")
    #expect(!notNumber.isEmpty)
    let noThreshold = try errors("voice:\n  file: voice.tsv", tsv: "said\t1\n")
    #expect(noThreshold.contains { $0.message.contains("threshold") })
    let zeroWords = try errors("voice:\n  file: voice.tsv\n  threshold: 1.0\n  min_words: 0", tsv: "said\t1\n")
    #expect(zeroWords.contains { $0.message.contains("min_words must be 1 or more") })
    // A bad line of the words file, with its line number.
    let badLine = try errors("voice:\n  file: voice.tsv\n  threshold: 1.0", tsv: "said\t1\nbrother 0.8\n")
    #expect(badLine.contains { $0.code == DiagnosticCode.badVocabulary && $0.file == "voice.tsv" && $0.line == 2 })
    // A voice file may hold word pairs (two keys, one space), nothing longer or emptier.
    #expect(try errors("voice:\n  file: voice.tsv\n  threshold: 1.0", tsv: "said\t1\ntold that\t0.5\nບອກ ວ່າ\t0.4\n").isEmpty)
    for (line, bad) in ["told  that", " told", "told ", "they told that"].enumerated() {
      let e = try errors("voice:\n  file: voice.tsv\n  threshold: 1.0", tsv: "said\t1\n" + bad + "\t0.5\n")
      #expect(e.contains { $0.file == "voice.tsv" && $0.line == 2 && $0.message.contains("word pair") }, "\(line): \(e)")
    }
    // `voice` belongs to context rules only.
    let (dir, result) = try voiceCopy("voice:\n  file: voice.tsv\n  threshold: 1.0", tsv: "said\t1\n")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try result.get()
    let phrasePath = dir + "/pay_too_good/high-pay-no-experience.yaml"
    let phrase = try String(contentsOfFile: phrasePath, encoding: .utf8)
    try (phrase + "voice:\n  file: voice.tsv\n  threshold: 1.0\n").write(toFile: phrasePath, atomically: true, encoding: .utf8)
    guard case .failure(let e) = RuleSetLoader.load(directory: dir) else {
      Issue.record("a phrase rule with a voice loaded")
      return
    }
    #expect(e.errors.contains { $0.file == "pay_too_good/high-pay-no-experience.yaml" && $0.message.contains("voice") }, "\(e.errors)")
  }

  /// What `redflag calibrate --vocabulary` writes, the loader reads back (weights to four decimals).
  @Test func renderedFileParsesBack() throws {
    let weights = ["telegram": 1.23456, "ไลน์": -0.5, "包吃包住": 2.0, "bao": 0.00004]
    let text = VocabularyFile.render(weights, header: ["learned from a test", "second line"])
    #expect(text.hasPrefix("# learned from a test\n# second line\n"))
    var problems: [Diagnostic] = []
    let model = try #require(VocabularyFile.parse(Array(text.utf8), file: "v.tsv", cap: 1, diagnostics: &problems))
    #expect(problems.isEmpty)
    #expect(model.weights == ["telegram": 1.2346, "ไลน์": -0.5, "包吃包住": 2.0, "bao": 0.0])
    let body = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: "\t")[0]) }
    #expect(body == ["bao", "telegram", "ไลน์", "包吃包住"])
    // A vocabulary (pairs: false, as ruleset.yaml's vocabulary is read) takes single words only.
    var pairProblems: [Diagnostic] = []
    #expect(VocabularyFile.parse(Array("told that\t0.5\n".utf8), file: "v.tsv", cap: 1, diagnostics: &pairProblems) == nil)
    #expect(pairProblems.contains { $0.line == 1 && $0.message.contains("without spaces") })
    // Bytes that are not UTF-8 are refused with the file named.
    let bad = VocabularyFile.parse([0x61, 0x09, 0x31, 0xFF, 0x0A], file: "v.tsv", cap: 1, diagnostics: &problems)
    #expect(bad == nil)
    #expect(problems.first?.message == "v.tsv is not valid UTF-8")
  }
}
