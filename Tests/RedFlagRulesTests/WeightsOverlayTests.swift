import Foundation
import Testing

@testable import RedFlagRules

@Suite struct WeightsOverlayTests {
  func validSet() throws -> RuleSetDefinition {
    try RuleSetLoader.load(directory: Fixtures.path("valid")).get()
  }

  func writeTemp(_ text: String) throws -> String {
    let path = NSTemporaryDirectory() + "overlay-\(UInt64.random(in: 0...UInt64.max)).yaml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func loadAndApply() throws {
    let path = try writeTemp(
      "ruleset: fixture-set\nbias: -3.7\nweights:\n  passport-retention: 2.3\n  warning-context: -2\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let overlay = try RuleSetLoader.loadOverlay(path: path)
    #expect(overlay.ruleset == "fixture-set")
    #expect(overlay.bias == -3.7)
    #expect(overlay.weights == ["passport-retention": 2.3, "warning-context": -2])
    let set = try validSet()
    let applied = try overlay.apply(to: set)
    #expect(applied.manifest.bias == -3.7)
    #expect(applied.rules.first { $0.id == "passport-retention" }?.weight == 2.3)
    #expect(applied.rules.first { $0.id == "warning-context" }?.weight == -2)
    // Rules the overlay does not name keep their weights.
    #expect(applied.rules.first { $0.id == "high-pay-no-experience" }?.weight == 1.4)
    #expect(applied.sha256 == set.sha256)
  }

  @Test func overlayWithoutBiasKeepsBias() throws {
    let overlay = WeightsOverlay(weights: ["high-pay-no-experience": 0.5])
    let applied = try overlay.apply(to: try validSet())
    #expect(applied.manifest.bias == -4.0)
    #expect(applied.rules.first { $0.id == "high-pay-no-experience" }?.weight == 0.5)
  }

  @Test func applyRejectsUnknownIdsAndNonFiniteValues() throws {
    let overlay = WeightsOverlay(
      bias: .nan, weights: ["passport-retention": .infinity, "no-such-rule": 1])
    do {
      _ = try overlay.apply(to: try validSet())
      Issue.record("a bad overlay was applied")
    } catch let error as RuleSetLoadError {
      #expect(error.errors.map(\.code).sorted() == ["RF040", "RF041", "RF041"])
      #expect(error.description.contains("unknown rule 'no-such-rule'"))
    }
  }

  @Test func loadReportsBadShapes() throws {
    let path = try writeTemp("weights:\n  passport-retention: high\nscale: 2\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try RuleSetLoader.loadOverlay(path: path)
      Issue.record("a bad overlay loaded")
    } catch let error as RuleSetLoadError {
      #expect(error.errors.map(\.code) == ["RF005", "RF003"])
      #expect(error.errors[0].line == 2 && error.errors[0].column == 23)
      #expect(error.errors[1].line == 3 && error.errors[1].column == 1)
    }
  }

  @Test func missingOverlayFile() {
    #expect(throws: RuleSetLoadError.self) {
      try RuleSetLoader.loadOverlay(path: "/nonexistent/overlay.yaml")
    }
  }
}
