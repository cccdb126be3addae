import Foundation
import Testing

@testable import RedFlagRules

/// One case per folder in Fixtures/errors/: a tiny rule set (plus an optional overlay.yaml) and
/// `expected.txt`, the exact diagnostics it must produce.
@Suite struct RuleSetFixtureTests {
  @Test(arguments: Fixtures.errorCases)
  func errorCase(_ name: String) throws {
    let (output, loaded) = Fixtures.run(errorCase: name)
    let expectedPath = Fixtures.path("errors/\(name)/expected.txt")
    if ProcessInfo.processInfo.environment["RF_UPDATE_EXPECTED"] == "1" {
      try (output + "\n").write(
        toFile: Fixtures.sourcePath("errors/\(name)/expected.txt"), atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
    #expect(output + "\n" == expected, "case \(name)")
    // A case with an error must refuse the set; a warnings-only case must load.
    let hasError = expected.contains(": error[")
    #expect(loaded == !hasError, "case \(name): loaded=\(loaded)")
  }

  /// Every code of `DiagnosticCode` is exercised by at least one case.
  @Test func everyCodeHasACase() throws {
    var seen: Set<String> = []
    for name in Fixtures.errorCases {
      let expected = try String(
        contentsOfFile: Fixtures.path("errors/\(name)/expected.txt"), encoding: .utf8)
      for line in expected.split(separator: "\n") {
        if let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"), open < close {
          seen.insert(String(line[line.index(after: open)..<close]))
        }
      }
      // The case's name says which code it is about, and that code must appear in it.
      if name.hasPrefix("rf") {
        let code = "RF" + name.dropFirst(2).prefix(3)
        #expect(seen.contains(code), "case \(name) does not produce \(code)")
      }
    }
    #expect(Set(DiagnosticCode.all).count == DiagnosticCode.all.count)
    for code in DiagnosticCode.all {
      #expect(seen.contains(code), "no fixture case produces \(code)")
    }
  }

  /// A set with a broken ruleset.yaml and four broken rule files reports an error in every file.
  @Test func brokenFilesAreAllReported() throws {
    let result = RuleSetLoader.load(directory: Fixtures.path("errors/many-broken-files"))
    guard case .failure(let error) = result else {
      Issue.record("a set with five broken files loaded")
      return
    }
    let files = Set(error.errors.map(\.file))
    #expect(
      files == [
        "ruleset.yaml", "document_control/passport-retention.yaml",
        "pay_too_good/high-pay-no-experience.yaml", "context/warning-context.yaml",
        "scam_compound/scam-compound-pattern.yaml",
      ])
    let codes = Set(error.errors.map(\.code))
    #expect(codes == ["RF026", "RF017", "RF012", "RF015", "RF021"])
  }
}
