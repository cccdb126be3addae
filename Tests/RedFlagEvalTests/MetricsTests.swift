import Testing
@testable import RedFlagEval

/// A small table worked out by hand:
///
/// | score | 0.9 | 0.8 | 0.8 | 0.6 | 0.4 | 0.4 | 0.2 |
/// | label |  1  |  1  |  0  |  1  |  0  |  1  |  0  |
///
/// ROC-AUC: of the 4 x 3 pairs, the risky record wins 3 + (1 + 0.5 + 1) + 2 + (0.5 + 1) = 9 -> 0.75.
/// Average precision, ties entering together: thresholds 0.9 (P 1/1), 0.8 (P 2/3), 0.6 (P 3/4),
/// 0.4 (P 4/6), each adding recall 1/4: (1 + 2/3 + 3/4 + 2/3) / 4 = 37/48.
/// At score >= 0.5: TP 3, FP 1, TN 2, FN 1 -> P 3/4, R 3/4, F1 3/4, FPR 1/3.
let tableScores = [0.9, 0.8, 0.8, 0.6, 0.4, 0.4, 0.2]
let tableLabels = [true, true, false, true, false, true, false]

@Suite struct MetricsTests {
  @Test func rocAUCWithTies() {
    #expect(Metrics.rocAUC(scores: tableScores, labels: tableLabels) == 0.75)
  }

  @Test func averagePrecisionWithTies() throws {
    let ap = try #require(Metrics.averagePrecision(scores: tableScores, labels: tableLabels))
    #expect(abs(ap - 37.0 / 48.0) < 1e-12)
  }

  @Test func confusionAndRates() throws {
    let c = Confusion(predicted: tableScores.map { $0 >= 0.5 }, labels: tableLabels)
    #expect(c == Confusion(tp: 3, fp: 1, tn: 2, fn: 1))
    #expect(c.precision == 0.75)
    #expect(c.recall == 0.75)
    #expect(c.f1 == 0.75)
    let fpr = try #require(c.falsePositiveRate)
    #expect(abs(fpr - 1.0 / 3.0) < 1e-12)
    #expect(c.accuracy == 5.0 / 7.0)
  }

  @Test func f1WhenPrecisionAndRecallDiffer() throws {
    // TP 2, FP 2, FN 1: P 1/2, R 2/3, F1 = 2PR/(P+R) = 4/7.
    let c = Confusion(
      predicted: [true, true, true, true, false, false], labels: [true, true, false, false, true, false])
    #expect(c == Confusion(tp: 2, fp: 2, tn: 1, fn: 1))
    let f1 = try #require(c.f1)
    #expect(abs(f1 - 4.0 / 7.0) < 1e-12)
  }

  @Test func allTiedScoresGiveChanceAUCAndPrevalenceAP() throws {
    let labels = [true, false, false, true, false]
    #expect(Metrics.rocAUC(scores: [0.3, 0.3, 0.3, 0.3, 0.3], labels: labels) == 0.5)
    let ap = try #require(Metrics.averagePrecision(scores: [0.3, 0.3, 0.3, 0.3, 0.3], labels: labels))
    #expect(abs(ap - 0.4) < 1e-12)
  }

  @Test func perfectAndReversedRankings() {
    let labels = [false, false, true, true]
    #expect(Metrics.rocAUC(scores: [0.1, 0.2, 0.7, 0.9], labels: labels) == 1)
    #expect(Metrics.averagePrecision(scores: [0.1, 0.2, 0.7, 0.9], labels: labels) == 1)
    #expect(Metrics.rocAUC(scores: [0.9, 0.7, 0.2, 0.1], labels: labels) == 0)
    // Reversed: positives found at ranks 3 and 4: (1/3 + 2/4) / 2.
    let ap = Metrics.averagePrecision(scores: [0.9, 0.7, 0.2, 0.1], labels: labels) ?? -1
    #expect(abs(ap - (1.0 / 3.0 + 0.5) / 2) < 1e-12)
  }

  @Test func undefinedFiguresAreNil() {
    #expect(Metrics.rocAUC(scores: [0.2, 0.9], labels: [true, true]) == nil)
    #expect(Metrics.rocAUC(scores: [0.2, 0.9], labels: [false, false]) == nil)
    #expect(Metrics.averagePrecision(scores: [0.2, 0.9], labels: [false, false]) == nil)
    let c = Confusion(predicted: [false, false], labels: [false, false])
    #expect(c.precision == nil)
    #expect(c.recall == nil)
    #expect(c.f1 == nil)
    #expect(c.falsePositiveRate == 0)
  }

  @Test func averageRanksShareTies() {
    #expect(Metrics.averageRanks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2])
    #expect(Metrics.averageRanks([5, 5, 5]) == [2, 2, 2])
  }
}
