import Foundation
import RedFlag
import RedFlagRules

/// A labelled record with its verdict.
public struct JudgedRecord: Sendable, Hashable {
  public var record: LabelledRecord
  public var verdict: Verdict
  /// The record's language: its `lang` field, else the detected language, else `und`.
  public var language: String { record.lang ?? verdict.language ?? "und" }
  public init(record: LabelledRecord, verdict: Verdict) { self.record = record; self.verdict = verdict }
}

/// The figures of one group of records (all of them, one language, ...).
public struct GroupMetrics: Sendable, Hashable, Codable {
  public var name: String
  public var n: Int
  public var positives: Int
  public var negatives: Int
  public var confusion: Confusion
  public var precision: Double?
  public var recall: Double?
  public var f1: Double?
  public var falsePositiveRate: Double?
  public var rocAUC: Double?
  public var prAUC: Double?

  enum CodingKeys: String, CodingKey {
    case name, n, positives, negatives, confusion, precision, recall, f1
    case falsePositiveRate = "false_positive_rate", rocAUC = "roc_auc", prAUC = "pr_auc"
  }

  public init(name: String, scores: [Double], predicted: [Bool], labels: [Bool]) {
    let c = Confusion(predicted: predicted, labels: labels)
    self.name = name
    n = labels.count
    positives = c.positives
    negatives = c.negatives
    confusion = c
    precision = c.precision
    recall = c.recall
    f1 = c.f1
    falsePositiveRate = c.falsePositiveRate
    rocAUC = Metrics.rocAUC(scores: scores, labels: labels)
    prAUC = Metrics.averagePrecision(scores: scores, labels: labels)
  }

  // Optional figures are written as null (not left out), so readers always find the key.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(n, forKey: .n)
    try c.encode(positives, forKey: .positives)
    try c.encode(negatives, forKey: .negatives)
    try c.encode(confusion, forKey: .confusion)
    try c.encode(precision, forKey: .precision)
    try c.encode(recall, forKey: .recall)
    try c.encode(f1, forKey: .f1)
    try c.encode(falsePositiveRate, forKey: .falsePositiveRate)
    try c.encode(rocAUC, forKey: .rocAUC)
    try c.encode(prAUC, forKey: .prAUC)
  }
}

/// How one category fared: for risky categories the share caught (recall), for benign
/// sub-categories (benign, warning, news, ...) the share wrongly flagged (false-positive rate).
public struct CategoryMetrics: Sendable, Hashable, Codable {
  public var category: String
  /// The language, for the per-language breakdown; nil for all languages together.
  public var language: String?
  /// Whether the category's records are risky (label 1).
  public var risky: Bool
  public var n: Int
  /// How many were flagged (at the report's threshold).
  public var flagged: Int
  /// flagged / n: recall for a risky category, false-positive rate for a benign one.
  public var rate: Double

  enum CodingKeys: String, CodingKey { case category, language, risky, n, flagged, rate }
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(category, forKey: .category)
    try c.encode(language, forKey: .language)
    try c.encode(risky, forKey: .risky)
    try c.encode(n, forKey: .n)
    try c.encode(flagged, forKey: .flagged)
    try c.encode(rate, forKey: .rate)
  }
}

/// A record the decision got wrong, with what drove its score.
public struct Misclassified: Sendable, Hashable, Codable {
  public var id: String
  public var source: String
  public var label: Int
  public var language: String
  public var category: String?
  public var score: Double
  public var level: String
  /// The findings with the largest weights first (at most 3).
  public var topFindings: [TopFinding]
  /// The start of the text, when the record carried it.
  public var text: String?

  enum CodingKeys: String, CodingKey {
    case id, source, label, language, category, score, level, text
    case topFindings = "top_findings"
  }
}

/// The whole evaluation.
public struct EvalReport: Sendable, Hashable, Codable {
  /// The level a record must reach to count as flagged, or `flagged` when the records' own flag
  /// decided.
  public var threshold: String
  public var overall: GroupMetrics
  public var byLanguage: [GroupMetrics]
  public var byCategory: [CategoryMetrics]
  public var byLanguageCategory: [CategoryMetrics]
  public var misclassified: [Misclassified]

  enum CodingKeys: String, CodingKey {
    case threshold, overall, misclassified
    case byLanguage = "by_language", byCategory = "by_category", byLanguageCategory = "by_language_category"
  }

  /// The report as pretty-printed JSON with sorted keys.
  public func json() -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let data = (try? e.encode(self)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}

/// Collects results from concurrent workers.
private final class VerdictBox: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var items: [(Int, Verdict)] = []
  func add(_ more: [(Int, Verdict)]) {
    lock.lock()
    items += more
    lock.unlock()
  }
}

