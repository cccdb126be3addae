import Foundation
import RedFlag
import RedFlagRules

/// The labelled records as the scorer sees them: which rules fired in each, and the context
/// discount that applied. Features are the rule set's rules (phrase, combo and context rules),
/// each counting once per record.
public struct CalibrationSet: Sendable {
  /// The features: one per rule, in rule set order.
  public var rules: [Rule]
  /// The hand-set weights (the prior).
  public var prior: [Double]
  /// The manifest's bias (the bias prior).
  public var priorBias: Double
  /// For each record, the indices of the rules that fired.
  public var fired: [[Int]]
  /// For each record, the context discount (1 when no context rule fired).
  public var discounts: [Double]
  /// For each record, what the rule set's vocabulary added to its log-odds (0 without one). It is
  /// held fixed while the rule weights are fitted around it.
  public var offsets: [Double]
  public var labels: [Bool]

  public init(
    rules: [Rule], priorBias: Double, fired: [[Int]], discounts: [Double], labels: [Bool], offsets: [Double]? = nil
  ) {
    precondition(fired.count == labels.count && discounts.count == labels.count, "one entry per record")
    precondition(offsets == nil || offsets!.count == labels.count, "one offset per record")
    self.rules = rules
    self.prior = rules.map(\.weight)
    self.priorBias = priorBias
    self.fired = fired
    self.discounts = discounts
    self.offsets = offsets ?? [Double](repeating: 0, count: labels.count)
    self.labels = labels
  }

  /// Scans every record with `scanner` (text or HTML; already-scanned records need their text).
  public init(records: [LabelledRecord], scanner: RedFlag.Scanner) throws {
    let definition = scanner.ruleSet.definition
    var index: [String: Int] = [:]
    for (i, r) in definition.rules.enumerated() { index[r.id] = i }
    var fired: [[Int]] = []
    var discounts: [Double] = []
    var offsets: [Double] = []
    for r in records {
      let report: ScanReport
      switch r.content {
      case .text(let t): report = scanner.scan(text: t, id: r.id)
      case .html(let h): report = scanner.scan(html: h, id: r.id)
      case .scanned:
        guard let t = r.text else {
          throw EvalInputError("\(r.source): calibration scans every record again and needs its text, but this scanned record has none")
        }
        report = scanner.scan(text: t, id: r.id)
      }
      var ids = Set<Int>()
      var discount = 1.0
      for f in report.findings {
        guard let i = index[f.rule] else { continue }
        ids.insert(i)
        let rule = definition.rules[i]
        if rule.kind == .context { discount = min(discount, rule.discount ?? 1) }
      }
      fired.append(ids.sorted())
      discounts.append(discount)
      offsets.append(report.vocabulary?.weight ?? 0)
    }
    self.init(
      rules: definition.rules, priorBias: definition.manifest.bias, fired: fired, discounts: discounts,
      labels: records.map(\.label), offsets: offsets)
  }

  /// How often each rule fired.
  public var counts: [Int] {
    var c = [Int](repeating: 0, count: rules.count)
    for f in fired { for i in f { c[i] += 1 } }
    return c
  }

  /// The feature rows for given weights: a fired rule is 1, except that a positive, non-context
  /// rule counts `discount` when a context rule fired (as the scorer multiplies its weight).
  public func rows(weights: [Double]) -> [[Double]] {
    zip(fired, discounts).map { ids, d in
      var x = [Double](repeating: 0, count: rules.count)
      for i in ids { x[i] = weights[i] > 0 && rules[i].kind != .context ? d : 1 }
      return x
    }
  }

  /// The logits the scorer gives with these weights and bias.
  public func logits(weights: [Double], bias: Double) -> [Double] {
    zip(rows(weights: weights), offsets).map { x, o in bias + o + zip(x, weights).reduce(0) { $0 + $1.0 * $1.1 } }
  }

  /// The records at `indices`.
  public func subset(_ indices: [Int]) -> CalibrationSet {
    var s = self
    s.fired = indices.map { fired[$0] }
    s.discounts = indices.map { discounts[$0] }
    s.offsets = indices.map { offsets[$0] }
    s.labels = indices.map { labels[$0] }
    return s
  }
}

/// A fitted model.
public struct LogisticFit: Sendable, Hashable {
  public var weights: [Double]
  public var bias: Double
  public var iterations: Int
  public var converged: Bool
  /// The penalised negative log-likelihood at the solution.
  public var objective: Double
}

public enum Logistic {
  @inline(__always) static func sigmoid(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
  }

  /// log(1 + e^z) without overflow.
  @inline(__always) static func softplus(_ z: Double) -> Double {
    z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
  }

