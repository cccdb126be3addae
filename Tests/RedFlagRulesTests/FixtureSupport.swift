import Foundation
import Testing

@testable import RedFlagRules

/// Locates the copied `Fixtures` folder of this test target.
enum Fixtures {
  static var root: String {
    guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
      fatalError("Fixtures resource missing from the test bundle")
    }
    return url.path
  }

  static func path(_ relative: String) -> String { root + "/" + relative }

  /// Names of the cases under `errors/`, sorted.
  static var errorCases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path("errors"))) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }

  /// The source folder of the fixtures, for regenerating expected files
  /// (`RF_UPDATE_EXPECTED=1 swift test ...`), after which every change must be reviewed.
  static func sourcePath(_ relative: String, file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().path + "/Fixtures/" + relative
  }

  /// Loads the rule set of an error case and, when it has one, applies its overlay.yaml.
  /// Returns every diagnostic as text (paths relative to the case) and whether the set loaded.
  static func run(errorCase name: String) -> (output: String, loaded: Bool) {
    let dir = path("errors/" + name)
    var diagnostics: [Diagnostic] = []
    var loaded = false
    switch RuleSetLoader.loadReportingWarnings(directory: dir) {
    case .success(let set):
      loaded = true
      diagnostics = set.warnings
      let overlayPath = dir + "/overlay.yaml"
      if FileManager.default.fileExists(atPath: overlayPath) {
        do {
          let overlay = try RuleSetLoader.loadOverlay(path: overlayPath)
          _ = try overlay.apply(to: set.definition)
        } catch let error as RuleSetLoadError {
          loaded = false
          diagnostics += error.diagnostics
        } catch {
          diagnostics.append(
            Diagnostic(code: "?", severity: .error, message: "\(error)", file: "", line: 0, column: 0))
        }
      }
    case .failure(let error):
      diagnostics = error.diagnostics
    }
    let text = diagnostics.map(\.description).joined(separator: "\n")
      .replacingOccurrences(of: dir + "/", with: "")
    return (text, loaded)
  }
}
