import Foundation
import RedFlag

/// Finds the shipped rule set for the server.
public enum ServerRulesLocator {
  /// The first folder holding `ruleset.yaml` among: `rules/` beside the executable,
  /// `../share/redflag/rules` relative to it, then a `rules/` folder in the executable's folder,
  /// the current folder, or any folder above either of them (a source checkout has `rules/` at
  /// its top).
  public static func defaultDirectory() -> String? { RuleSet.shippedDirectory() }
}