  /// Fits weights and bias by Newton's method with a backtracking line search, minimising
  /// sum_i [log(1 + e^z_i) - y_i z_i] + lambda * (sum_j (w_j - prior_j)^2 + (b - priorBias)^2)
  /// where z_i = b + w . x_i + offset_i (offsets are fixed parts of the score, such as the
  /// vocabulary evidence; none by default). Starts at the prior. Weights in `fixed` are held at the given values
  /// (their penalty is a constant); the others are fitted around them.
  public static func fit(
    rows: [[Double]], labels: [Bool], prior: [Double], priorBias: Double, lambda: Double,
    fixed: [Int: Double] = [:], offsets: [Double]? = nil, maxIterations: Int = 100, tolerance: Double = 1e-9
  ) -> LogisticFit {
    let offsets = offsets ?? [Double](repeating: 0, count: rows.count)
    let d = prior.count
    let p = d + 1  // the bias is the last parameter
    var theta = prior + [priorBias]
    let theta0 = theta
    for (j, v) in fixed { theta[j] = v }
    let ys = labels.map { $0 ? 1.0 : 0.0 }

    func objective(_ t: [Double]) -> Double {
      var f = 0.0
      for (i, (x, y)) in zip(rows, ys).enumerated() {
        var z = t[d] + offsets[i]
        for j in 0..<d where x[j] != 0 { z += t[j] * x[j] }
        f += softplus(z) - y * z
      }
      for j in 0..<p { f += lambda * (t[j] - theta0[j]) * (t[j] - theta0[j]) }
      return f
    }

    var f = objective(theta)
    var iterations = 0
    var converged = false
    while iterations < maxIterations {
      iterations += 1
      var g = [Double](repeating: 0, count: p)
      var h = [Double](repeating: 0, count: p * p)
      for (i, (x, y)) in zip(rows, ys).enumerated() {
        var z = theta[d] + offsets[i]
        for j in 0..<d where x[j] != 0 { z += theta[j] * x[j] }
        let s = sigmoid(z)
        let r = s - y
        let w = s * (1 - s)
        var nz: [(Int, Double)] = [(d, 1)]
        for j in 0..<d where x[j] != 0 { nz.append((j, x[j])) }
        for (j, xj) in nz {
          g[j] += r * xj
          for (k, xk) in nz { h[j * p + k] += w * xj * xk }
        }
      }
      for j in 0..<p {
        g[j] += 2 * lambda * (theta[j] - theta0[j])
        h[j * p + j] += 2 * lambda + 1e-10
      }
      // A held weight takes no step: no gradient, and a unit row and column in the Hessian.
      for j in fixed.keys {
        g[j] = 0
        for k in 0..<p { h[j * p + k] = 0; h[k * p + j] = 0 }
        h[j * p + j] = 1
      }
      let gmax = g.map(abs).max() ?? 0
      if gmax < tolerance * Double(max(1, rows.count)) { converged = true; break }
      guard let step = solveSPD(h, g, p) else { break }
      var t = 1.0
      var accepted = false
      let slope = zip(g, step).reduce(0) { $0 + $1.0 * $1.1 }
      while t > 1e-10 {
        let cand = zip(theta, step).map { $0 - t * $1 }
        let fc = objective(cand)
        if fc <= f - 1e-4 * t * slope {
          theta = cand
          let improvement = f - fc
          f = fc
          accepted = true
          if improvement < 1e-12 * max(1, abs(f)) { converged = true }
          break
        }
        t /= 2
      }
      if !accepted { converged = gmax < 1e-6 * Double(max(1, rows.count)); break }
      if converged { break }
    }
    return LogisticFit(
      weights: Array(theta[0..<d]), bias: theta[d], iterations: iterations, converged: converged, objective: f)
  }

  /// Solves A x = b for a symmetric positive-definite A (row-major n x n) by Cholesky; nil if A
  /// is not positive definite.
  static func solveSPD(_ a: [Double], _ b: [Double], _ n: Int) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0...i {
        var s = a[i * n + j]
        for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
        if i == j {
          guard s > 0 else { return nil }
          l[i * n + i] = s.squareRoot()
        } else {
          l[i * n + j] = s / l[j * n + j]
        }
      }
    }
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var s = b[i]
      for k in 0..<i { s -= l[i * n + k] * y[k] }
      y[i] = s / l[i * n + i]
    }
    var x = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      var s = y[i]
      for k in (i + 1)..<n { s -= l[k * n + i] * x[k] }
      x[i] = s / l[i * n + i]
    }
    return x
  }
}

