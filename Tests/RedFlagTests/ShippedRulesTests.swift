import Foundation
import Testing
import RedFlag
import RedFlagEngine
import RedFlagRules

/// The repository's `rules/` folder.
let shippedRulesDirectory: String = {
  var url = URL(fileURLWithPath: #filePath)
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("rules/ruleset.yaml").path) {
      return url.appendingPathComponent("rules").path
    }
  }
  return "rules"
}()

@Suite struct ShippedRules {
  @Test func everyEmbeddedExamplePasses() throws {
    let set = try RuleSet.load(from: shippedRulesDirectory)
    let results = RuleTester.run(set.compiled)
    #expect(results.count > 100)
    let failures = results.filter(\.isFailure)
    for f in failures {
      Issue.record("\(f.rule) [\(f.lang)] \(f.expectation.rawValue): \(f.text)")
    }
  }
}
