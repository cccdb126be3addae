import Foundation
import RedFlag
import RedFlagRules
import Testing
@testable import RedFlagEval

func verdict(_ score: Double, _ level: RiskLevel, flagged: Bool) -> Verdict {
  Verdict(score: score, level: level, flagged: flagged, language: nil, findings: [])
}

func temporaryFile(_ name: String, _ content: String) throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rf-eval-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let path = dir.appendingPathComponent(name).path
  try content.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

@Suite struct EvaluatorTests {
  @Test func breakdownByLanguageAndCategory() {
    func rec(_ id: String, _ label: Bool, _ lang: String, _ cat: String, _ v: Verdict) -> JudgedRecord {
      JudgedRecord(record: LabelledRecord(id: id, label: label, lang: lang, category: cat, content: .scanned(v)), verdict: v)
    }
    let judged = [
      rec("a", true, "en", "fees_and_debt", verdict(0.9, .critical, flagged: true)),
      rec("b", true, "en", "fees_and_debt", verdict(0.4, .medium, flagged: false)),
      rec("c", false, "en", "warning", verdict(0.7, .high, flagged: true)),
      rec("d", false, "en", "benign", verdict(0.1, .none, flagged: false)),
      rec("e", true, "th", "fees_and_debt", verdict(0.2, .low, flagged: false)),
      rec("f", false, "th", "news", verdict(0.3, .low, flagged: false)),
    ]
    let r = Evaluator.report(judged)
    #expect(r.overall.confusion == Confusion(tp: 1, fp: 1, tn: 2, fn: 2))
    #expect(r.byLanguage.map(\.name) == ["en", "th"])
    #expect(r.byLanguage[0].confusion == Confusion(tp: 1, fp: 1, tn: 1, fn: 1))
    // en: risky 0.9, 0.4 vs benign 0.7, 0.1: wins 2 + 1 = 3 of 4.
    #expect(r.byLanguage[0].rocAUC == 0.75)
    let fees = r.byCategory.first { $0.category == "fees_and_debt" }
    #expect(fees?.n == 3 && fees?.flagged == 1 && fees?.risky == true)
    let warning = r.byCategory.first { $0.category == "warning" }
    #expect(warning?.rate == 1 && warning?.risky == false)
    let thFees = r.byLanguageCategory.first { $0.language == "th" && $0.category == "fees_and_debt" }
    #expect(thFees?.flagged == 0)
    #expect(Set(r.misclassified.map(\.id)) == ["b", "c", "e"])
    // Worst first: the missed record with the lowest score.
    #expect(r.misclassified.first?.id == "e")

    // A lower threshold flags by level instead of the flag.
    let low = Evaluator.report(judged, threshold: .medium)
    #expect(low.overall.confusion == Confusion(tp: 2, fp: 1, tn: 2, fn: 1))
    #expect(low.threshold == "medium")
  }

  @Test func scannedFileEvaluatesLikeTheRawFile() throws {
    let set = try shippedRuleSet()
    let scanner = RedFlag.Scanner(ruleSet: set)
    // The calibration set, not DEV: the rules fire on nearly all of DEV, and this comparison needs
    // misclassified records to compare.
    let rawPath = repoPath("corpora/calib/th.jsonl")
    let raw = try RecordReader.readJSONL(path: rawPath) + RecordReader.readJSONL(path: repoPath("corpora/calib/my.jsonl"))
    let direct = Evaluator.report(try Evaluator.judge(raw, scanner: scanner))

    // Write what `redflag scan --keep-fields label,lang,category` writes, then evaluate that.
    var lines = ""
    for r in raw {
      guard case .text(let t) = r.content else { Issue.record("\(r.id): no text"); return }
      let report = scanner.scan(text: t, id: r.id)
      lines += report.jsonLine(extra: [
        ("label", r.label ? "1" : "0"), ("lang", "\"\(r.lang!)\""), ("category", "\"\(r.category!)\""),
      ]) + "\n"
    }
    let path = try temporaryFile("scanned.jsonl", lines)
    let scanned = try RecordReader.readJSONL(path: path)
    #expect(scanned.allSatisfy { if case .scanned = $0.content { true } else { false } })
    // No scanner: nothing may be scanned again.
    let again = Evaluator.report(try Evaluator.judge(scanned, scanner: nil))

    #expect(again.overall.confusion == direct.overall.confusion)
    #expect(abs((again.overall.rocAUC ?? -1) - (direct.overall.rocAUC ?? -2)) < 1e-9)
    #expect(abs((again.overall.prAUC ?? -1) - (direct.overall.prAUC ?? -2)) < 1e-9)
    #expect(again.byLanguage.map(\.confusion) == direct.byLanguage.map(\.confusion))
    #expect(again.byCategory.map(\.flagged) == direct.byCategory.map(\.flagged))
    // The same records are wrong, with the same strongest finding (the order of records with
    // near-equal scores may differ: scanned output keeps scores to 4 decimals).
    func strongest(_ r: EvalReport) -> [String: String] {
      Dictionary(uniqueKeysWithValues: r.misclassified.map { ($0.id, $0.topFindings.first?.rule ?? "") })
    }
    #expect(strongest(again) == strongest(direct))
    #expect(!direct.misclassified.isEmpty)
    #expect(direct.overall.n == 80)
  }