/// Ranking and decision figures of a set of scores.
public struct ScoreFigures: Sendable, Hashable, Codable {
  public var rocAUC: Double?
  public var prAUC: Double?
  public var f1: Double?
  public var precision: Double?
  public var recall: Double?

  public init(scores: [Double], labels: [Bool], flagThreshold: Double) {
    rocAUC = Metrics.rocAUC(scores: scores, labels: labels)
    prAUC = Metrics.averagePrecision(scores: scores, labels: labels)
    let c = Confusion(predicted: scores.map { $0 >= flagThreshold }, labels: labels)
    f1 = c.f1
    precision = c.precision
    recall = c.recall
  }

  enum CodingKeys: String, CodingKey {
    case rocAUC = "roc_auc", prAUC = "pr_auc", f1, precision, recall
  }
}

/// The result of `Calibrator.run`.
public struct Calibration: Sendable {
  /// The fit on all the data.
  public var fit: LogisticFit
  /// Cross-validated figures (pooled held-out predictions) with the hand weights and with the
  /// weights fitted on the other folds.
  public var before: ScoreFigures
  public var after: ScoreFigures
  public var folds: Int
  public var lambda: Double
  /// The single-cue policy the fit obeyed, if any.
  public var ceiling: WeightCeiling? = nil
}

/// The policy that no single weak cue flags an ad (INDICATORS.md: single keywords are useless): a
/// positive phrase rule, alone in a record, must stay below the flag level unless it is listed in
/// `alone`. With bias b that means w <= logit(flag threshold) - b - margin.
public struct WeightCeiling: Sendable, Hashable {
  /// The logit of the flag threshold (e.g. log(0.6 / 0.4)).
  public var flagLogit: Double
  /// How far below the flag level a single rule stays.
  public var margin: Double
  /// Rules allowed to flag an ad on their own (by index in the calibration set).
  public var alone: Set<Int>

  public init(flagThreshold: Double, margin: Double = 0.05, alone: Set<Int>) {
    flagLogit = log(flagThreshold / (1 - flagThreshold))
    self.margin = margin
    self.alone = alone
  }

  /// The largest weight a rule that may not flag alone can have with this bias.
  public func cap(bias: Double) -> Double { flagLogit - bias - margin }
}

public enum Calibrator {
  /// Fits the weights, redoing the fit when a weight changes sign (the context discount applies
  /// only to positive weights, so the features depend on the signs). With a `ceiling`, a phrase
  /// rule whose fitted weight would flag an ad alone is held at the cap and the rest refitted
  /// around it (an active-set method: the cap depends on the bias, so the held weights follow it
  /// until nothing changes).
  public static func fit(_ data: CalibrationSet, lambda: Double, ceiling: WeightCeiling? = nil) -> LogisticFit {
    var signs = data.prior
    var held: [Int: Double] = [:]
    func once() -> LogisticFit {
      Logistic.fit(
        rows: data.rows(weights: signs), labels: data.labels, prior: data.prior, priorBias: data.priorBias,
        lambda: lambda, fixed: held, offsets: data.offsets)
    }
    var result = once()
    for _ in 0..<12 {
      var changed = zip(signs, result.weights).contains { ($0 > 0) != ($1 > 0) }
      if changed { signs = result.weights }
      if let ceiling {
        let cap = ceiling.cap(bias: result.bias)
        for (i, rule) in data.rules.enumerated()
        where rule.kind == .phrase && !ceiling.alone.contains(i) && result.weights[i] > cap + 1e-9 {
          held[i] = cap
          changed = true
        }
        for (i, v) in held where abs(v - cap) > 1e-6 {
          held[i] = cap
          changed = true
        }
      }
      if !changed { break }
      result = once()
    }
    if let ceiling {
      // Whatever the loop left, the shipped weights obey the policy.
      let cap = ceiling.cap(bias: result.bias)
      for (i, rule) in data.rules.enumerated() where rule.kind == .phrase && !ceiling.alone.contains(i) {
        result.weights[i] = min(result.weights[i], cap)
      }
    }
    return result
  }

