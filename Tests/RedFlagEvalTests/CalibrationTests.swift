import Foundation
import RedFlag
import RedFlagRules
import Testing
@testable import RedFlagEval

/// A deterministic random source for synthetic data.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Binary features drawn at random; labels drawn from the logistic model with `weights` and `bias`.
func synthetic(n: Int, weights: [Double], bias: Double, seed: UInt64) -> ([[Double]], [Bool]) {
  var rng = SplitMix(state: seed)
  var rows: [[Double]] = []
  var labels: [Bool] = []
  for _ in 0..<n {
    let x = weights.map { _ in Double.random(in: 0..<1, using: &rng) < 0.4 ? 1.0 : 0.0 }
    let z = bias + zip(x, weights).reduce(0) { $0 + $1.0 * $1.1 }
    rows.append(x)
    labels.append(Double.random(in: 0..<1, using: &rng) < 1 / (1 + exp(-z)))
  }
  return (rows, labels)
}

@Suite struct LogisticTests {
  let trueWeights = [2.0, -1.5, 0.8, 0.0]
  let trueBias = -0.7

  @Test func recoversKnownWeights() {
    let (rows, labels) = synthetic(n: 20000, weights: trueWeights, bias: trueBias, seed: 42)
    let fit = Logistic.fit(rows: rows, labels: labels, prior: [0, 0, 0, 0], priorBias: 0, lambda: 0.01)
    #expect(fit.converged)
    for (w, t) in zip(fit.weights, trueWeights) { #expect(abs(w - t) < 0.12, "fitted \(w), true \(t)") }
    #expect(abs(fit.bias - trueBias) < 0.12)
  }

  @Test func largeLambdaStaysAtThePrior() {
    let (rows, labels) = synthetic(n: 3000, weights: trueWeights, bias: trueBias, seed: 7)
    let prior = [0.5, 0.5, 0.5, 0.5]
    let fit = Logistic.fit(rows: rows, labels: labels, prior: prior, priorBias: -3, lambda: 1e7)
    for w in fit.weights { #expect(abs(w - 0.5) < 1e-3) }
    #expect(abs(fit.bias + 3) < 1e-3)
  }

  @Test func shrinksMonotonicallyTowardThePrior() {
    let (rows, labels) = synthetic(n: 3000, weights: trueWeights, bias: trueBias, seed: 11)
    let prior = [0.5, 0.5, 0.5, 0.5]
    var last = Double.infinity
    for lambda in [0.01, 10, 100, 1000] {
      let fit = Logistic.fit(rows: rows, labels: labels, prior: prior, priorBias: 0, lambda: lambda)
      let distance = zip(fit.weights, prior).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
      #expect(distance < last, "lambda \(lambda): distance \(distance) not below \(last)")
      last = distance
    }
  }

  @Test func unseenFeatureKeepsItsPrior() {
    // Feature 1 never fires: nothing in the data moves it.
    let rows: [[Double]] = [[1, 0], [0, 0], [1, 0], [0, 0], [1, 0], [0, 0]]
    let labels = [true, false, true, true, false, false]
    let fit = Logistic.fit(rows: rows, labels: labels, prior: [0, 1.7], priorBias: 0, lambda: 0.1)
    #expect(abs(fit.weights[1] - 1.7) < 1e-9)
    #expect(fit.weights[0] > 0)
  }

  @Test func heldWeightStaysAndTheOthersFitAroundIt() {
    let (rows, labels) = synthetic(n: 20000, weights: trueWeights, bias: trueBias, seed: 5)
    let free = Logistic.fit(rows: rows, labels: labels, prior: [0, 0, 0, 0], priorBias: 0, lambda: 0.01)
    let held = Logistic.fit(rows: rows, labels: labels, prior: [0, 0, 0, 0], priorBias: 0, lambda: 0.01, fixed: [0: 1.0])
    #expect(held.weights[0] == 1.0)
    #expect(abs(free.weights[0] - 2.0) < 0.12)
    // Holding the strongest feature low leaves more for the bias and the correlated rest to explain,
    // and the penalised fit is worse than the free one.
    #expect(held.objective > free.objective)
    #expect(held.weights[1] < -1, "the negative feature keeps its sign: \(held.weights[1])")
  }

  /// Two cues that each separate their records perfectly: one weak, one allowed to flag alone.
  func ceilingData() -> CalibrationSet {
    func rule(_ id: String, _ w: Double) -> Rule {
      Rule(id: id, title: id, category: "c", indicator: "i", weight: w, explanation: "e")
    }
    var fired: [[Int]] = []
    var labels: [Bool] = []
    for k in 0..<200 {
      let risky = k % 2 == 0
      var f: [Int] = []
      // Each cue alone marks half of the risky records, and never a benign one.
      if risky { f.append(k % 4 == 0 ? 1 : 0) }
      fired.append(f)
      labels.append(risky)
    }
    return CalibrationSet(
      rules: [rule("weak-cue", 1.0), rule("strong-cue", 1.0)], priorBias: -2, fired: fired,
      discounts: [Double](repeating: 1, count: 200), labels: labels)
  }

  @Test func ceilingKeepsWeakCuesBelowTheFlagLevelAlone() {
    let data = ceilingData()
    let free = Calibrator.fit(data, lambda: 0.1)
    let ceiling = WeightCeiling(flagThreshold: 0.6, alone: [1])
    let held = Calibrator.fit(data, lambda: 0.1, ceiling: ceiling)
    func alone(_ w: Double, _ b: Double) -> Double { 1 / (1 + exp(-(b + w))) }
    // Unconstrained, the weak cue alone flags; with the ceiling it stays below 0.6 by the margin.
    #expect(alone(free.weights[0], free.bias) >= 0.6)
    #expect(alone(held.weights[0], held.bias) < 0.6)
    #expect(abs(held.weights[0] - ceiling.cap(bias: held.bias)) < 1e-6)
    // The strong cue may still flag an ad alone.
    #expect(alone(held.weights[1], held.bias) >= 0.6, "strong cue \(held.weights[1]) bias \(held.bias)")
    // Cross-validation runs under the same policy and records it for the overlay.
    let run = Calibrator.run(data, lambda: 0.1, k: 4, flagThreshold: 0.6, ceiling: ceiling)
    #expect(run.ceiling == ceiling)
    let yaml = Calibrator.overlayYAML(run, data: data, ruleSetName: "t", sources: ["x"])
    #expect(yaml.contains("except strong-cue"))
    #expect(yaml.contains("held at the single-cue cap"))
  }

  @Test func stratifiedFoldsKeepTheClassBalance() {
    let labels = (0..<100).map { $0 % 4 == 0 }
    let folds = Calibrator.folds(labels: labels, k: 5)
    for f in 0..<5 {
      let members = labels.indices.filter { folds[$0] == f }
      #expect(members.count == 20)
      #expect(members.filter { labels[$0] }.count == 5)
    }
  }
}

@Suite struct CalibrationOnRulesTests {
  @Test func featuresReproduceTheScorersLogit() throws {
    let set = try shippedRuleSet()
    let scanner = RedFlag.Scanner(ruleSet: set)
    let records = try RecordReader.readJSONL(path: repoPath("corpora/dev/en.jsonl"))
      + RecordReader.readJSONL(path: repoPath("corpora/dev/th.jsonl"))
    let data = try CalibrationSet(records: records, scanner: scanner)
    let logits = data.logits(weights: data.prior, bias: data.priorBias)
    var discounted = 0
    for (r, z) in zip(records, logits) {
      guard case .text(let text) = r.content else { Issue.record("\(r.id) has no text"); continue }
      let (_, eval) = scanner.evaluate(text: text)
      if eval.discount < 1 && eval.findings.contains(where: { $0.rule.weight > 0 && $0.rule.kind != .context }) {
        discounted += 1
      }
      #expect(abs(z - eval.logit) < 1e-9, "\(r.id): features give \(z), scorer \(eval.logit)")
    }
    // The corpus has warning/news posts that quote lures, so the discount path is exercised.
    #expect(discounted > 0)
  }

  @Test func overlayLoadsAndChangesScores() throws {
    let rulesDir = repoPath("rules")
    let set = try shippedRuleSet()
    let scanner = RedFlag.Scanner(ruleSet: set)
    let records = try ["en", "id", "vi"].flatMap { try RecordReader.readJSONL(path: repoPath("corpora/dev/\($0).jsonl")) }
    let data = try CalibrationSet(records: records, scanner: scanner)
    let manifest = set.definition.manifest
    let result = Calibrator.run(data, lambda: 1, k: 3, flagThreshold: manifest.thresholds[manifest.flagLevel]!)
    #expect(result.before.rocAUC != nil && result.after.rocAUC != nil)
    let yaml = Calibrator.overlayYAML(result, data: data, ruleSetName: manifest.name, sources: ["corpora/dev/en.jsonl"])
    #expect(yaml.hasPrefix("# Weights overlay fitted by"))
    #expect(yaml.contains("ruleset: \"redflag-core\""))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rf-overlay-\(UUID().uuidString).yaml").path
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }

    let fitted = try RuleSet.load(from: rulesDir, weights: path)
    #expect(abs(fitted.definition.manifest.bias - result.fit.bias) < 1e-4)
    let fittedScanner = RedFlag.Scanner(ruleSet: fitted)
    var changed = 0
    let fittedLogits = data.logits(weights: result.fit.weights, bias: result.fit.bias)
    for (r, z) in zip(records, fittedLogits) {
      guard case .text(let text) = r.content else { continue }
      let before = scanner.evaluate(text: text).1
      let after = fittedScanner.evaluate(text: text).1
      // Compared on the logit: a post with many findings scores 1.0 to six decimals either way.
      if abs(before.logit - after.logit) > 1e-6 { changed += 1 }
      // The overlay (4 decimals per weight) scores as the fitted model predicts.
      #expect(abs(after.logit - z) < 0.01, "\(r.id): scorer \(after.logit), model \(z)")
    }
    #expect(changed == records.count)
  }
}

/// A path in the repository.
func repoPath(_ relative: String) -> String {
  var url = URL(fileURLWithPath: #filePath)
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("rules/ruleset.yaml").path) {
      return url.appendingPathComponent(relative).path
    }
  }
  return relative
}

/// The shipped rule set, loaded and compiled once for all tests of this target (a debug build
/// takes seconds per load).
private let shippedLoad: Result<RuleSet, Error> = Result { try RuleSet.load(from: repoPath("rules")) }

func shippedRuleSet() throws -> RuleSet { try shippedLoad.get() }