  @Test func htmlRecordsAreReadThroughTheirFileField() throws {
    let set = try shippedRuleSet()
    let records = try RecordReader.readJSONL(path: repoPath("corpora/html/labels.jsonl"))
    #expect(records.count == 13)
    #expect(records.allSatisfy { if case .html = $0.content { true } else { false } })
    let judged = try Evaluator.judge(records, scanner: RedFlag.Scanner(ruleSet: set))
    // Every page has visible text, so the scan detects a language for each.
    #expect(judged.allSatisfy { $0.verdict.language != nil })
  }

  @Test func unscannedRecordsNeedAScanner() throws {
    let path = try temporaryFile("raw.jsonl", #"{"id":"x","label":1,"text":"Work in Cambodia"}"# + "\n")
    let records = try RecordReader.readJSONL(path: path)
    #expect(throws: EvalInputError.self) { try Evaluator.judge(records, scanner: nil) }
  }

  @Test func badRecordsSayWhereAndWhat() throws {
    let cases: [(String, String)] = [
      (#"{"id":"x","text":"hello"}"#, ":2: field 'label': missing"),
      (#"{"id":"x","label":"maybe","text":"hello"}"#, ":2: field 'label': expected 0/1 or true/false, found 'maybe'"),
      (#"{"id":"x","label":1}"#, ":2: field 'text': missing"),
      (#"{"id":"x","label":1,"score":0.5,"level":"huge","flagged":true}"#, ":2: field 'level': expected one of"),
      (#"{"id":"x","label":1,"text":"#, ":2: not valid JSON"),
      (#"[1,2]"#, ":2: expected a JSON object, found an array"),
      (#"{"id":"x","label":1,"error":{"code":"invalid_utf8","message":"bad"},"score":0,"level":"none","flagged":false}"#, ":2: field 'error'"),
    ]
    for (line, expected) in cases {
      let path = try temporaryFile("bad.jsonl", #"{"id":"ok","label":0,"text":"fine"}"# + "\n" + line + "\n")
      do {
        _ = try RecordReader.readJSONL(path: path)
        Issue.record("no error for \(line)")
      } catch let e as EvalInputError {
        #expect(e.message.hasPrefix(path), "\(e.message)")
        #expect(e.message.contains(expected), "\(e.message) should contain \(expected)")
      }
    }
  }

  @Test func labelsInManySpellings() throws {
    let content = [
      #"{"label":true,"text":"a"}"#, #"{"label":"1","text":"b"}"#, #"{"label":0,"text":"c"}"#,
      #"{"label":"false","text":"d"}"#, #"{"is_fraud":1,"label":0,"text":"e"}"#,
    ].joined(separator: "\n")
    let path = try temporaryFile("labels.jsonl", content)
    #expect(try RecordReader.readJSONL(path: path).map(\.label) == [true, true, false, false, false])
    // Another label field: the first record lacks it, and the error says so.
    #expect {
      try RecordReader.readJSONL(path: path, fields: FieldNames(label: "is_fraud"))
    } throws: { e in
      (e as? EvalInputError)?.message == "\(path):1: field 'is_fraud': missing (the label: 1 risky, 0 not; use --label-field to name another field)"
    }
  }
}
