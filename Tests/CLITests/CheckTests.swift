import Foundation
import Testing

@Suite("redflag check, end to end")
struct CheckTests {
  let rules = ["--rules", CLI.rules]
  let risky = "URGENT: customer service job in Cambodia, salary 3000 USD, no experience needed. Free flight, visa and housing. Employer keeps your passport. Telegram @fastjob_asia"
  let levelWords = ["No sign of risk found", "Low risk", "Medium risk", "High risk", "Critical risk"]

  @Test func explainsOneAdInWords() throws {
    let run = try redflag(["check", risky, "--color", "never"] + rules)
    #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
    #expect(levelWords.contains { run.stdout.hasPrefix($0) })
    #expect(run.stdout.contains("score "))
    #expect(run.stdout.contains(run.status == 1 ? "flagged for review" : "not flagged"))
    // The text is shown (with [[ ]] markers, never colour codes, when colour is off).
    #expect(run.stdout.contains("Telegram"))
    #expect(!run.stdout.contains("\u{1B}["))
    let coloured = try redflag(["check", risky, "--color", "always"] + rules)
    #expect(coloured.stdout.contains("\u{1B}[1m"))
    #expect(coloured.status == run.status)
  }

  @Test func readsStandardInputAndHTMLFiles() throws {
    let fromStdin = try redflag(["check", "--color", "never"] + rules, stdin: Data(risky.utf8))
    let fromArg = try redflag(["check", risky, "--color", "never"] + rules)
    #expect(fromStdin.status == fromArg.status)
    #expect(fromStdin.stdout == fromArg.stdout)

    let html = try redflag(["check", "--file", CLI.samples.appendingPathComponent("ad.html").path, "--color", "never"] + rules)
    #expect(html.status == 0 || html.status == 1, "\(html.stderr)")
    #expect(levelWords.contains { html.stdout.hasPrefix($0) })
    // The extracted text of HTML is not ours to show, so there is no marked-up text block.
    #expect(!html.stdout.contains("suspicious passages"))
  }

  @Test func errorsExitWith2() throws {
    let empty = try redflag(["check", "   "] + rules)
    #expect(empty.status == 2)
    #expect(empty.stderr.contains("empty"))
    let both = try redflag(["check", "text", "--file", "x.html"] + rules)
    #expect(both.status == 2)
    let missing = try redflag(["check", "--file", "/nonexistent/ad.html"] + rules)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("/nonexistent/ad.html"))
    let binary = try redflag(["check"] + rules, stdin: Data([0x41, 0x00, 0x42]))
    #expect(binary.status == 2)
    #expect(binary.stderr.contains("binary"))
  }

  /// Needs the real `jsonLine`, `RuleSet` and `Scanner`: the exit code follows `flagged`, and the
  /// [[ ]] markers wrap exactly the finding spans (code-point offsets into the text).
  @Test func jsonRecordAgreesWithExitCodeAndHighlighting() throws {
    let json = try redflag(["check", risky, "--json"] + rules)
    #expect(json.lines.count == 1)
    let obj = try #require(jsonRecords(json).first)
    let flagged = try #require(obj["flagged"] as? Bool)
    #expect(json.status == (flagged ? 1 : 0))
    let findings = try #require(obj["findings"] as? [[String: Any]])
    #expect(!findings.isEmpty)
    let scalars = Array(risky.unicodeScalars)
    for f in findings {
      let start = try #require(f["start"] as? Int)
      let end = try #require(f["end"] as? Int)
      let text = try #require(f["text"] as? String)
      #expect(String(String.UnicodeScalarView(scalars[start..<end])) == text)
    }
    let plain = try redflag(["check", risky, "--color", "never"] + rules)
    let first = try #require(findings.map { $0["text"] as? String ?? "" }.first)
    #expect(plain.stdout.contains("[[") && plain.stdout.contains(first))
  }
}

@Suite("redflag scan progress")
struct ProgressTests {
  @Test func jsonProgressOncePerSecondOnStandardError() throws {
    let tmp = try TempDir()
    defer { tmp.cleanup() }
    let p = Process()
    p.executableURL = CLI.binary
    p.arguments = ["scan", "--progress", "json", "--output", "csv", "--rules", CLI.rules]
    let input = Pipe()
    let err = Pipe()
    p.standardInput = input
    p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    p.standardError = err
    try p.run()
    input.fileHandleForWriting.write(Data("{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n".utf8))
    Thread.sleep(forTimeInterval: 1.6)
    try input.fileHandleForWriting.close()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let progressLines = stderr.split(separator: "\n").filter { $0.hasPrefix("{") }
    #expect(!progressLines.isEmpty)
    let obj = try #require(progressLines.last.flatMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    })
    // The last object is written at the end, after every record was counted.
    #expect(obj["records"] as? Int == 2)
    #expect(obj["errors"] as? Int == 0)
    #expect(obj["mb_per_s"] is NSNumber)
    #expect(stderr.contains("redflag: 2 records"))
  }
}
