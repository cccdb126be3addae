import Foundation

extension EvalReport {
  /// The report for people: tables in Markdown, then the misclassified records.
  public func text(maxMisclassified: Int = 30) -> String {
    var s = ""
    let basis = threshold == "flagged" ? "the records' flag (the rule set's flag level)" : "level >= \(threshold)"
    s += "Flagged means: \(basis).\n\n"
    s += "| group | n | risky | P | R | F1 | FPR | ROC-AUC | PR-AUC | TP | FP | TN | FN |\n"
    s += "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    for g in [overall] + byLanguage { s += Self.row(g) }
    s += "\nBy category (risky: share caught = recall; benign kinds: share flagged = false-positive rate):\n\n"
    s += "| category | kind | n | flagged | rate |\n|---|---|---:|---:|---:|\n"
    for c in byCategory {
      s += "| \(c.category) | \(c.risky ? "risky, recall" : "benign, FPR") | \(c.n) | \(c.flagged) | \(Self.fmt(c.rate)) |\n"
    }
    let missedCells = byLanguageCategory.filter { $0.risky && $0.flagged == 0 }
    if !missedCells.isEmpty {
      s += "\nRisky categories with nothing caught, by language: "
      s += missedCells.map { "\($0.language ?? "?")/\($0.category) (0 of \($0.n))" }.joined(separator: ", ") + "\n"
    }
    let alarms = byLanguageCategory.filter { !$0.risky && $0.flagged > 0 }
    if !alarms.isEmpty {
      s += "False alarms by language and kind: "
      s += alarms.map { "\($0.language ?? "?")/\($0.category) (\($0.flagged) of \($0.n))" }.joined(separator: ", ") + "\n"
    }
    if !misclassified.isEmpty {
      let shown = misclassified.prefix(maxMisclassified)
      s += "\nMisclassified (\(misclassified.count)\(misclassified.count > shown.count ? ", first \(shown.count) shown" : "")):\n"
      for m in shown {
        s += "- \(m.id) [\(m.language)\(m.category.map { "/\($0)" } ?? "")] \(m.label == 1 ? "missed" : "false alarm"): "
        s += "score \(Self.fmt(m.score)), \(m.level)"
        if m.topFindings.isEmpty {
          s += "; no rule fired"
        } else {
          s += "; " + m.topFindings.map { "\($0.rule) \(String(format: "%+.2f", $0.weight))" }.joined(separator: ", ")
        }
        s += "\n"
        if let t = m.text { s += "    \(t)\n" }
      }
    }
    return s
  }

  static func fmt(_ x: Double?) -> String {
    guard let x else { return "–" }
    return String(format: "%.3f", x)
  }

  static func row(_ g: GroupMetrics) -> String {
    let c = g.confusion
    return "| \(g.name) | \(g.n) | \(g.positives) | \(fmt(g.precision)) | \(fmt(g.recall)) | \(fmt(g.f1)) | "
      + "\(fmt(g.falsePositiveRate)) | \(fmt(g.rocAUC)) | \(fmt(g.prAUC)) | \(c.tp) | \(c.fp) | \(c.tn) | \(c.fn) |\n"
  }
}
