import RedFlagRules
import RedFlagText

/// The outcome of one embedded example of a rule.
public struct ExampleResult: Sendable, Hashable {
  public enum Expectation: String, Sendable, Hashable { case match, noMatch = "no_match", knownMiss = "known_miss" }
  public var rule: String
  public var lang: String
  public var expectation: Expectation
  public var text: String
  public var line: Int
  /// Whether the rule fired on the text.
  public var fired: Bool
  /// Passed: fired for `match`, did not fire for `no_match`. Known misses never fail.
  public var passed: Bool { expectation == .match ? fired : (expectation == .noMatch ? !fired : true) }
  public var isFailure: Bool { !passed }
}

/// Runs the embedded tests of every rule.
public enum RuleTester {
  /// Runs every example of every compiled rule; results in rule order, then example order.
  public static func run(_ compiled: CompiledRuleSet) -> [ExampleResult] {
    let analyzer = TextAnalyzer()
    var results: [ExampleResult] = []
    for rule in compiled.rules {
      func check(_ examples: [RuleExample], _ e: ExampleResult.Expectation) {
        for ex in examples {
          let eval = compiled.evaluate(analyzer.analyze(ex.text))
          let fired = eval.findings.contains { $0.rule.id == rule.id }
          results.append(
            ExampleResult(rule: rule.id, lang: ex.lang, expectation: e, text: ex.text, line: ex.line, fired: fired))
        }
      }
      check(rule.tests.match, .match)
      check(rule.tests.noMatch, .noMatch)
      check(rule.tests.knownMiss, .knownMiss)
    }
    return results
  }
}
