import Foundation
import Testing

/// `redflag eval` and `redflag calibrate` run as a user runs them: on the project's labelled
/// corpora (Thai and Burmese from the calibration set, which no phrase was written from, so every cell of the
/// confusion matrix is filled), on CSV, on already-scanned output, and on broken input.
@Suite struct EvalCalibrateCLITests {
  static let thai = CLI.packageRoot.appendingPathComponent("corpora/calib/th.jsonl").path
  static let burmese = CLI.packageRoot.appendingPathComponent("corpora/calib/my.jsonl").path

  /// Labels of a JSONL corpus file, by record id.
  func labels(_ path: String) throws -> [String: Bool] {
    var out: [String: Bool] = [:]
    for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
      let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      out[try #require(o["id"] as? String)] = (o["label"] as? Int) == 1
    }
    return out
  }

  func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  func confusion(_ group: [String: Any]) throws -> (tp: Int, fp: Int, tn: Int, fn: Int) {
    let c = try #require(group["confusion"] as? [String: Int])
    return (c["tp"] ?? -1, c["fp"] ?? -1, c["tn"] ?? -1, c["fn"] ?? -1)
  }

  @Test func evalAgreesWithScanRecordByRecord() throws {
    let run = try redflag(["eval", Self.thai, Self.burmese, "--rules", CLI.rules, "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let report = try jsonObject(run.stdout)
    let overall = try #require(report["overall"] as? [String: Any])
    let c = try confusion(overall)

    // The same files through `scan`: its flags against the labels give the same matrix.
    let truth = try labels(Self.thai).merging(try labels(Self.burmese)) { a, _ in a }
    let scan = try redflag(["scan", Self.thai, Self.burmese, "--rules", CLI.rules])
    #expect(scan.status == 0, "\(scan.stderr)")
    var tp = 0, fp = 0, tn = 0, fn = 0
    for r in jsonRecords(scan) {
      let id = try #require(r["id"] as? String)
      let risky = try #require(truth[id] as Bool?)
      let flagged = try #require(r["flagged"] as? Bool)
      switch (risky, flagged) {
      case (true, true): tp += 1
      case (false, true): fp += 1
      case (false, false): tn += 1
      case (true, false): fn += 1
      }
    }
    #expect(c.tp == tp && c.fp == fp && c.tn == tn && c.fn == fn)
    #expect(tp + fp + tn + fn == 80)
    // Both languages are reported separately, and add up to the whole.
    let langs = try #require(report["by_language"] as? [[String: Any]])
    #expect(Set(langs.compactMap { $0["name"] as? String }) == ["th", "my"])
    #expect(langs.compactMap { $0["n"] as? Int }.reduce(0, +) == 80)
    let auc = try #require(overall["roc_auc"] as? Double)
    #expect(auc > 0.5 && auc <= 1)
    // Misclassified records come with their id and their strongest findings.
    let wrong = try #require(report["misclassified"] as? [[String: Any]])
    #expect(wrong.count == fp + fn)
  }

  @Test func lowerThresholdFlagsAtLeastAsMany() throws {
    let high = try jsonObject(try redflag(["eval", Self.thai, "--rules", CLI.rules, "--json"]).stdout)
    let medium = try jsonObject(
      try redflag(["eval", Self.thai, "--rules", CLI.rules, "--json", "--threshold", "medium"]).stdout)
    let h = try confusion(try #require(high["overall"] as? [String: Any]))
    let m = try confusion(try #require(medium["overall"] as? [String: Any]))
    #expect(m.tp + m.fp >= h.tp + h.fp)
    #expect(m.tp >= h.tp)
    #expect(medium["threshold"] as? String == "medium")
  }

  @Test func scannedOutputIsNotScannedAgain() throws {
    let tmp = try TempDir()
    defer { tmp.cleanup() }
    let scanned = tmp.path("th-scanned.jsonl")
    let scan = try redflag([
      "scan", Self.thai, "--rules", CLI.rules, "--keep-fields", "label,lang,category", "-o", scanned,
    ])
    #expect(scan.status == 0, "\(scan.stderr)")
    // No rule set can be read from an empty folder, so this only works if nothing is rescanned.
    let empty = tmp.url.appendingPathComponent("no-rules").path
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    let fromScan = try redflag(["eval", scanned, "--json", "--rules", empty])
    #expect(fromScan.status == 0, "\(fromScan.stderr)")
    let direct = try redflag(["eval", Self.thai, "--json", "--rules", CLI.rules])
    let a = try jsonObject(fromScan.stdout), b = try jsonObject(direct.stdout)
    let ca = try confusion(try #require(a["overall"] as? [String: Any]))
    let cb = try confusion(try #require(b["overall"] as? [String: Any]))
    #expect(ca == cb)
    let aucA = try #require((a["overall"] as? [String: Any])?["roc_auc"] as? Double)
    let aucB = try #require((b["overall"] as? [String: Any])?["roc_auc"] as? Double)
    #expect(abs(aucA - aucB) < 1e-9)
  }

  @Test func csvWithOtherFieldNames() throws {
    let tmp = try TempDir()
    defer { tmp.cleanup() }
    let csv = try tmp.write(
      "ads.csv",
      """
      post_id,risky,body
      v1,1,"Tuyển gấp 10 bạn sang Campuchia làm CSKH, lương 1500 USD, không cần kinh nghiệm, bao vé máy bay và ăn ở, liên hệ Telegram @tuyendung_pp"
      v2,0,"Cửa hàng tiện lợi ở Quận 3 tuyển nhân viên bán hàng ca sáng, lương 6 triệu, có bảo hiểm xã hội."
      i1,1,"Dicari admin chat di Kamboja, gaji 15jt, tiket & mess ditanggung, paspor ditahan perusahaan selama kontrak. Japri WA saja."
      i2,0,"Lowongan kasir minimarket di Bandung, gaji UMR, BPJS, kirim lamaran ke HRD kami."

      """)
    let run = try redflag([
      "eval", csv, "--label-field", "risky", "--text-field", "body", "--id-field", "post_id",
      "--rules", CLI.rules, "--json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let overall = try #require(try jsonObject(run.stdout)["overall"] as? [String: Any])
    #expect(overall["n"] as? Int == 4)
    #expect(overall["positives"] as? Int == 2)
    // Both lures are flagged, neither ordinary ad is.
    let c = try confusion(overall)
    #expect(c == (2, 0, 2, 0))
    // Without a language field, the detected language groups the records.
    let langs = try #require(try jsonObject(run.stdout)["by_language"] as? [[String: Any]])
    #expect(Set(langs.compactMap { $0["name"] as? String }) == ["vi", "id"])
  }

  @Test func badInputSaysWhereAndWhat() throws {
    let tmp = try TempDir()
    defer { tmp.cleanup() }
    let noLabel = try tmp.write(
      "nolabel.jsonl",
      "{\"id\":\"a\",\"label\":0,\"text\":\"Lowongan kasir\"}\n{\"id\":\"b\",\"text\":\"Gaji besar di Kamboja\"}\n")
    let a = try redflag(["eval", noLabel, "--rules", CLI.rules])
    #expect(a.status == 2)
    #expect(a.stderr.contains("nolabel.jsonl:2") && a.stderr.contains("label"), "\(a.stderr)")

    let broken = try tmp.write("broken.csv", "id,label,text\n1,1,\"Kerja di Kamboja\n")
    let b = try redflag(["eval", broken, "--rules", CLI.rules])
    #expect(b.status == 2)
    #expect(b.stderr.contains("broken.csv:2") && b.stderr.contains("quoted"), "\(b.stderr)")

    let oneClass = try tmp.write("risky-only.jsonl", "{\"id\":\"a\",\"label\":1,\"text\":\"Gaji besar di Kamboja\"}\n{\"id\":\"b\",\"label\":1,\"text\":\"Tiket gratis ke Myawaddy\"}\n")
    let c = try redflag(["calibrate", oneClass, "-o", tmp.path("w.yaml"), "--rules", CLI.rules, "--folds", "2"])
    #expect(c.status == 2)
    #expect(c.stderr.contains("both risky"), "\(c.stderr)")
    #expect(!FileManager.default.fileExists(atPath: tmp.path("w.yaml")))

    // --voice needs warning or news records: risky and ordinary ads alone say so before anything
    // is fitted, and write neither the voice nor the overlay.
    let noWarnings = try tmp.write(
      "no-warnings.jsonl",
      "{\"id\":\"a\",\"label\":1,\"category\":\"pay_too_good\",\"text\":\"Gaji besar di Kamboja\"}\n"
        + "{\"id\":\"b\",\"label\":0,\"category\":\"benign\",\"text\":\"Lowongan kasir di Bandung\"}\n"
        + "{\"id\":\"c\",\"label\":1,\"category\":\"everything_paid\",\"text\":\"Tiket gratis ke Myawaddy\"}\n"
        + "{\"id\":\"d\",\"label\":0,\"category\":\"benign\",\"text\":\"Guru les privat di Medan\"}\n")
    let d = try redflag([
      "calibrate", noWarnings, "-o", tmp.path("w2.yaml"), "--rules", CLI.rules, "--folds", "2", "--voice", tmp.path("v.tsv"),
    ])
    #expect(d.status == 2)
    #expect(d.stderr.contains("--voice needs records whose category is warning or news") && d.stderr.contains("found 0 warning/news and 2 risky"), "\(d.stderr)")
    #expect(!FileManager.default.fileExists(atPath: tmp.path("v.tsv")))
    #expect(!FileManager.default.fileExists(atPath: tmp.path("w2.yaml")))
  }

  @Test func calibrateWritesAnOverlayThatScanAndEvalAccept() throws {
    let tmp = try TempDir()
    defer { tmp.cleanup() }
    let overlay = tmp.path("weights.yaml")
    let run = try redflag([
      "calibrate", Self.thai, Self.burmese, "-o", overlay, "--rules", CLI.rules, "--l2", "3",
      "--alone", "passport-retention, movement-restriction",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    // Cross-validated figures before and after are printed.
    #expect(run.stdout.contains("| hand |") && run.stdout.contains("| fitted (CV) |"), "\(run.stdout)")
    let yaml = try String(contentsOfFile: overlay, encoding: .utf8)
    #expect(yaml.contains("ruleset: \"redflag-core\""))
    #expect(yaml.contains("\nbias: "))
    #expect(yaml.contains("except movement-restriction, passport-retention") || yaml.contains("except passport-retention, movement-restriction"), "\(yaml.prefix(1200))")

    // The overlay changes the scores that `scan` gives, and `eval` reads it.
    let plain = try redflag(["scan", Self.thai, "--rules", CLI.rules])
    let weighted = try redflag(["scan", Self.thai, "--rules", CLI.rules, "--weights", overlay])
    #expect(weighted.status == 0, "\(weighted.stderr)")
    let s0 = jsonRecords(plain).compactMap { $0["score"] as? Double }
    let s1 = jsonRecords(weighted).compactMap { $0["score"] as? Double }
    #expect(s0.count == 40 && s1.count == 40)
    #expect(s0 != s1)
    let e = try redflag(["eval", Self.thai, "--rules", CLI.rules, "--weights", overlay, "--json"])
    #expect(e.status == 0, "\(e.stderr)")

    // An unknown id in --alone is an error that names it, and nothing is written.
    let again = tmp.path("again.yaml")
    let bad = try redflag(["calibrate", Self.thai, "-o", again, "--rules", CLI.rules, "--alone", "passport-retention,no-such-rule"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("no-such-rule"), "\(bad.stderr)")
    #expect(!FileManager.default.fileExists(atPath: again))
  }

  /// `--vocabulary` writes a weights file that a rule set can name; scans then carry the wording
  /// evidence, and `check` explains it.
  @Test func calibrateLearnsAVocabularyThatARuleSetLoads() throws {
    let tmp = try TempDir()
    defer { tmp.cleanup() }
    let rules = tmp.path("rules")
    try FileManager.default.copyItem(atPath: CLI.rules, toPath: rules)
    let words = rules + "/vocabulary.tsv"
    try? FileManager.default.removeItem(atPath: words)
    let run = try redflag([
      "calibrate", Self.thai, Self.burmese, "-o", tmp.path("w.yaml"), "--rules", CLI.rules, "--folds", "2",
      "--vocabulary", words,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("vocabulary: ") && run.stdout.contains("words alone, cross-validated: ROC-AUC"), "\(run.stdout)")
    let tsv = try String(contentsOfFile: words, encoding: .utf8)
    let lines = tsv.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(lines.count > 100)
    // Thai and Burmese words, each a key, a tab and a number, sorted.
    #expect(lines.allSatisfy { $0.split(separator: "\t").count == 2 && Double($0.split(separator: "\t")[1]) != nil })
    #expect(lines.contains { $0.unicodeScalars.first.map { (0x0E00...0x0E7F).contains($0.value) } ?? false })
    #expect(lines.contains { $0.unicodeScalars.first.map { (0x1000...0x109F).contains($0.value) } ?? false })
    let keys = lines.map { String($0.split(separator: "\t")[0]) }
    #expect(keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })

    // The copied set names the file; its scans now carry "vocabulary" where an indicator fired.
    let manifest = rules + "/ruleset.yaml"
    let yaml = try String(contentsOfFile: manifest, encoding: .utf8)
    if !yaml.contains("\nvocabulary:") {
      try (yaml + "vocabulary:\n  file: vocabulary.tsv\n  cap: 1.5\n").write(toFile: manifest, atomically: true, encoding: .utf8)
    }
    let scan = try redflag(["scan", Self.thai, "--rules", rules])
    #expect(scan.status == 0, "\(scan.stderr)")
    let records = jsonRecords(scan)
    #expect(records.count == 40)
    let withWords = records.filter { $0["vocabulary"] != nil }
    #expect(!withWords.isEmpty)
    for r in records {
      let findings = (r["findings"] as? [[String: Any]]) ?? []
      let positive = findings.contains { ($0["weight"] as? Double ?? 0) > 0 }
      if let v = r["vocabulary"] as? [String: Any] {
        let w = try #require(v["weight"] as? Double)
        if positive {
          #expect(abs(w) <= 1.5)
        } else {
          // Without an indicator the shipped cap_alone (1.2) bounds the words, and the post stays
          // below the lowest level (0.25): the words only order it.
          #expect(abs(w) <= 1.2 + 1e-9, "words counted beyond cap_alone in \(r["id"] ?? "?")")
          #expect((r["score"] as? Double ?? 1) < 0.25 && (r["flagged"] as? Bool) == false)
        }
      }
    }
    let check = try redflag(["check", "--rules", rules, "รับสมัครด่วน งานสีหนุวิลล์ เงินเดือนสูง ไม่ต้องมีประสบการณ์ ติดต่อไลน์"])
    #expect(check.stdout.contains("Wording"), "\(check.stdout)")
    // With no finding, the sentence says the words only order the post (the shipped cap_alone).
    let plain = try redflag(["check", "--rules", CLI.rules, "ร้านกาแฟในเชียงใหม่ รับพนักงานชงกาแฟ สมัครที่หน้าร้าน"])
    #expect(plain.stdout.contains("No rule matched"), "\(plain.stdout)")
    #expect(plain.stdout.contains("Without such a finding they only order the post"), "\(plain.stdout)")
  }

  /// `--voice` learns the words around the lures that tell warnings and news (Thai and Burmese
  /// calibration posts) from risky ads, and the shipped voice rule reads them back.
  @Test func calibrateLearnsAVoiceThatTheVoiceRuleReads() throws {
    let tmp = try TempDir()
    defer { tmp.cleanup() }
    let rules = tmp.path("rules")
    try FileManager.default.copyItem(atPath: CLI.rules, toPath: rules)
    let words = rules + "/voice.tsv"
    try FileManager.default.removeItem(atPath: words)
    let run = try redflag([
      "calibrate", Self.thai, Self.burmese, "-o", tmp.path("w.yaml"), "--rules", CLI.rules, "--folds", "2",
      "--voice", words,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("voice: ") && run.stdout.contains("warning/news and"), "\(run.stdout)")
    let lines = try String(contentsOfFile: words, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(lines.count > 50)
    let weights = lines.map { Double($0.split(separator: "\t")[1])! }
    // Clipped to +-1 each, no token kinds (only words), Thai and Burmese words present.
    #expect(weights.allSatisfy { abs($0) <= 1 })
    #expect(!lines.contains { $0.hasPrefix("<") })
    #expect(lines.contains { $0.unicodeScalars.first.map { (0x0E00...0x0E7F).contains($0.value) } ?? false })
    #expect(lines.contains { $0.unicodeScalars.first.map { (0x1000...0x109F).contains($0.value) } ?? false })

    // The copied set loads the new words; the voice appears only beside a lure, with its finding.
    let scan = try redflag(["scan", Self.thai, Self.burmese, "--rules", rules])
    #expect(scan.status == 0, "\(scan.stderr)")
    let records = jsonRecords(scan)
    #expect(records.count == 80)
    let voiced = records.filter { $0["voice"] != nil }
    #expect(!voiced.isEmpty)
    for r in voiced {
      let findings = (r["findings"] as? [[String: Any]]) ?? []
      #expect(findings.contains { ($0["rule"] as? String) == "warning-voice" })
      #expect(findings.contains { ($0["category"] as? String) != "context" && ($0["weight"] as? Double ?? 0) > 0 })
      let v = try #require(r["voice"] as? [String: Any])
      #expect((v["weight"] as? Double ?? 0) >= 1.0)
    }
    // With the shipped set, a relative's Thai story that retells the lures is explained in plain words.
    let check = try redflag([
      "check", "--rules", CLI.rules,
      "น้องชายฉันเมื่อปีที่แล้วไปสมัครงานที่บอกว่าเงินเดือน 40,000 บาท ไม่ต้องมีประสบการณ์ ฟรีตั๋วไปกัมพูชา พอไปถึงถูกยึดพาสปอร์ต ครอบครัวต้องจ่ายค่าไถ่ถึงได้กลับบ้าน",
    ])
    #expect(check.stdout.contains("Voice") && check.stdout.contains("read like the warnings"), "\(check.stdout)")
  }
}
