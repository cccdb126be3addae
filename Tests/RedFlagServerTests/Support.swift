import Foundation
import Hummingbird
import HummingbirdTesting
import RedFlag
import Testing

@testable import RedFlagServer

/// The shipped rules/ folder, found by walking up from this file.
let shippedRules: String = {
  var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  while dir.path != "/" {
    let candidate = dir.appendingPathComponent("rules")
    if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("ruleset.yaml").path) { return candidate.path }
    dir = dir.deletingLastPathComponent()
  }
  fatalError("rules/ruleset.yaml not found above \(#filePath)")
}()

/// The repository's top folder.
let repoRoot: String = URL(fileURLWithPath: shippedRules).deletingLastPathComponent().path

/// One service per configuration; loading the shipped rules once is enough for most tests.
let sharedStore: RuleSetStore = try! RuleSetStore(rulesDirectory: shippedRules)

func makeService(_ config: ServerConfiguration = ServerConfiguration(port: 0), store: RuleSetStore = sharedStore) -> RedFlagService {
  RedFlagService(store: store, configuration: config)
}

/// Realistic ads from samples/ads.jsonl and corpora.
enum Ads {
  static let englishScam =
    "URGENT hiring! Customer service staff for Cambodia, salary $2,500/month, no experience needed. Free flight, visa and housing. Message Telegram @fastjob_asia now, only 5 places left! Company will keep your passport."
  static let englishBenign =
    "Part-time barista wanted in Melbourne. Weekend shifts, $28 per hour, RSA certificate required. Apply in person at our cafe on Smith Street."
  static let thaiScam =
    "รับสมัครพนักงานด่วน ทำงานที่กัมพูชา เงินเดือน 50,000 บาท ไม่ต้องมีประสบการณ์ ฟรีตั๋วเครื่องบินและที่พัก ติดต่อไลน์ @jobthai88 นายจ้างเก็บหนังสือเดินทาง"
  static let chineseScam = "高薪招聘客服，柬埔寨西港，月薪3万起，无需经验，包机票包吃住，名额有限，联系飞机 @gaoxin888"
  static let debtBondage =
    "Factory workers needed in Malaysia. Agency fee RM 4,500 will be deducted from your salary. Employer will keep your passport for safety during the contract."
}

func json(_ buffer: ByteBuffer) throws -> JSONValue {
  try JSONParser.parse(Array(buffer.readableBytesView))
}

func text(_ buffer: ByteBuffer) -> String { String(decoding: buffer.readableBytesView, as: UTF8.self) }

/// A JSON request body.
func body(_ s: String) -> ByteBuffer { ByteBuffer(string: s) }

/// A JSON string literal for `s`.
func quoted(_ s: String) -> String { JSONValue.string(s).text }

/// Copies the shipped rule set into a fresh temporary folder (for reload tests).
func copyOfRules() throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("redflag-server-rules-\(UUID().uuidString)")
  try FileManager.default.copyItem(atPath: shippedRules, toPath: dir.path)
  return dir.path
}

/// Runs a program to its end without blocking the caller's thread; kills it after `timeout`.
func run(_ executable: String, _ arguments: [String], timeout: Double = 120, environment: [String: String]? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: executable)
  p.arguments = arguments
  if let environment { p.environment = environment }
  let out = Pipe(), err = Pipe()
  p.standardOutput = out
  p.standardError = err
  p.standardInput = FileHandle.nullDevice
  return try await withCheckedThrowingContinuation { c in
    // Pipes are drained on their own threads so a chatty child never blocks on a full pipe.
    final class Box: @unchecked Sendable { var out = Data(); var err = Data() }
    let box = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { box.out = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    group.enter()
    DispatchQueue.global().async { box.err = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    p.terminationHandler = { proc in
      group.notify(queue: .global()) {
        c.resume(returning: (proc.terminationStatus, String(decoding: box.out, as: UTF8.self), String(decoding: box.err, as: UTF8.self)))
      }
    }
    do {
      try p.run()
    } catch {
      c.resume(throwing: error)
      return
    }
    let pid = p.processIdentifier
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { if p.isRunning { kill(pid, SIGKILL) } }
  }
}

/// The first of `names` found on PATH.
func which(_ names: [String]) -> String? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  for name in names {
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
  }
  return nil
}
