import Foundation
import Testing
import RedFlag
import RedFlagRules

private let ad =
  "Customer service in Sihanoukville, salary $2,500/month, no experience needed, free flight and visa. DM Telegram @hr_asia\n\"quoted\"\ttab"

/// The shipped rules, loaded and compiled once for all tests of this target.
let sharedScanner: RedFlag.Scanner = {
  do {
    return RedFlag.Scanner(ruleSet: try RuleSet.load(from: shippedRulesDirectory))
  } catch {
    fatalError("the shipped rule set does not load: \(error)")
  }
}()

@Suite struct PublicAPI {
  var scanner: RedFlag.Scanner { sharedScanner }

  @Test func reportRoundTripsToTheDocumentedJSONRecord() throws {
    let report = scanner.scan(text: ad, id: "ad-17")
    let line = report.jsonLine()
    #expect(!line.contains("\n") && !line.contains("\t"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    // `vocabulary` is there because an indicator fired and the shipped set has word weights.
    #expect(Set(object.keys) == ["categories", "entities", "findings", "flagged", "id", "language", "level", "ruleset", "score", "vocabulary"])
    let vocabulary = try #require(object["vocabulary"] as? [String: Any])
    let v = try #require(report.vocabulary)
    #expect(abs((vocabulary["weight"] as? Double ?? 99) - v.weight) < 1e-4)
    let words = try #require(vocabulary["words"] as? [[String: Any]])
    #expect(words.count == v.words.count && !words.isEmpty)
    for (w, r) in zip(words, v.words) {
      #expect(Set(w.keys) == ["weight", "word"])
      #expect(w["word"] as? String == r.word)
    }
    // A post with no indicator: the shipped `cap_alone` lets its words order it, within 1.2 and
    // below the lowest level (0.25), so it has a vocabulary key but no level and no flag.
    let plainReport = scanner.scan(text: "Fresh bread every morning at our bakery.", id: "p")
    let plain = try #require(try JSONSerialization.jsonObject(with: Data(plainReport.jsonLine().utf8)) as? [String: Any])
    #expect(plainReport.findings.isEmpty && plainReport.level == .none && !plainReport.flagged)
    let plainWords = try #require(plain["vocabulary"] as? [String: Any])
    #expect(abs(plainWords["weight"] as? Double ?? 99) <= 1.2 + 1e-9)
    #expect(plainReport.score < 0.25)
    // The ad's own voice does not read like a warning: no `voice` key. A relative's story that
    // retells the same lures has one, with its score and words, and the voice rule among its findings.
    #expect(object["voice"] == nil && report.voice == nil)
    let story = scanner.scan(
      text: "My brother answered an ad last year that said salary $1,500, no experience needed, free flight to Cambodia. When he got there they took his passport and we had to pay to get him back.",
      id: "story")
    let storyObject = try #require(try JSONSerialization.jsonObject(with: Data(story.jsonLine().utf8)) as? [String: Any])
    let voice = try #require(storyObject["voice"] as? [String: Any])
    let sv = try #require(story.voice)
    #expect(abs((voice["weight"] as? Double ?? -99) - sv.weight) < 1e-4 && sv.weight >= 1)
    #expect((voice["words"] as? [[String: Any]])?.count == sv.words.count && !sv.words.isEmpty)
    #expect(story.findings.contains { $0.rule == "warning-voice" })
    #expect(!story.flagged)
    #expect(object["id"] as? String == "ad-17")
    #expect(object["level"] as? String == report.level.rawValue)
    #expect(object["flagged"] as? Bool == report.flagged)
    #expect(abs((object["score"] as? Double ?? -1) - report.score) < 1e-4)
    #expect(object["language"] as? String == "en")
    let ruleset = try #require(object["ruleset"] as? [String: String])
    #expect(ruleset["name"] == "redflag-core")
    #expect(ruleset["sha256"]?.count == 64)
    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(findings.count == report.findings.count && !findings.isEmpty)
    let scalars = Array(ad.unicodeScalars)
    let bytes = Array(ad.utf8)
    for (f, r) in zip(findings, report.findings) {
      #expect(Set(f.keys) == ["category", "end", "explanation", "indicator", "revision", "rule", "start", "text", "utf8_end", "utf8_start", "weight"])
      #expect(f["rule"] as? String == r.rule)
      let start = try #require(f["start"] as? Int), end = try #require(f["end"] as? Int)
      let text = try #require(f["text"] as? String)
      #expect(String(String.UnicodeScalarView(scalars[start..<end])) == text)
      let ub = try #require(f["utf8_start"] as? Int), ue = try #require(f["utf8_end"] as? Int)
      #expect(String(decoding: bytes[ub..<ue], as: UTF8.self) == text)
    }
    let entities = try #require(object["entities"] as? [[String: Any]])
    #expect(entities.contains { $0["kind"] as? String == "handle" && $0["text"] as? String == "@hr_asia" })
    #expect(entities.contains { $0["kind"] as? String == "money" && $0["text"] as? String == "$2,500" })
  }

