import Foundation

/// Counters and a latency histogram, exposed in the Prometheus text format (version 0.0.4).
public final class ServerMetrics: @unchecked Sendable {
  /// Upper bounds (seconds) of the latency histogram's buckets.
  public static let latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

  private struct RouteKey: Hashable { var route: String; var method: String; var status: Int }
  private struct Histogram {
    var counts = [Int](repeating: 0, count: ServerMetrics.latencyBuckets.count)
    var sum = 0.0
    var total = 0
  }

  private let lock = NSLock()
  private var requests: [RouteKey: Int] = [:]
  private var latency: [String: Histogram] = [:]
  private var documentsScanned = 0
  private var documentsFlagged = 0
  private var errors: [String: Int] = [:]
  private var reloads: [String: Int] = [:]

  public init() {}

  func recordRequest(route: String, method: String, status: Int, seconds: Double) {
    lock.lock()
    defer { lock.unlock() }
    requests[RouteKey(route: route, method: method, status: status), default: 0] += 1
    var h = latency[route] ?? Histogram()
    for (k, bound) in Self.latencyBuckets.enumerated() where seconds <= bound { h.counts[k] += 1 }
    h.sum += seconds
    h.total += 1
    latency[route] = h
  }

  func recordDocuments(scanned: Int, flagged: Int) {
    lock.lock()
    documentsScanned += scanned
    documentsFlagged += flagged
    lock.unlock()
  }

  func recordError(code: String) {
    lock.lock()
    errors[code, default: 0] += 1
    lock.unlock()
  }

  func recordReload(ok: Bool) {
    lock.lock()
    reloads[ok ? "ok" : "failed", default: 0] += 1
    lock.unlock()
  }

  /// The exposition text. `ruleset` adds an info gauge with the rule set in service.
  public func render(ruleset: (name: String, version: String, sha256: String)? = nil) -> String {
    lock.lock()
    defer { lock.unlock() }
    var s = ""
    s += "# HELP redflag_http_requests_total HTTP requests answered, by route, method and status.\n"
    s += "# TYPE redflag_http_requests_total counter\n"
    for (k, n) in requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
      s += "redflag_http_requests_total{route=\"\(label(k.route))\",method=\"\(label(k.method))\",status=\"\(k.status)\"} \(n)\n"
    }
    s += "# HELP redflag_http_request_duration_seconds Time to answer a request, by route.\n"
    s += "# TYPE redflag_http_request_duration_seconds histogram\n"
    for (route, h) in latency.sorted(by: { $0.key < $1.key }) {
      let r = label(route)
      for (k, bound) in Self.latencyBuckets.enumerated() {
        s += "redflag_http_request_duration_seconds_bucket{route=\"\(r)\",le=\"\(bound)\"} \(h.counts[k])\n"
      }
      s += "redflag_http_request_duration_seconds_bucket{route=\"\(r)\",le=\"+Inf\"} \(h.total)\n"
      s += "redflag_http_request_duration_seconds_sum{route=\"\(r)\"} \(h.sum)\n"
      s += "redflag_http_request_duration_seconds_count{route=\"\(r)\"} \(h.total)\n"
    }
    s += "# HELP redflag_documents_scanned_total Documents scanned.\n"
    s += "# TYPE redflag_documents_scanned_total counter\n"
    s += "redflag_documents_scanned_total \(documentsScanned)\n"
    s += "# HELP redflag_documents_flagged_total Documents whose level reached the rule set's flag level.\n"
    s += "# TYPE redflag_documents_flagged_total counter\n"
    s += "redflag_documents_flagged_total \(documentsFlagged)\n"
    s += "# HELP redflag_errors_total Error answers, by error code.\n"
    s += "# TYPE redflag_errors_total counter\n"
    for (code, n) in errors.sorted(by: { $0.key < $1.key }) {
      s += "redflag_errors_total{code=\"\(label(code))\"} \(n)\n"
    }
    s += "# HELP redflag_ruleset_reloads_total Rule set reloads, by result.\n"
    s += "# TYPE redflag_ruleset_reloads_total counter\n"
    for (result, n) in reloads.sorted(by: { $0.key < $1.key }) {
      s += "redflag_ruleset_reloads_total{result=\"\(result)\"} \(n)\n"
    }
    if let rs = ruleset {
      s += "# HELP redflag_ruleset_info The rule set in service.\n"
      s += "# TYPE redflag_ruleset_info gauge\n"
      s += "redflag_ruleset_info{name=\"\(label(rs.name))\",version=\"\(label(rs.version))\",sha256=\"\(label(rs.sha256))\"} 1\n"
    }
    return s
  }

  private func label(_ v: String) -> String {
    var out = ""
    for c in v.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
