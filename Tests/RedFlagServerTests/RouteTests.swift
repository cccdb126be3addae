import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedFlag
import Testing

@testable import RedFlagServer

@Suite("JSON API routes")
struct APIRouteTests {
  @Test func healthzNamesTheRuleSet() async throws {
    let app = makeApplication(service: makeService())
    try await app.test(.router) { client in
      try await client.execute(uri: "/healthz", method: .get) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        let v = try json(r.body)
        #expect(v["status"] == .string("ok"))
        #expect(v["ruleset"]?["version"] == .string(sharedStore.scanner.ruleSet.stamp.version))
        #expect(v["ruleset"]?["sha256"] == .string(sharedStore.scanner.ruleSet.stamp.sha256))
      }
    }
  }

  @Test func singleDocumentAnswersTheExactRecord() async throws {
    let app = makeApplication(service: makeService())
    let expected = sharedStore.scanner.scan(text: Ads.englishScam, id: "ad-01")
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/v1/scan", method: .post, body: body("{\"id\":\"ad-01\",\"text\":\(quoted(Ads.englishScam))}")
      ) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
        #expect(text(r.body) == expected.jsonLine())
        let v = try json(r.body)
        #expect(v["id"] == .string("ad-01"))
        #expect(v["flagged"] == .bool(true))
        guard case .array(let findings)? = v["findings"] else { Issue.record("no findings array"); return }
        #expect(findings.count >= 3)
      }
    }
  }

  @Test func benignAdIsNotFlagged() async throws {
    let app = makeApplication(service: makeService())
    try await app.test(.router) { client in
      try await client.execute(uri: "/v1/scan", method: .post, body: body("{\"text\":\(quoted(Ads.englishBenign))}")) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        let v = try json(r.body)
        #expect(v["flagged"] == .bool(false))
        #expect(v["id"] == .string(""))
      }
    }
  }

  @Test func htmlDocumentIsScannedByItsVisibleText() async throws {
    let app = makeApplication(service: makeService())
    let html = "<html><head><script>var salary = 1;</script></head><body><h1>Jobs</h1><p>\(Ads.debtBondage)</p></body></html>"
    let expected = sharedStore.scanner.scan(html: html, id: "page")
    try await app.test(.router) { client in
      try await client.execute(uri: "/v1/scan", method: .post, body: body("{\"id\":\"page\",\"html\":\(quoted(html))}")) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        #expect(text(r.body) == expected.jsonLine())
        #expect(expected.findings.contains { $0.category == "document_control" })
      }
    }
  }

  @Test func declaredLanguageIsReported() async throws {
    let app = makeApplication(service: makeService())
    try await app.test(.router) { client in
      try await client.execute(uri: "/v1/scan", method: .post, body: body("{\"id\":\"x\",\"text\":\"Hiring now\",\"lang\":\"TL\"}")) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        #expect(try json(r.body)["language"] == .string("tl"))
      }
    }
  }

  @Test func batchKeepsOrderAndIDs() async throws {
    let app = makeApplication(service: makeService())
    let ads = [("a", Ads.englishScam), ("b", Ads.chineseScam), ("c", Ads.englishBenign), ("d", Ads.debtBondage)]
    let docs = ads.map { "{\"id\":\(quoted($0.0)),\"text\":\(quoted($0.1))}" }.joined(separator: ",")
    try await app.test(.router) { client in
      try await client.execute(uri: "/v1/scan", method: .post, body: body("{\"documents\":[\(docs),{\"text\":\"no id here\"}]}")) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        let expected = ads.map { sharedStore.scanner.scan(text: $0.1, id: $0.0).jsonLine() }
          + [sharedStore.scanner.scan(text: "no id here", id: "4").jsonLine()]
        #expect(text(r.body) == "{\"results\":[" + expected.joined(separator: ",") + "]}")
        guard case .array(let results)? = try json(r.body)["results"] else { Issue.record("no results"); return }
        #expect(results.map { $0["flagged"] } == [.bool(true), .bool(true), .bool(false), .bool(true), .bool(false)])
      }
    }
  }

  @Test func rulesetListsEveryRule() async throws {
    let app = makeApplication(service: makeService())
    let definition = sharedStore.scanner.ruleSet.definition
    try await app.test(.router) { client in
      try await client.execute(uri: "/v1/ruleset", method: .get) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        let v = try json(r.body)
        #expect(v["name"] == .string(definition.manifest.name))
        #expect(v["version"] == .string(definition.manifest.version))
        #expect(v["sha256"] == .string(definition.sha256))
        guard case .array(let rules)? = v["rules"] else { Issue.record("no rules"); return }
        #expect(rules.count == definition.rules.count)
        for (got, want) in zip(rules, definition.rules) {
          #expect(got["id"] == .string(want.id))
          #expect(got["title"] == .string(want.title))
          #expect(got["category"] == .string(want.category))
          #expect(got["indicator"] == .string(want.indicator))
          #expect(got["weight"] == .number((want.weight * 10000).rounded() / 10000) || got["weight"] == .number(want.weight))
          #expect(got["explanation"] == .string(want.explanation))
        }
        guard case .array(let cats)? = v["categories"] else { Issue.record("no categories"); return }
        #expect(cats.count == definition.manifest.categories.count)
      }
    }
  }
}

