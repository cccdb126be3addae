import ArgumentParser
import Foundation
import RedFlag
import RedFlagRules

enum ColorMode: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check one ad and explain what is suspicious about it.",
    discussion: "Exit codes: 0 not flagged, 1 flagged, 2 error.")

  @Argument(help: "The ad's text (or use --file, or standard input).")
  var text: String?

  @Option(help: ArgumentHelp("Read the ad from this file (.html/.htm is read as HTML).", valueName: "file"))
  var file: String?

  @Flag(help: "The input is HTML.")
  var html = false

  @Option(help: "Highlight with colours: auto (on a terminal), always or never ([[...]] markers).")
  var color: ColorMode = .auto

  @Flag(help: "Print the JSON record instead of the explanation.")
  var json = false

  @OptionGroup var ruleSetOptions: RuleSetOptions

  func validate() throws {
    if text != nil && file != nil { throw ValidationError("give the text or --file, not both") }
  }

  func run() throws {
    let ruleSet = try ruleSetOptions.load()
    let scanner = RedFlag.Scanner(ruleSet: ruleSet)
    var isHTML = html
    let bytes: [UInt8]
    let id: String
    if let text {
      bytes = Array(text.utf8)
      id = "argument"
    } else if let file {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw RunFailure("\(file): cannot read the file")
      }
      bytes = [UInt8](data)
      id = file
      if InputFormat.forPath(file) == .html { isHTML = true }
    } else {
      bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
      id = "-"
    }
    if let nul = bytes.prefix(8192).firstIndex(of: 0) {
      throw RunFailure("\(id): binary input (NUL byte at offset \(nul))")
    }
    let original = String(decoding: bytes, as: UTF8.self)
    if original.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
      throw RunFailure("nothing to check: the text is empty")
    }
    let report = isHTML ? scanner.scan(html: original, id: id) : scanner.scan(utf8: bytes, id: id)
    if let error = report.error {
      throw RunFailure("\(error.code): \(error.message)")
    }
    if json {
      print(report.jsonLine())
    } else {
      let useColor = color == .always || (color == .auto && isatty(1) != 0)
      print(explain(report, text: isHTML ? nil : original, color: useColor), terminator: "")
    }
    if report.flagged { throw ExitCode(1) }
  }
}

/// Plain words for a level.
func levelWords(_ level: RiskLevel) -> String {
  switch level {
  case .none: "No sign of risk found"
  case .low: "Low risk"
  case .medium: "Medium risk"
  case .high: "High risk"
  case .critical: "Critical risk"
  }
}

/// The human explanation of one report. `text` is the scanned plain text (nil for HTML, whose
/// extracted text the report's offsets refer to): its suspicious spans are highlighted.
func explain(_ r: ScanReport, text: String?, color: Bool) -> String {
  let bold = color ? "\u{1B}[1m" : ""
  let red = color ? "\u{1B}[1;31m" : ""
  let dim = color ? "\u{1B}[2m" : ""
  let reset = color ? "\u{1B}[0m" : ""
  var s = ""
  let percent = Int((r.score * 100).rounded())
  s += "\(bold)\(levelWords(r.level))\(reset): score \(String(format: "%.2f", r.score)) (\(percent) in 100)"
  s += r.flagged ? ", \(red)flagged for review\(reset)" : ", not flagged"
  s += ". Language: \(r.language).\n\n"

  if let text {
    s += "\(bold)Text\(reset)" + (color ? " (suspicious passages in colour):\n" : " (suspicious passages between [[ and ]]):\n")
    let spans = r.findings.map { ($0.start, $0.end) }
    let open = color ? red : "[["
    let close = color ? reset : "]]"
    s += highlight(text, spans: spans, open: open, close: close) + "\n\n"
  }

  if r.findings.isEmpty {
    s += "No rule matched.\n"
  } else {
    s += "\(bold)Why\(reset) (\(r.findings.count) finding\(r.findings.count == 1 ? "" : "s")):\n"
    for (k, f) in r.findings.enumerated() {
      s += "\(k + 1). \(bold)\(f.rule)\(reset) — \(f.indicator)\n"
      s += "   category \(f.category), weight \(String(format: "%+.2f", f.weight))\n"
      s += "   matched: \"\(oneLine(f.text))\"\n"
      if !f.explanation.isEmpty { s += "   \(oneLine(f.explanation))\n" }
    }
  }
  if let v = r.vocabulary {
    s += "\n\(bold)Wording\(reset): weight \(String(format: "%+.2f", v.weight)). "
    s += v.wordingSentence(words: v.wordList, risky: r.findings.contains { $0.weight > 0 }, finding: "finding") + "\n"
  }
  if let v = r.voice {
    s += "\n\(bold)Voice\(reset): score \(String(format: "%.2f", v.weight)). \(VocabularyReport.voiceSentence(words: v.wordList))\n"
  }
  if !r.entities.isEmpty {
    s += "\n\(bold)Found in the text\(reset):\n"
    for e in r.entities { s += "   \(e.kind): \(oneLine(e.text))\n" }
  }
  s += "\n\(dim)Rule set \(r.ruleset.name) \(r.ruleset.version)\(reset)\n"
  return s
}

/// `text` with the half-open code-point `spans` wrapped in `open`/`close`; overlapping or
/// touching spans are merged, spans outside the text are clipped.
func highlight(_ text: String, spans: [(Int, Int)], open: String, close: String) -> String {
  let scalars = Array(text.unicodeScalars)
  var merged: [(Int, Int)] = []
  for (a, b) in spans.map({ (max(0, min($0.0, scalars.count)), max(0, min($0.1, scalars.count))) })
    .filter({ $0.0 < $0.1 }).sorted(by: { $0.0 < $1.0 }) {
    if let last = merged.last, a <= last.1 {
      merged[merged.count - 1].1 = max(last.1, b)
    } else {
      merged.append((a, b))
    }
  }
  var out = String.UnicodeScalarView()
  var pos = 0
  for (a, b) in merged {
    out.append(contentsOf: scalars[pos..<a])
    out.append(contentsOf: open.unicodeScalars)
    out.append(contentsOf: scalars[a..<b])
    out.append(contentsOf: close.unicodeScalars)
    pos = b
  }
  out.append(contentsOf: scalars[pos...])
  return String(out)
}
