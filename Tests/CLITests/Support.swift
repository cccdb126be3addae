import Foundation
import Testing

/// Runs the built `redflag` binary (it sits next to the test bundle in the build products folder).
enum CLI {
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The shipped rule set of this checkout.
  static var rules: String { packageRoot.appendingPathComponent("rules").path }
  static var samples: URL { packageRoot.appendingPathComponent("samples") }

  static let binary: URL = {
    if let env = ProcessInfo.processInfo.environment["REDFLAG_BIN"] { return URL(fileURLWithPath: env) }
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
    var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
    // On macOS the test binary is inside X.xctest/Contents/MacOS: walk up to the products folder.
    for _ in 0..<5 {
      let candidate = dir.appendingPathComponent("redflag")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("redflag")
  }()
}

struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
  /// Standard output split into lines (without the final empty one).
  var lines: [String] {
    var l = stdout.components(separatedBy: "\n")
    if l.last == "" { l.removeLast() }
    return l
  }
}

/// A fresh temporary folder, removed by `cleanup()`.
final class TempDir {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("redflag-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, Data(text.utf8))
  }
  @discardableResult
  func write(_ name: String, _ data: Data) throws -> String {
    let u = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: u)
    return u.path
  }
  func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `redflag ARGS`, with `stdin` as standard input (or an empty one).
func redflag(_ args: [String], stdin: Data = Data(), cwd: URL? = nil) throws -> RunResult {
  let tmp = try TempDir()
  defer { tmp.cleanup() }
  let inPath = try tmp.write("stdin", stdin)
  let outPath = tmp.path("stdout")
  let errPath = tmp.path("stderr")
  FileManager.default.createFile(atPath: outPath, contents: nil)
  FileManager.default.createFile(atPath: errPath, contents: nil)
  let p = Process()
  p.executableURL = CLI.binary
  p.arguments = args
  if let cwd { p.currentDirectoryURL = cwd }
  p.standardInput = FileHandle(forReadingAtPath: inPath)
  p.standardOutput = FileHandle(forWritingAtPath: outPath)
  p.standardError = FileHandle(forWritingAtPath: errPath)
  try p.run()
  p.waitUntilExit()
  let status = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
  let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
  let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
  return RunResult(status: status, stdout: out, stderr: err)
}

/// Parses RFC 4180 CSV text (as the CLI writes it) into rows of fields.
func parseCSV(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var chars = Array(text.unicodeScalars)[...]
  while let c = chars.popFirst() {
    if quoted {
      if c == "\"" {
        if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
      } else {
        field.unicodeScalars.append(c)
      }
    } else if c == "\"" {
      quoted = true
    } else if c == "," {
      row.append(field); field = ""
    } else if c == "\n" {
      row.append(field); field = ""
      rows.append(row); row = []
    } else {
      field.unicodeScalars.append(c)
    }
  }
  if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
  return rows
}

/// The CSV output of a scan as dictionaries keyed by the header's names.
func csvRecords(_ run: RunResult) -> [[String: String]] {
  let rows = parseCSV(run.stdout)
  guard let header = rows.first else { return [] }
  return rows.dropFirst().map { row in
    Dictionary(uniqueKeysWithValues: zip(header, row).map { ($0, $1) })
  }
}

/// Parses JSONL output lines into objects (needs the real `ScanReport.jsonLine`).
func jsonRecords(_ run: RunResult) -> [[String: Any]] {
  run.lines.map { line in
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
  }
}
