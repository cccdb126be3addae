import Foundation
import RedFlag
import RedFlagRules

/// Learns word weights from labelled records: L2-regularised logistic regression on which known
/// words a record contains (each present word counts 1, scaled by one over the square root of the
/// number of known words in the record, as the scorer does), fitted by full-batch gradient descent.
/// The intercept is fitted but not kept: the rule set's bias plays that part.
public struct VocabularyTrainer: Sendable {
  /// A word must occur in at least this many records to get a weight.
  public var minCount = 2
  /// Penalty on the squared weights.
  public var l2 = 1e-4
  public var iterations = 600
  /// Gradient step (the features are scaled to unit length, so this can be large).
  public var rate = 4.0

  public init() {}

  /// The distinct vocabulary keys of each record (text and HTML; scanned records need their text).
  public static func documents(_ records: [LabelledRecord], scanner: RedFlag.Scanner) throws -> [Set<String>] {
    try documents(records, what: "a vocabulary", text: scanner.vocabularyKeys(text:), html: scanner.vocabularyKeys(html:))
  }

  /// Each record's voice keys (`Scanner.voiceKeys`): its words outside the lures.
  public static func voiceDocuments(_ records: [LabelledRecord], scanner: RedFlag.Scanner) throws -> [Set<String>] {
    try documents(records, what: "a voice", text: scanner.voiceKeys(text:), html: scanner.voiceKeys(html:))
  }

  static func documents(
    _ records: [LabelledRecord], what: String, text: (String) -> Set<String>, html: (String) -> Set<String>
  ) throws -> [Set<String>] {
    try records.map { r in
      switch r.content {
      case .text(let t): return text(t)
      case .html(let h): return html(h)
      case .scanned:
        guard let t = r.text else {
          throw EvalInputError("\(r.source): learning \(what) needs each record's text, but this scanned record has none")
        }
        return text(t)
      }
    }
  }

  /// Word -> weight, for every word in at least `minCount` documents. Keys starting with `#`
  /// (hashtags) are left out because the weights file uses `#` for comments.
  public func fit(_ documents: [Set<String>], labels: [Bool]) -> [String: Double] {
    precondition(documents.count == labels.count, "one label per document")
    var df: [String: Int] = [:]
    for d in documents { for k in d { df[k, default: 0] += 1 } }
    let vocabulary = df.filter { $0.value >= minCount && !$0.key.hasPrefix("#") }.map(\.key)
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    guard !vocabulary.isEmpty, !documents.isEmpty else { return [:] }
    var index: [String: Int] = [:]
    for (i, k) in vocabulary.enumerated() { index[k] = i }
    let rows: [[Int]] = documents.map { d in d.compactMap { index[$0] }.sorted() }
    let scale: [Double] = rows.map { $0.isEmpty ? 0 : 1 / Double($0.count).squareRoot() }
    let y: [Double] = labels.map { $0 ? 1 : 0 }
    let n = Double(documents.count)
    var w = [Double](repeating: 0, count: vocabulary.count)
    var b = 0.0
    var grad = [Double](repeating: 0, count: vocabulary.count)
    for _ in 0..<iterations {
      for j in grad.indices { grad[j] = l2 * w[j] }
      var gb = 0.0
      for (i, row) in rows.enumerated() {
        var z = b
        for j in row { z += w[j] * scale[i] }
        let g = Logistic.sigmoid(z) - y[i]
        gb += g
        let gi = g * scale[i] / n
        for j in row { grad[j] += gi }
      }
      for j in w.indices { w[j] -= rate * grad[j] }
      b -= rate * gb / n
    }
    var out: [String: Double] = [:]
    for (k, i) in index { out[k] = w[i] }
    return out
  }

  /// The score the words alone give each document (the intercept left out, as in scoring): the
  /// scorer's sum, unclamped, added in word order so it does not depend on set order.
  public static func logits(_ documents: [Set<String>], weights: [String: Double]) -> [Double] {
    let model = VocabularyModel(weights: weights, cap: .infinity)
    return documents.map { model.score($0)?.weight ?? 0 }
  }

  /// Each document's words-alone logit from a model learned on the other `k - 1` folds (the
  /// folds `Calibrator` uses), so no record is scored by weights learned from itself.
  public func heldOutLogits(_ documents: [Set<String>], labels: [Bool], k: Int) -> [Double] {
    let assignment = Calibrator.folds(labels: labels, k: k)
    var held = [Double](repeating: 0, count: labels.count)
    for f in 0..<k {
      let train = labels.indices.filter { assignment[$0] != f }
      let test = labels.indices.filter { assignment[$0] == f }
      guard !test.isEmpty else { continue }
      let w = fit(train.map { documents[$0] }, labels: train.map { labels[$0] })
      for (i, z) in zip(test, Self.logits(test.map { documents[$0] }, weights: w)) { held[i] = z }
    }
    return held
  }

  /// ROC-AUC and PR-AUC of the words alone, from held-out logits.
  public static func figures(heldOut: [Double], labels: [Bool]) -> ScoreFigures {
    ScoreFigures(scores: heldOut.map(Logistic.sigmoid), labels: labels, flagThreshold: 0.5)
  }

  /// ROC-AUC and PR-AUC of the words alone, from `k` held-out folds.
  public func crossValidated(_ documents: [Set<String>], labels: [Bool], k: Int) -> ScoreFigures {
    Self.figures(heldOut: heldOutLogits(documents, labels: labels, k: k), labels: labels)
  }

  /// What the vocabulary adds to each record in scoring, from held-out logits: clamped to `cap`
  /// where a positive indicator rule fired, else to `capAlone` (nothing when it is 0), as the
  /// scorer does.
  public static func offsets(heldOut: [Double], cap: Double, capAlone: Double = 0, data: CalibrationSet) -> [Double] {
    zip(heldOut, data.fired).map { z, fired in
      let indicator = fired.contains { data.rules[$0].kind != .context && data.prior[$0] > 0 }
      let c = indicator ? cap : capAlone
      return min(c, max(-c, z))
    }
  }
}
