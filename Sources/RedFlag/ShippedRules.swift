import Foundation

extension RuleSet {
  /// The shipped rule set's folder: the first folder holding `ruleset.yaml` among `rules/` beside
  /// the executable, `../share/redflag/rules` relative to it, and a `rules/` folder in the
  /// executable's folder, the current folder, or any folder above either (a source checkout has
  /// `rules/` at its top). Nil when there is none. Used by the CLI and the server.
  public static func shippedDirectory() -> String? {
    let fm = FileManager.default
    var candidates: [String] = []
    var starts: [URL] = []
    if let exe = executableURL() {
      let dir = exe.deletingLastPathComponent()
      candidates.append(dir.appendingPathComponent("rules").path)
      candidates.append(dir.deletingLastPathComponent().appendingPathComponent("share/redflag/rules").path)
      starts.append(dir)
    }
    starts.append(URL(fileURLWithPath: fm.currentDirectoryPath))
    for start in starts {
      var dir = start.standardizedFileURL
      while true {
        candidates.append(dir.appendingPathComponent("rules").path)
        let parent = dir.deletingLastPathComponent()
        if dir.path == "/" || parent.path == dir.path { break }
        dir = parent
      }
    }
    return candidates.first { fm.fileExists(atPath: $0 + "/ruleset.yaml") }
  }

  private static func executableURL() -> URL? {
    if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return URL(fileURLWithPath: target)
    }
    return Bundle.main.executableURL?.resolvingSymlinksInPath()
  }
}
