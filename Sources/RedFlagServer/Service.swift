import Foundation
import RedFlag
import RedFlagRules

/// Settings of the HTTP service.
public struct ServerConfiguration: Sendable {
  public var host: String
  public var port: Int
  /// Largest accepted request body.
  public var maxBodyBytes: Int
  /// Most documents in one batch.
  public var maxBatch: Int
  /// Seconds a request may take before it is answered with 504.
  public var timeout: Double

  public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 1 << 20, maxBatch: Int = 100, timeout: Double = 10) {
    self.host = host; self.port = port; self.maxBodyBytes = maxBodyBytes; self.maxBatch = maxBatch
    self.timeout = timeout
  }
}

/// An answer, independent of the HTTP library.
public struct ServiceResponse: Sendable {
  public var status: Int
  public var contentType: String
  public var body: String
  public var headers: [(String, String)] = []

  static func json(_ status: Int, _ body: String) -> ServiceResponse {
    ServiceResponse(status: status, contentType: "application/json; charset=utf-8", body: body)
  }
  static func error(_ e: APIError) -> ServiceResponse { json(e.status, e.json) }
  static func html(_ status: Int, _ body: String) -> ServiceResponse {
    ServiceResponse(
      status: status, contentType: "text/html; charset=utf-8", body: body,
      headers: [
        // No script is needed, so none may run, whatever an ad contains.
        ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; img-src 'none'"),
        ("X-Content-Type-Options", "nosniff"),
      ])
  }
}

/// The service: scanning, rule set, reloads and metrics, shared by all requests.
public final class RedFlagService: Sendable {
  public let store: RuleSetStore
  public let metrics: ServerMetrics
  public let configuration: ServerConfiguration

  public init(store: RuleSetStore, configuration: ServerConfiguration = ServerConfiguration(), metrics: ServerMetrics = ServerMetrics()) {
    self.store = store; self.configuration = configuration; self.metrics = metrics
  }

  /// Methods allowed on each known path.
  static let routes: [String: [String]] = [
    "/": ["GET"], "/check": ["GET", "POST"], "/healthz": ["GET"], "/metrics": ["GET"],
    "/v1/scan": ["POST"], "/v1/ruleset": ["GET"], "/v1/reload": ["POST"],
  ]

  // MARK: API

  /// `POST /v1/scan`.
  public func scan(body: [UInt8]) async -> ServiceResponse {
    let request: ScanRequest
    do {
      request = try ScanRequest.decode(body, maxBatch: configuration.maxBatch)
    } catch {
      return .error(error)
    }
    let scanner = store.scanner
    let docs: [ScanDocument]
    switch request {
    case .single(let d): docs = [d]
    case .batch(let ds): docs = ds
    }
    guard let reports = await Self.withDeadline(seconds: configuration.timeout, { Self.scanAll(docs, scanner) }) else {
      return .error(.timeout(seconds: configuration.timeout))
    }
    metrics.recordDocuments(scanned: reports.count, flagged: reports.filter(\.flagged).count)
    switch request {
    case .single: return .json(200, reports[0].jsonLine())
    case .batch: return .json(200, "{\"results\":[" + reports.map { $0.jsonLine() }.joined(separator: ",") + "]}")
    }
  }

  static func scanOne(_ d: ScanDocument, _ scanner: RedFlag.Scanner) -> ScanReport {
    var r: ScanReport
    switch d.body {
    case .text(let t): r = scanner.scan(text: t, id: d.id)
    case .html(let h): r = scanner.scan(html: h, id: d.id)
    }
    if let lang = d.lang { r.language = lang }
    return r
  }