@Suite("JSON API errors")
struct APIErrorTests {
  /// Sends `payload` to /v1/scan and checks status and error code; returns the message.
  @discardableResult
  func expectError(_ payload: String, status: Int, code: String, service: RedFlagService = makeService()) async throws -> String {
    let app = makeApplication(service: service)
    return try await app.test(.router) { client in
      try await client.execute(uri: "/v1/scan", method: .post, body: body(payload)) { (r: TestResponse) async throws in
        #expect(r.status.code == status, "\(payload.prefix(80)) -> \(text(r.body))")
        let v = try json(r.body)
        #expect(v["error"]?["code"] == .string(code))
        guard case .string(let message)? = v["error"]?["message"] else { Issue.record("no message"); return "" }
        #expect(!message.isEmpty)
        return message
      }
    }
  }

  @Test func malformedJSONSaysWhere() async throws {
    let m = try await expectError("{\"id\": \"a\",\n  \"text\": }", status: 400, code: "malformed_json")
    #expect(m.contains("line 2, column 11"), "\(m)")
    let m2 = try await expectError("{\"text\": \"unterminated", status: 400, code: "malformed_json")
    #expect(m2.contains("unterminated string"), "\(m2)")
    let m3 = try await expectError("", status: 400, code: "malformed_json")
    #expect(m3.contains("empty"))
    let m4 = try await expectError("{\"text\": \"ok\"} trailing", status: 400, code: "malformed_json")
    #expect(m4.contains("line 1, column 16"), "\(m4)")
  }

  @Test func wrongTypesAre422() async throws {
    let m = try await expectError("{\"id\":\"a\",\"text\":42}", status: 422, code: "invalid_request")
    #expect(m.contains("\"text\" must be a string, not a number"))
    let m2 = try await expectError("[\"just\", \"a list\"]", status: 422, code: "invalid_request")
    #expect(m2.contains("not an array"))
    let m3 = try await expectError("{\"documents\":[{\"text\":\"ok\"},{\"text\":[\"x\"]}]}", status: 422, code: "invalid_request")
    #expect(m3.contains("documents[1]"), "\(m3)")
    try await expectError("{\"text\":\"ok\",\"id\":{\"a\":1}}", status: 422, code: "invalid_request")
    let m4 = try await expectError("{\"text\":\"ok\",\"lang\":\"fr\"}", status: 422, code: "invalid_request")
    #expect(m4.contains("\"fr\""))
    try await expectError("{\"documents\":[]}", status: 422, code: "invalid_request")
    try await expectError("{\"documents\":{\"text\":\"x\"}}", status: 422, code: "invalid_request")
    try await expectError("{\"text\":\"a\",\"html\":\"<p>b</p>\"}", status: 422, code: "invalid_request")
  }

  @Test func missingTextIs422() async throws {
    let m = try await expectError("{\"id\":\"ad-9\"}", status: 422, code: "missing_text")
    #expect(m.contains("no \"text\""))
    let m2 = try await expectError("{\"documents\":[{\"id\":\"a\",\"text\":\"x\"},{\"id\":\"b\"}]}", status: 422, code: "missing_text")
    #expect(m2.contains("documents[1]"))
  }

