/// Classification metrics. Pure functions over scores and labels; no I/O.

/// Counts of a binary decision against the truth, and the rates derived from them.
/// A rate whose denominator is zero is `nil` (undefined), never 0 or NaN.
public struct Confusion: Sendable, Hashable, Codable {
  public var tp: Int
  public var fp: Int
  public var tn: Int
  public var fn: Int

  public init(tp: Int = 0, fp: Int = 0, tn: Int = 0, fn: Int = 0) {
    self.tp = tp; self.fp = fp; self.tn = tn; self.fn = fn
  }

  /// Counts the decisions `predicted[i]` against `labels[i]` (true = risky).
  public init(predicted: [Bool], labels: [Bool]) {
    precondition(predicted.count == labels.count, "predicted and labels differ in length")
    self.init()
    for (p, y) in zip(predicted, labels) { add(predicted: p, label: y) }
  }

  public mutating func add(predicted: Bool, label: Bool) {
    switch (predicted, label) {
    case (true, true): tp += 1
    case (true, false): fp += 1
    case (false, false): tn += 1
    case (false, true): fn += 1
    }
  }

  public var positives: Int { tp + fn }
  public var negatives: Int { tn + fp }
  public var total: Int { tp + fp + tn + fn }

  /// tp / (tp + fp).
  public var precision: Double? { ratio(tp, tp + fp) }
  /// tp / (tp + fn), the true-positive rate.
  public var recall: Double? { ratio(tp, tp + fn) }
  /// fp / (fp + tn), the false-positive rate.
  public var falsePositiveRate: Double? { ratio(fp, fp + tn) }
  /// (tp + tn) / total.
  public var accuracy: Double? { ratio(tp + tn, total) }
  /// 2 tp / (2 tp + fp + fn): the harmonic mean of precision and recall; 0 when nothing was
  /// caught although something was there, `nil` when there was nothing to catch or flag.
  public var f1: Double? { ratio(2 * tp, 2 * tp + fp + fn) }

  private func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
}

public enum Metrics {
  /// Area under the ROC curve: the probability that a random risky record scores higher than a
  /// random benign one, ties counting one half (the Mann-Whitney U statistic with average ranks).
  /// `nil` when either class is absent.
  public static func rocAUC(scores: [Double], labels: [Bool]) -> Double? {
    precondition(scores.count == labels.count, "scores and labels differ in length")
    let nPos = labels.filter { $0 }.count
    let nNeg = labels.count - nPos
    guard nPos > 0, nNeg > 0 else { return nil }
    let ranks = averageRanks(scores)
    var sumPos = 0.0
    for (r, y) in zip(ranks, labels) where y { sumPos += r }
    let u = sumPos - Double(nPos) * Double(nPos + 1) / 2
    return u / (Double(nPos) * Double(nNeg))
  }

  /// Average precision (the area under the precision-recall curve as a step function):
  /// the sum over the distinct score thresholds, from the highest down, of
  /// (recall gained at that threshold) x (precision at that threshold). Records with equal
  /// scores enter together. `nil` when there is no risky record.
  public static func averagePrecision(scores: [Double], labels: [Bool]) -> Double? {
    precondition(scores.count == labels.count, "scores and labels differ in length")
    let nPos = labels.filter { $0 }.count
    guard nPos > 0 else { return nil }
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var ap = 0.0
    var tp = 0
    var seen = 0
    var k = 0
    while k < order.count {
      let s = scores[order[k]]
      var gained = 0
      while k < order.count && scores[order[k]] == s {
        if labels[order[k]] { gained += 1 }
        seen += 1
        k += 1
      }
      tp += gained
      if gained > 0 {
        ap += Double(gained) / Double(nPos) * (Double(tp) / Double(seen))
      }
    }
    return ap
  }

  /// 1-based ranks of `values` in ascending order, tied values sharing the mean of their ranks.
  public static func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var k = 0
    while k < order.count {
      var j = k
      while j + 1 < order.count && values[order[j + 1]] == values[order[k]] { j += 1 }
      // Positions k...j (0-based) share ranks k+1...j+1.
      let mean = Double(k + j + 2) / 2
      for m in k...j { ranks[order[m]] = mean }
      k = j + 1
    }
    return ranks
  }
}