public enum Evaluator {
  /// Scans the records that are not scanned yet (in parallel) and pairs each with its verdict.
  /// Throws when a record needs scanning and no scanner is given.
  public static func judge(_ records: [LabelledRecord], scanner: RedFlag.Scanner?) throws -> [JudgedRecord] {
    var verdicts = [Verdict?](repeating: nil, count: records.count)
    var todo: [Int] = []
    for (i, r) in records.enumerated() {
      if case .scanned(let v) = r.content { verdicts[i] = v } else { todo.append(i) }
    }
    if !todo.isEmpty {
      guard let scanner else {
        throw EvalInputError("\(records[todo[0]].source): the record needs scanning but no rule set was loaded")
      }
      let pending = todo
      let box = VerdictBox()
      let chunks = max(1, min(pending.count, ProcessInfo.processInfo.activeProcessorCount * 4))
      DispatchQueue.concurrentPerform(iterations: chunks) { c in
        var local: [(Int, Verdict)] = []
        var k = c
        while k < pending.count {
          let i = pending[k]
          let r = records[i]
          k += chunks
          switch r.content {
          case .text(let t): local.append((i, Verdict(scanner.scan(text: t, id: r.id))))
          case .html(let h): local.append((i, Verdict(scanner.scan(html: h, id: r.id))))
          case .scanned: break
          }
        }
        box.add(local)
      }
      for (i, v) in box.items { verdicts[i] = v }
    }
    return zip(records, verdicts).map { JudgedRecord(record: $0, verdict: $1!) }
  }

  /// Computes every figure. A record counts as flagged when its level reaches `threshold`, or,
  /// without a threshold, when its verdict says `flagged`.
  public static func report(_ judged: [JudgedRecord], threshold: RiskLevel? = nil, maxMisclassified: Int = 200) -> EvalReport {
    func isFlagged(_ j: JudgedRecord) -> Bool {
      if let threshold { return j.verdict.level >= threshold }
      return j.verdict.flagged
    }
    // Ranked at the precision `scan` writes scores with (4 decimals): two records whose scores
    // differ further down would tie in a scanned file, and a scanned file must evaluate exactly
    // like the records it was scanned from.
    func rankScore(_ j: JudgedRecord) -> Double { (j.verdict.score * 10_000).rounded() / 10_000 }
    func group(_ name: String, _ list: [JudgedRecord]) -> GroupMetrics {
      GroupMetrics(
        name: name, scores: list.map(rankScore), predicted: list.map(isFlagged),
        labels: list.map(\.record.label))
    }
    let overall = group("all", judged)
    let byLanguage = Dictionary(grouping: judged, by: \.language).sorted { $0.key < $1.key }.map { group($0.key, $0.value) }

    func categories(_ list: [JudgedRecord], language: String?) -> [CategoryMetrics] {
      struct Key: Hashable { var category: String; var risky: Bool }
      let groups = Dictionary(grouping: list) { Key(category: $0.record.category ?? ($0.record.label ? "risky" : "benign"), risky: $0.record.label) }
      return groups.map { key, items in
        let f = items.filter(isFlagged).count
        return CategoryMetrics(
          category: key.category, language: language, risky: key.risky, n: items.count, flagged: f,
          rate: Double(f) / Double(items.count))
      }.sorted { ($0.risky ? 0 : 1, $0.category) < ($1.risky ? 0 : 1, $1.category) }
    }
    let byCategory = categories(judged, language: nil)
    var byLanguageCategory: [CategoryMetrics] = []
    for (lang, items) in Dictionary(grouping: judged, by: \.language).sorted(by: { $0.key < $1.key }) {
      byLanguageCategory += categories(items, language: lang)
    }

    var wrong: [Misclassified] = []
    for j in judged where isFlagged(j) != j.record.label {
      let top = j.verdict.findings.sorted { (abs($0.weight), $1.rule) > (abs($1.weight), $0.rule) }.prefix(3)
      wrong.append(
        Misclassified(
          id: j.record.id, source: j.record.source, label: j.record.label ? 1 : 0, language: j.language,
          category: j.record.category, score: j.verdict.score, level: j.verdict.level.rawValue,
          topFindings: Array(top), text: j.record.text.map { snippet($0, 200) }))
    }
    // The worst mistakes first: missed risky records with the lowest scores, false alarms with the highest.
    wrong.sort { a, b in
      let ea = a.label == 1 ? a.score : 1 - a.score
      let eb = b.label == 1 ? b.score : 1 - b.score
      return (ea, a.id) < (eb, b.id)
    }
    return EvalReport(
      threshold: threshold?.rawValue ?? "flagged", overall: overall, byLanguage: byLanguage,
      byCategory: byCategory, byLanguageCategory: byLanguageCategory,
      misclassified: Array(wrong.prefix(maxMisclassified)))
  }

  /// The first `limit` characters of `text` on one line.
  static func snippet(_ text: String, _ limit: Int) -> String {
    var s = String(text.unicodeScalars.map { $0.properties.isWhitespace ? " " : Character($0) })
    if s.count > limit { s = String(s.prefix(limit)) + "…" }
    return s
  }
}