  @Test func tooLargeBodyIs413() async throws {
    let service = makeService(ServerConfiguration(port: 0, maxBodyBytes: 1000))
    let big = String(repeating: "Free visa and flight. ", count: 100)
    let m = try await expectError("{\"text\":\(quoted(big))}", status: 413, code: "body_too_large", service: service)
    #expect(m.contains("1000 bytes"))
    // Just under the limit is fine.
    let app = makeApplication(service: service)
    try await app.test(.router) { client in
      try await client.execute(uri: "/v1/scan", method: .post, body: body("{\"text\":\(quoted(String(big.prefix(900))))}")) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
      }
    }
  }

  @Test func tooLargeBodyIs413OnALiveServerToo() async throws {
    // Over a real socket the Content-Length header is checked before the body is read.
    let service = makeService(ServerConfiguration(port: 0, maxBodyBytes: 2048))
    let app = makeApplication(service: service)
    try await app.test(.live) { client in
      let payload = "{\"text\":\(quoted(String(repeating: "x", count: 5000)))}"
      try await client.execute(uri: "/v1/scan", method: .post, headers: [.contentLength: String(payload.utf8.count)], body: body(payload)) { (r: TestResponse) async throws in
        #expect(r.status.code == 413)
        #expect(try json(r.body)["error"]?["code"] == .string("body_too_large"))
      }
    }
  }

  @Test func tooManyDocumentsIs413() async throws {
    let service = makeService(ServerConfiguration(port: 0, maxBatch: 3))
    let docs = (0..<4).map { "{\"id\":\"\($0)\",\"text\":\"hello\"}" }.joined(separator: ",")
    let m = try await expectError("{\"documents\":[\(docs)]}", status: 413, code: "too_many_documents", service: service)
    #expect(m.contains("4 documents") && m.contains("at most 3"))
  }

  @Test func slowRequestIs504() async throws {
    // 60 documents of ~30 KB each take far longer than 1 ms to scan.
    let service = makeService(ServerConfiguration(port: 0, maxBodyBytes: 8 << 20, timeout: 0.001))
    let ad = String(repeating: Ads.englishScam + "\n", count: 160)
    let docs = (0..<60).map { "{\"id\":\"\($0)\",\"text\":\(quoted(ad))}" }.joined(separator: ",")
    let m = try await expectError("{\"documents\":[\(docs)]}", status: 504, code: "timeout", service: service)
    #expect(m.contains("0.001"))
  }

  @Test func unknownPathIs404() async throws {
    let app = makeApplication(service: makeService())
    try await app.test(.router) { client in
      try await client.execute(uri: "/v1/scans", method: .post, body: body("{}")) { (r: TestResponse) async throws in
        #expect(r.status == .notFound)
        #expect(try json(r.body)["error"]?["code"] == .string("not_found"))
      }
      try await client.execute(uri: "/no/such/page", method: .get) { (r: TestResponse) async throws in
        #expect(r.status == .notFound)
        #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
        #expect(text(r.body).contains("There is no page at /no/such/page."))
      }
    }
  }

  @Test func wrongMethodIs405WithAllow() async throws {
    let app = makeApplication(service: makeService())
    try await app.test(.router) { client in
      try await client.execute(uri: "/v1/scan", method: .get) { (r: TestResponse) async throws in
        #expect(r.status == .methodNotAllowed)
        #expect(r.headers[HTTPField.Name("Allow")!] == "POST")
        #expect(try json(r.body)["error"]?["code"] == .string("method_not_allowed"))
      }
      try await client.execute(uri: "/v1/ruleset", method: .delete) { (r: TestResponse) async throws in
        #expect(r.status == .methodNotAllowed)
        #expect(r.headers[HTTPField.Name("Allow")!] == "GET")
      }
      try await client.execute(uri: "/healthz", method: .post) { (r: TestResponse) async throws in #expect(r.status == .methodNotAllowed) }
    }
  }
}

