import ArgumentParser
import Foundation
import RedFlag
import RedFlagRules

enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case jsonl, csv, pretty
}

extension RiskLevel: ExpressibleByArgument {}

/// Formats reports for `scan`'s output.
struct Renderer: Sendable {
  var format: OutputFormat
  var perFinding: Bool
  var keepFields: [String]

  /// The first line(s) of the output (CSV header), if any.
  var header: String? {
    guard format == .csv else { return nil }
    let base = perFinding
      ? ["id", "rule", "category", "weight", "text", "start", "end"]
      : ["id", "score", "level", "flagged", "language", "rules", "error_code"]
    return (base + keepFields).map(csvField).joined(separator: ",") + "\n"
  }

  /// Appends the output of one record to `out` (each line ends with `\n`).
  func render(_ report: ScanReport, kept: [KeptValue], into out: inout String) {
    switch format {
    case .jsonl:
      let extra = zip(keepFields, kept).map { (key: $0.0, json: $0.1.json) }
      out += report.jsonLine(extra: extra)
      out += "\n"
    case .csv:
      let keptCols = kept.map { csvField($0.plain) }
      if perFinding {
        for f in report.findings {
          var cols = [csvField(report.id), csvField(f.rule), csvField(f.category), formatNumber(f.weight),
                      csvField(f.text), "\(f.start)", "\(f.end)"]
          cols += keptCols
          out += cols.joined(separator: ",") + "\n"
        }
      } else {
        var seen = Set<String>()
        let rules = report.findings.map(\.rule).filter { seen.insert($0).inserted }
        var cols = [csvField(report.id), formatNumber(report.score), report.level.rawValue, report.flagged ? "true" : "false",
                    csvField(report.language), csvField(rules.joined(separator: " ")),
                    csvField(report.error?.code ?? "")]
        cols += keptCols
        out += cols.joined(separator: ",") + "\n"
      }
    case .pretty:
      out += prettyBlock(report, kept: kept)
    }
  }

  private func prettyBlock(_ r: ScanReport, kept: [KeptValue]) -> String {
    var s = "── \(r.id)\n"
    if let e = r.error {
      s += "   error \(e.code): \(e.message)\n"
    } else {
      s += "   \(r.level.rawValue.uppercased())  score \(String(format: "%.3f", r.score))"
      s += r.flagged ? "  FLAGGED" : ""
      s += "  language \(r.language)\n"
      for f in r.findings {
        let w = String(format: "%+.2f", f.weight)
        s += "   • \(f.rule) [\(f.category) \(w)] \"\(oneLine(f.text))\" at \(f.start)..<\(f.end)\n"
      }
      if !r.entities.isEmpty {
        s += "   entities: " + r.entities.map { "\($0.kind) \(oneLine($0.text))" }.joined(separator: "; ") + "\n"
      }
    }
    for (k, v) in zip(keepFields, kept) where !v.plain.isEmpty {
      s += "   \(k): \(oneLine(v.plain))\n"
    }
    return s + "\n"
  }
}

/// A number as the JSON record writes it: rounded to 4 decimals, integers without a fraction.
func formatNumber(_ x: Double) -> String {
  guard x.isFinite else { return "0" }
  let r = (x * 10_000).rounded() / 10_000
  if r == r.rounded() && abs(r) < 1e15 { return String(Int64(r)) }
  return String(r)
}

/// One line of text for human output: newlines and tabs become spaces.
func oneLine(_ s: String) -> String {
  String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
}

/// A CSV field, quoted when it holds a comma, quote, or line break (RFC 4180).
func csvField(_ s: String) -> String {
  if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
  return s
}
