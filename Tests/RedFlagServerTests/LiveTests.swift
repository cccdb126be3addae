import Foundation
import Hummingbird
import HummingbirdTesting
import RedFlag
import Testing

@testable import RedFlagServer

/// Tests against the real server on a free loopback port: the Python client and a headless browser.
@Suite("Live server")
struct LiveServerTests {
  @Test func pythonClientAgainstLiveServer() async throws {
    guard let python = which(["python3"]) else {
      print("SKIPPED pythonClientAgainstLiveServer: python3 is not installed")
      return
    }
    let app = makeApplication(service: makeService())
    try await app.test(.live) { client in
      let port = try #require(client.port)
      var env = ProcessInfo.processInfo.environment
      env["REDFLAG_URL"] = "http://127.0.0.1:\(port)"
      let r = try await run(python, [repoRoot + "/clients/python/test_client.py"], environment: env)
      #expect(r.status == 0, "python client tests failed:\n\(r.stderr)\n\(r.stdout)")
      #expect(r.stderr.contains("OK"), "\(r.stderr)")
      #expect(!r.stderr.contains("skipped"))
    }
  }

  /// Headless Chromium loads the page and two results (Thai, English) and one hostile ad; the DOM
  /// it builds must hold the marks and the table, and the script in the ad must stay text.
  @Test func browserRendersResults() async throws {
    guard let chromium = which(["chromium", "chromium-browser", "google-chrome"]) else {
      print("SKIPPED browserRendersResults: chromium is not installed (run scripts/browser-test.sh to install it and run this test)")
      return
    }
    let shots = ProcessInfo.processInfo.environment["REDFLAG_SCREENSHOT_DIR"] ?? (NSTemporaryDirectory() + "redflag-browser-test")
    try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
    let profile = NSTemporaryDirectory() + "redflag-chromium-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: profile) }
    let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=\(profile)"]
    let app = makeApplication(service: makeService())
    try await app.test(.live) { client in
      let base = "http://127.0.0.1:\(try #require(client.port))"
      func dumpDOM(_ url: String) async throws -> String {
        let r = try await run(chromium, flags + ["--dump-dom", url], timeout: 90)
        #expect(r.status == 0, "chromium failed: \(r.stderr.suffix(2000))")
        return r.stdout
      }
      func screenshot(_ url: String, _ name: String) async throws {
        let path = shots + "/" + name
        try? FileManager.default.removeItem(atPath: path)
        let r = try await run(chromium, flags + ["--window-size=420,1400", "--screenshot=\(path)", url], timeout: 90)
        #expect(r.status == 0 && FileManager.default.fileExists(atPath: path), "no screenshot: \(r.stderr.suffix(2000))")
        print("screenshot: \(path)")
      }

      let form = try await dumpDOM(base + "/")
      #expect(form.contains("<textarea name=\"text\""))
      #expect(form.contains("action=\"/check\""))

      for (name, ad, lang) in [("thai", Ads.thaiScam, "th"), ("english", Ads.englishScam, "")] {
        var url = base + "/check?text=" + FormDecoding.percentEncode(ad)
        if !lang.isEmpty { url += "&lang=" + lang }
        let dom = try await dumpDOM(url)
        let expected = sharedStore.scanner.scan(text: ad)
        #expect(dom.contains("<mark class=\"finding\" title=\"indicator "), "\(name): no highlighted span")
        #expect(dom.contains("<table id=\"findings\">"), "\(name): no findings table")
        #expect(dom.components(separatedBy: "<tr class=\"finding-row\">").count - 1 == expected.findings.count)
        #expect(dom.contains(escape(WebPages.headline(expected, ruleSet: sharedStore.scanner.ruleSet))))
        try await screenshot(url, "result-\(name).png")
      }

      let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> Free visa and flight, no experience needed, Telegram @job_x"
      let url = base + "/check?text=" + FormDecoding.percentEncode(hostile)
      let dom = try await dumpDOM(url)
      #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
      #expect(!dom.contains("<script"))
      #expect(!dom.contains("<img"))
      try await screenshot(url, "result-hostile.png")
    }
  }
}