  @Test func keysAreSortedAndCompact() {
    let line = scanner.scan(text: ad, id: "x").jsonLine(extra: [(key: "a_field", json: "\"kept\""), (key: "id", json: "\"not-me\"")])
    #expect(line.hasPrefix("{\"a_field\":\"kept\",\"categories\":"))
    #expect(line.contains("\"id\":\"x\""))
    // Compact: no whitespace outside strings.
    var inString = false
    var escaped = false
    var outsideWhitespace = 0
    for c in line.unicodeScalars {
      if inString {
        if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
      } else if c == "\"" {
        inString = true
      } else if c == " " || c == "\n" || c == "\t" {
        outsideWhitespace += 1
      }
    }
    #expect(outsideWhitespace == 0)
  }

  @Test func errorRecordsKeepTheirIdAndSayWhat() throws {
    let report = ScanReport.failed(id: "f.jsonl:3", error: RecordError(code: "invalid_json", message: "f.jsonl:3: unexpected end"), ruleset: scanner.ruleSet.stamp)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(report.jsonLine().utf8)) as? [String: Any])
    #expect(object["id"] as? String == "f.jsonl:3")
    let error = try #require(object["error"] as? [String: String])
    #expect(error["code"] == "invalid_json")
    #expect(object["flagged"] as? Bool == false)
  }

  @Test func invalidUTF8IsRepairedAndOffsetsReferToTheInputBytes() {
    var bytes = Array("Job in ".utf8)
    bytes.append(0xFF)
    bytes += Array(" Poipet, no experience".utf8)
    let report = scanner.scan(utf8: bytes, id: "bad")
    let dest = report.findings.first { $0.rule == "scam-hub-destination" }
    #expect(dest != nil)
    if let dest {
      #expect(String(decoding: bytes[dest.utf8Start..<dest.utf8End], as: UTF8.self).contains("Poipet"))
    }
  }

  @Test func htmlIsScannedByItsVisibleTextAndLinks() {
    let html = "<html><body><script>var x='Sihanoukville';</script><p>Easy job, good pay</p><a href=\"https://t.me/hr_asia\">Contact us</a></body></html>"
    let report = scanner.scan(html: html, id: "page")
    #expect(!report.findings.contains { $0.text.contains("Sihanoukville") })
    #expect(report.entities.contains { $0.kind == "url" && $0.text.contains("t.me/hr_asia") })
  }

  @Test func scannerIsSafeToShareAcrossThreads() async {
    let texts = (0..<64).map { "\(ad) #\($0)" }
    let expected = scanner.scan(text: texts[0], id: "0").findings.map(\.rule)
    await withTaskGroup(of: [String].self) { group in
      for t in texts { group.addTask { self.scanner.scan(text: t, id: "").findings.map(\.rule) } }
      for await rules in group { #expect(rules == expected) }
    }
  }
}

@Suite struct SharedJSONText {
  @Test func quotedEscapesWhatJSONAndJavaScriptNeed() throws {
    let raw = "quote \" backslash \\ newline \n tab \t bell \u{07} sep \u{2028}\u{2029} ไทย 客服"
    let quoted = JSONText.quoted(raw)
    #expect(!quoted.contains("\n") && !quoted.contains("\t") && !quoted.unicodeScalars.contains("\u{2028}"))
    #expect(quoted.contains("\\u2028") && quoted.contains("\\u2029") && quoted.contains("\\u0007"))
    let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
    #expect(back == [raw])
  }
}