  static func scanAll(_ docs: [ScanDocument], _ scanner: RedFlag.Scanner) -> [ScanReport] {
    if docs.count == 1 { return [scanOne(docs[0], scanner)] }
    // Each iteration writes only its own slot.
    final class Slots: @unchecked Sendable {
      var reports: [ScanReport?]
      init(_ n: Int) { reports = Array(repeating: nil, count: n) }
    }
    let slots = Slots(docs.count)
    slots.reports.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let b = buffer
      DispatchQueue.concurrentPerform(iterations: docs.count) { k in b[k] = scanOne(docs[k], scanner) }
    }
    return slots.reports.map { $0! }
  }

  /// Runs `work` on a worker thread; answers nil when it is not done within `seconds` (the work
  /// then finishes in the background and its result is dropped).
  static func withDeadline<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () -> T) async -> T? {
    return await withCheckedContinuation { (c: CheckedContinuation<T?, Never>) in
      let once = Once()
      DispatchQueue.global().async {
        let r = work()
        if once.claim() { c.resume(returning: r) }
      }
      DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
        if once.claim() { c.resume(returning: nil) }
      }
    }
  }

  /// `GET /v1/ruleset`.
  public func rulesetJSON() -> String {
    let rs = store.scanner.ruleSet
    let m = rs.definition.manifest
    let rules: [JSONValue] = rs.definition.rules.map { r in
      .object([
        ("id", .string(r.id)), ("revision", .number(Double(r.revision))), ("title", .string(r.title)),
        ("category", .string(r.category)), ("indicator", .string(r.indicator)), ("weight", .number(r.weight)),
        ("kind", .string(r.kind.rawValue)), ("status", .string(r.status.rawValue)),
        ("explanation", .string(r.explanation)),
        ("languages", .array(r.languages.map { .string($0.lang) })),
      ])
    }
    let thresholds: [(String, JSONValue)] = RiskLevel.allCases.compactMap { l in
      m.thresholds[l].map { (l.rawValue, .number($0)) }
    }
    return JSONValue.object([
      ("name", .string(m.name)), ("version", .string(m.version)), ("sha256", .string(rs.definition.sha256)),
      ("bias", .number(m.bias)), ("thresholds", .object(thresholds)), ("flag_level", .string(m.flagLevel.rawValue)),
      ("categories", .array(m.categories.map { .object([("id", .string($0.id)), ("title", .string($0.title))]) })),
      ("rules", .array(rules)),
    ]).text
  }

  /// `POST /v1/reload` (and SIGHUP): reloads the rules from disk; a broken set is refused with
  /// 422 and its diagnostics, and the old set keeps serving.
  public func reload() -> ServiceResponse {
    let old = store.scanner.ruleSet.stamp
    do {
      let rs = try store.reload()
      metrics.recordReload(ok: true)
      return .json(200, JSONValue.object([
        ("reloaded", .bool(true)),
        ("ruleset", .object([("name", .string(rs.stamp.name)), ("version", .string(rs.stamp.version)), ("sha256", .string(rs.stamp.sha256))])),
        ("rules", .number(Double(rs.definition.rules.count))),
        ("warnings", .array(rs.warnings.map { .string($0.description) })),
      ]).text)
    } catch {
      metrics.recordReload(ok: false)
      return .error(APIError(
        status: 422, code: "ruleset_invalid",
        message: "the rule set in \(store.rulesDirectory) was refused; still serving \(old.name) \(old.version) (sha256 \(old.sha256)):\n\(error)"))
    }
  }

  /// `GET /metrics`.
  public func metricsText() -> String {
    let s = store.scanner.ruleSet.stamp
    return metrics.render(ruleset: (s.name, s.version, s.sha256))
  }

  /// `GET /healthz`.
  public func health() -> String {
    let s = store.scanner.ruleSet.stamp
    return JSONValue.object([
      ("status", .string("ok")),
      ("ruleset", .object([("name", .string(s.name)), ("version", .string(s.version)), ("sha256", .string(s.sha256))])),
    ]).text
  }

  /// Reloads on SIGHUP. Keep the returned source alive for as long as the handler should work.
  public func reloadOnSIGHUP(log: @escaping @Sendable (String) -> Void = { _ in }) -> any DispatchSourceSignal {
    signal(SIGHUP, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue.global())
    source.setEventHandler { [self] in
      let r = reload()
      log(r.status == 200 ? "SIGHUP: rule set reloaded: \(r.body)" : "SIGHUP: reload refused: \(r.body)")
    }
    source.resume()
    return source
  }
}

/// A flag that lets exactly one of several racers through.
final class Once: @unchecked Sendable {
  private let lock = NSLock()
  private var done = false
  func claim() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if done { return false }
    done = true
    return true
  }
}
