import ArgumentParser
import Foundation
import RedFlag

/// Finds and loads the rule set.
enum RulesLocator {
  /// The shipped rule set: `rules/` next to the executable, `../share/redflag/rules`, or a
  /// `rules/` folder in the executable's folder or the current folder or any folder above them
  /// (a source checkout has `rules/` at its top). Each candidate must hold `ruleset.yaml`.
  static func defaultDirectory() -> String? { RuleSet.shippedDirectory() }

  /// Loads `--rules DIR` (or the shipped set) with an optional weights overlay.
  static func load(rules: String?, weights: String?) throws -> RuleSet {
    guard let dir = rules ?? defaultDirectory() else {
      throw RunFailure("no rule set found (looked for rules/ruleset.yaml near the executable and the current folder); pass --rules DIR")
    }
    do {
      return try RuleSet.load(from: dir, weights: weights)
    } catch {
      throw RunFailure(String(describing: error))
    }
  }
}

/// `--rules DIR` and `--weights FILE`, shared by every command that scans.
struct RuleSetOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Rule set folder (default: the shipped rules).", valueName: "dir"))
  var rules: String?

  @Option(help: ArgumentHelp("Weights overlay file.", valueName: "file"))
  var weights: String?

  /// Loads the chosen (or shipped) rule set with the overlay.
  func load() throws -> RuleSet { try RulesLocator.load(rules: rules, weights: weights) }
}