@Suite("Metrics")
struct MetricsTests {
  @Test func countsRequestsDocumentsAndErrors() async throws {
    let app = makeApplication(service: makeService())
    try await app.test(.router) { client in
      try await client.execute(uri: "/v1/scan", method: .post, body: body("{\"text\":\(quoted(Ads.englishScam))}"))
      try await client.execute(uri: "/v1/scan", method: .post, body: body("{\"documents\":[{\"text\":\(quoted(Ads.englishBenign))},{\"text\":\(quoted(Ads.thaiScam))}]}"))
      try await client.execute(uri: "/v1/scan", method: .post, body: body("{oops"))
      try await client.execute(uri: "/nowhere", method: .get)
      try await client.execute(uri: "/metrics", method: .get) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        #expect(r.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
        let m = text(r.body)
        #expect(m.contains("redflag_http_requests_total{route=\"/v1/scan\",method=\"POST\",status=\"200\"} 2\n"))
        #expect(m.contains("redflag_http_requests_total{route=\"/v1/scan\",method=\"POST\",status=\"400\"} 1\n"))
        #expect(m.contains("redflag_http_requests_total{route=\"other\",method=\"GET\",status=\"404\"} 1\n"))
        #expect(m.contains("redflag_documents_scanned_total 3\n"))
        let flagged = [Ads.englishScam, Ads.englishBenign, Ads.thaiScam].filter { sharedStore.scanner.scan(text: $0).flagged }.count
        #expect(flagged >= 1)
        #expect(m.contains("redflag_documents_flagged_total \(flagged)\n"))
        #expect(m.contains("redflag_errors_total{code=\"malformed_json\"} 1\n"))
        #expect(m.contains("# TYPE redflag_http_request_duration_seconds histogram\n"))
        #expect(m.contains("redflag_http_request_duration_seconds_bucket{route=\"/v1/scan\",le=\"+Inf\"} 3\n"))
        #expect(m.contains("redflag_http_request_duration_seconds_count{route=\"/v1/scan\"} 3\n"))
        // Buckets are cumulative: each is at least the one before it.
        let counts = m.split(separator: "\n").filter { $0.hasPrefix("redflag_http_request_duration_seconds_bucket{route=\"/v1/scan\"") }
          .compactMap { Int($0.split(separator: " ").last!) }
        #expect(counts.count == ServerMetrics.latencyBuckets.count + 1)
        #expect(counts == counts.sorted())
      }
    }
  }
}

@Suite("Rule set reload")
struct ReloadTests {
  func setVersion(_ dir: String, _ version: String) throws {
    let path = dir + "/ruleset.yaml"
    var s = try String(contentsOfFile: path, encoding: .utf8)
    let line = s.split(separator: "\n").first { $0.hasPrefix("version:") }!
    s = s.replacingOccurrences(of: String(line), with: "version: \"\(version)\"")
    try s.write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test func reloadSwapsAGoodSetAndRefusesABrokenOne() async throws {
    let dir = try copyOfRules()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try RuleSetStore(rulesDirectory: dir)
    let app = makeApplication(service: makeService(store: store))
    let oldSHA = store.scanner.ruleSet.stamp.sha256
    try await app.test(.router) { client in
      try setVersion(dir, "9999.1.0")
      try await client.execute(uri: "/v1/reload", method: .post) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        #expect(try json(r.body)["ruleset"]?["version"] == .string("9999.1.0"))
      }
      let newSHA = store.scanner.ruleSet.stamp.sha256
      #expect(newSHA != oldSHA)
      // Break one rule file: the reload is refused with the file in the message.
      let broken = dir + "/document_control/zz-broken.yaml"
      try "id: broken-rule\ntitle: [unclosed\nweight: lots\n".write(toFile: broken, atomically: true, encoding: .utf8)
      try setVersion(dir, "9999.2.0")
      try await client.execute(uri: "/v1/reload", method: .post) { (r: TestResponse) async throws in
        #expect(r.status.code == 422)
        let e = try json(r.body)["error"]
        #expect(e?["code"] == .string("ruleset_invalid"))
        guard case .string(let m)? = e?["message"] else { Issue.record("no message"); return }
        #expect(m.contains("zz-broken.yaml"), "\(m)")
        #expect(m.contains("still serving redflag-core 9999.1.0"))
      }
      // The old set keeps serving.
      try await client.execute(uri: "/v1/scan", method: .post, body: body("{\"text\":\(quoted(Ads.debtBondage))}")) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        #expect(try json(r.body)["ruleset"]?["version"] == .string("9999.1.0"))
        #expect(try json(r.body)["flagged"] == .bool(true))
      }
      try await client.execute(uri: "/metrics", method: .get) { (r: TestResponse) async throws in
        #expect(text(r.body).contains("redflag_ruleset_reloads_total{result=\"failed\"} 1\n"))
        #expect(text(r.body).contains("redflag_ruleset_reloads_total{result=\"ok\"} 1\n"))
      }
      try await client.execute(uri: "/v1/reload", method: .get) { (r: TestResponse) async throws in #expect(r.status == .methodNotAllowed) }
    }
  }

  @Test func sighupReloads() async throws {
    let dir = try copyOfRules()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try RuleSetStore(rulesDirectory: dir)
    let service = makeService(store: store)
    let source = service.reloadOnSIGHUP()
    defer { source.cancel() }
    try setVersion(dir, "8888.0.0")
    kill(getpid(), SIGHUP)
    let deadline = ContinuousClock.now + .seconds(20)
    while store.scanner.ruleSet.stamp.version != "8888.0.0", ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(store.scanner.ruleSet.stamp.version == "8888.0.0")
  }
}
