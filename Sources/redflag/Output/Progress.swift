import Foundation
import RedFlagRules

enum ProgressMode: String, CaseIterable, Sendable {
  case auto, none, bar, json
}

/// Counters of a run, shared by the reader, the writer and the progress display.
final class RunStats: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var records = 0
  private(set) var flagged = 0
  private(set) var errors = 0
  private(set) var levels = [Int](repeating: 0, count: RiskLevel.allCases.count)
  private(set) var bytesRead: Int64 = 0
  let totalBytes: Int64?
  let started = DispatchTime.now()

  init(totalBytes: Int64?) { self.totalBytes = totalBytes }

  func addBytes(_ n: Int) {
    lock.lock(); bytesRead += Int64(n); lock.unlock()
  }

  func add(_ batch: BatchCounts) {
    lock.lock()
    records += batch.records
    flagged += batch.flagged
    errors += batch.errors
    for (i, c) in batch.levels.enumerated() { levels[i] += c }
    lock.unlock()
  }

  struct Snapshot {
    var records: Int, flagged: Int, errors: Int, levels: [Int], bytes: Int64, seconds: Double
  }

  func snapshot() -> Snapshot {
    lock.lock(); defer { lock.unlock() }
    let secs = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    return Snapshot(records: records, flagged: flagged, errors: errors, levels: levels, bytes: bytesRead, seconds: secs)
  }
}

/// The counts of one batch of output.
struct BatchCounts: Sendable {
  var records = 0
  var flagged = 0
  var errors = 0
  var levels = [Int](repeating: 0, count: RiskLevel.allCases.count)
  /// The highest level any record reached.
  var maxLevel = RiskLevel.none
}

/// Shows progress on standard error until stopped: a status line (`bar`) redrawn a few times a
/// second, or one JSON object a second (`json`).
final class ProgressReporter: @unchecked Sendable {
  private let stats: RunStats
  private let json: Bool
  private let done = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)
  private var thread: Thread?

  init(stats: RunStats, json: Bool) {
    self.stats = stats
    self.json = json
  }

  func start() {
    let t = Thread { [self] in
      let interval = json ? 1.0 : 0.25
      while done.wait(timeout: .now() + interval) == .timedOut {
        draw()
      }
      // The last state: a final JSON object, or the status line cleared.
      if json { draw() } else { printErrorRaw("\r\u{1B}[K") }
      finished.signal()
    }
    thread = t
    t.start()
  }

  func stop() {
    guard thread != nil else { return }
    done.signal()
    // Wait for the thread to clear its line.
    _ = finished.wait(timeout: .now() + 1)
    thread = nil
  }

  private func draw() {
    let s = stats.snapshot()
    let rate = s.seconds > 0 ? Double(s.records) / s.seconds : 0
    let mbs = s.seconds > 0 ? Double(s.bytes) / 1e6 / s.seconds : 0
    var percent: Double?
    var eta: Double?
    if let total = stats.totalBytes, total > 0 {
      percent = min(100, Double(s.bytes) * 100 / Double(total))
      if s.bytes > 0 { eta = max(0, s.seconds * Double(total - s.bytes) / Double(s.bytes)) }
    }
    if json {
      var obj = "{\"records\":\(s.records),\"records_per_s\":\(round1(rate)),\"mb_per_s\":\(round1(mbs)),"
      obj += "\"flagged\":\(s.flagged),\"errors\":\(s.errors),\"bytes\":\(s.bytes),\"seconds\":\(round1(s.seconds))"
      if let percent { obj += ",\"percent\":\(round1(percent))" }
      if let eta { obj += ",\"eta_s\":\(round1(eta))" }
      printErrorRaw(obj + "}\n")
    } else {
      var line = "\r\u{1B}[K\(s.records) records  \(Int(rate))/s  \(String(format: "%.1f", mbs)) MB/s  \(s.flagged) flagged  \(s.errors) errors"
      if let percent { line += String(format: "  %.1f%%", percent) }
      if let eta { line += "  ETA \(formatDuration(eta))" }
      printErrorRaw(line)
    }
  }
}

func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }

func formatDuration(_ s: Double) -> String {
  let t = Int(s.rounded())
  if t >= 3600 { return "\(t / 3600)h\(String(format: "%02d", t / 60 % 60))m" }
  if t >= 60 { return "\(t / 60)m\(String(format: "%02d", t % 60))s" }
  return "\(t)s"
}

/// The end-of-run summary line.
func summaryLine(_ s: RunStats.Snapshot, interrupted: Bool) -> String {
  let levels = zip(RiskLevel.allCases, s.levels).map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ")
  let mbs = s.seconds > 0 ? Double(s.bytes) / 1e6 / s.seconds : 0
  var line = "redflag: \(interrupted ? "interrupted after " : "")\(s.records) records, \(s.flagged) flagged, \(s.errors) errors"
  line += " (\(levels)) in \(String(format: "%.2f", s.seconds)) s, \(String(format: "%.1f", mbs)) MB/s"
  return line
}

func printErrorRaw(_ s: String) {
  var t = s
  t.withUTF8 { buf in
    var off = 0
    while off < buf.count {
      let n = write(2, buf.baseAddress! + off, buf.count - off)
      if n <= 0 { if errno == EINTR { continue }; return }
      off += n
    }
  }
}