  /// Stratified fold assignment (deterministic for a seed): each record's fold in 0..<k.
  public static func folds(labels: [Bool], k: Int, seed: UInt64 = 0x5EED) -> [Int] {
    var state = seed
    func next() -> UInt64 {  // SplitMix64
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var fold = [Int](repeating: 0, count: labels.count)
    var offset = 0
    for cls in [true, false] {
      var idx = labels.indices.filter { labels[$0] == cls }
      for i in stride(from: idx.count - 1, to: 0, by: -1) {
        let j = Int(next() % UInt64(i + 1))
        idx.swapAt(i, j)
      }
      for (n, i) in idx.enumerated() { fold[i] = (n + offset) % k }
      offset += idx.count
    }
    return fold
  }

  /// Fits on all the data and cross-validates with `k` folds. `flagThreshold` is the score of the
  /// rule set's flag level (for F1).
  public static func run(
    _ data: CalibrationSet, lambda: Double, k: Int, flagThreshold: Double, ceiling: WeightCeiling? = nil
  ) -> Calibration {
    let fullFit = fit(data, lambda: lambda, ceiling: ceiling)
    let handScores = data.logits(weights: data.prior, bias: data.priorBias).map(Logistic.sigmoid)
    let assignment = folds(labels: data.labels, k: k)
    var held = [Double](repeating: 0, count: data.labels.count)
    for f in 0..<k {
      let train = data.labels.indices.filter { assignment[$0] != f }
      let test = data.labels.indices.filter { assignment[$0] == f }
      guard !test.isEmpty else { continue }
      let m = fit(data.subset(train), lambda: lambda, ceiling: ceiling)
      let z = data.subset(test).logits(weights: m.weights, bias: m.bias)
      for (i, zi) in zip(test, z) { held[i] = Logistic.sigmoid(zi) }
    }
    return Calibration(
      fit: fullFit,
      before: ScoreFigures(scores: handScores, labels: data.labels, flagThreshold: flagThreshold),
      after: ScoreFigures(scores: held, labels: data.labels, flagThreshold: flagThreshold),
      folds: k, lambda: lambda, ceiling: ceiling)
  }

  /// The overlay file: a comment header (data, date, settings, cross-validated figures), then
  /// `ruleset`, `bias` and the weights of the rules that fired at least once in the data.
  public static func overlayYAML(
    _ c: Calibration, data: CalibrationSet, ruleSetName: String, sources: [String], date: Date = Date()
  ) -> String {
    func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "n/a" }
    let iso = ISO8601DateFormatter()
    iso.formatOptions = [.withInternetDateTime]
    let counts = data.counts
    let positives = data.labels.filter { $0 }.count
    var s = "# Weights overlay fitted by `redflag calibrate` (L2-regularised logistic regression,\n"
    s += "# penalty lambda * sum (w - hand weight)^2, bias prior = the rule set's bias).\n"
    s += "# Data: \(sources.joined(separator: ", "))\n"
    s += "#   \(data.labels.count) records, \(positives) risky, \(data.labels.count - positives) not.\n"
    s += "# Fitted: \(iso.string(from: date)); lambda \(c.lambda); \(c.folds)-fold cross-validation.\n"
    s += "# Cross-validated (pooled held-out folds):\n"
    s += "#   hand weights:   ROC-AUC \(f(c.before.rocAUC))  PR-AUC \(f(c.before.prAUC))  F1@flag \(f(c.before.f1))\n"
    s += "#   fitted weights: ROC-AUC \(f(c.after.rocAUC))  PR-AUC \(f(c.after.prAUC))  F1@flag \(f(c.after.f1))\n"
    let unfired = counts.filter { $0 == 0 }.count
    if unfired > 0 {
      s += "# \(unfired) rule(s) never fired in the data and keep their hand weights (not listed).\n"
    }
    s += "# Fit: \(c.fit.iterations) Newton iteration(s), \(c.fit.converged ? "converged" : "NOT converged").\n"
    if let ceiling = c.ceiling {
      let cap = ceiling.cap(bias: c.fit.bias)
      let alone = ceiling.alone.sorted().map { data.rules[$0].id }
      s += "# Single cues: no phrase rule flags an ad alone (weight <= \(String(format: "%.4f", cap)) with this bias)"
      s += alone.isEmpty ? ".\n" : ", except \(alone.joined(separator: ", ")).\n"
    }
    s += "ruleset: \(quoted(ruleSetName))\n"
    s += "bias: \(String(format: "%.4f", c.fit.bias))\n"
    s += "weights:\n"
    let cap = c.ceiling.map { $0.cap(bias: c.fit.bias) }
    for (i, rule) in data.rules.enumerated() where counts[i] > 0 {
      s += "  \(quoted(rule.id)): \(String(format: "%.4f", c.fit.weights[i]))"
      s += "  # hand \(String(format: "%.2f", data.prior[i])), fired \(counts[i])x"
      if let cap, rule.kind == .phrase, abs(c.fit.weights[i] - cap) < 1e-6 { s += ", held at the single-cue cap" }
      s += "\n"
    }
    return s
  }

  static func quoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}
