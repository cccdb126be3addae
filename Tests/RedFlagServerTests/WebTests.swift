import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RedFlag
import Testing

@testable import RedFlagServer

@Suite("Web page")
struct WebPageTests {
  @Test func formPageHasTheFormsAndIsMobileReady() async throws {
    let app = makeApplication(service: makeService())
    try await app.test(.router) { client in
      try await client.execute(uri: "/", method: .get) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        #expect(r.headers[.contentType] == "text/html; charset=utf-8")
        #expect(r.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true)
        let h = text(r.body)
        #expect(h.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(h.contains("\"Noto Sans Thai\",\"Noto Sans Khmer\",\"Noto Sans Lao\",\"Noto Sans Myanmar\",\"Noto Sans CJK SC\""))
        #expect(h.contains("<form method=\"get\" action=\"/check\">"))
        #expect(h.contains("<textarea name=\"text\""))
        #expect(h.contains("<form method=\"post\" action=\"/check\" enctype=\"multipart/form-data\">"))
        #expect(h.contains("<input type=\"file\" name=\"file\""))
        #expect(h.contains("<option value=\"km\">ភាសាខ្មែរ (Khmer)</option>"))
        #expect(!h.contains("<script"))
      }
    }
  }

  @Test func checkByGetHighlightsFindings() async throws {
    let app = makeApplication(service: makeService())
    let report = sharedStore.scanner.scan(text: Ads.englishScam)
    try await app.test(.router) { client in
      try await client.execute(uri: "/check?text=" + FormDecoding.percentEncode(Ads.englishScam), method: .get) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        let h = text(r.body)
        #expect(h.contains(WebPages.headline(report, ruleSet: sharedStore.scanner.ruleSet)))
        #expect(h.components(separatedBy: "<mark class=\"finding\"").count - 1 >= report.findings.count - 1)
        #expect(h.contains("<table id=\"findings\">"))
        #expect(h.components(separatedBy: "<tr class=\"finding-row\">").count - 1 == report.findings.count)
        for f in report.findings { #expect(h.contains(escape(f.explanation))) }
        #expect(h.contains("Telegram"))
        #expect(h.contains(sharedStore.scanner.ruleSet.stamp.version))
        #expect(h.contains("<span id=\"language\">English</span>"))
        #expect(h.contains("href=\"/check?text=URGENT%20hiring"))
        // The wording evidence is explained in a sentence with its weight and words.
        let v = try #require(report.vocabulary)
        #expect(h.contains("<p id=\"vocabulary\">Wording, weight \(String(format: "%+.2f", v.weight))"))
        for w in v.words { #expect(h.contains(escape(w.label))) }
        #expect(h.contains("never flag an ad on their own"))
        #expect(!h.contains("<p id=\"voice\">"))
      }
      // A relative's story that retells the lures: the voice is explained with its score and words.
      let story = "My brother answered an ad last year that said salary $1,500, no experience needed, free flight to Cambodia. When he got there they took his passport and we had to pay to get him back."
      let storyReport = sharedStore.scanner.scan(text: story)
      let sv = try #require(storyReport.voice)
      try await client.execute(uri: "/check?text=" + FormDecoding.percentEncode(story), method: .get) { (r: TestResponse) async throws in
        let h = text(r.body)
        #expect(h.contains("<p id=\"voice\">Voice, score \(String(format: "%.2f", sv.weight)):"))
        #expect(h.contains("read like the warnings"))
        for w in sv.words { #expect(h.contains(escape(w.label))) }
      }
      // Form encoding: '+' is a space, and lang is honoured.
      try await client.execute(uri: "/check?text=Employer+will+keep+your+passport&lang=en", method: .get) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        #expect(text(r.body).contains("Employer will keep your passport") || text(r.body).contains("<mark class=\"finding\""))
      }
      try await client.execute(uri: "/check?text=&lang=en", method: .get) { (r: TestResponse) async throws in
        #expect(r.status == .badRequest)
        #expect(text(r.body).contains("Paste the text of an ad"))
      }
      try await client.execute(uri: "/check?text=hello&lang=xx", method: .get) { (r: TestResponse) async throws in
        #expect(r.status.code == 422)
        #expect(text(r.body).contains("unknown language"))
      }
    }
  }

  @Test func adTextIsEscaped() async throws {
    let app = makeApplication(service: makeService())
    let ad = "<script>alert(1)</script> Free visa & flight to Cambodia, no experience needed, contact Telegram @x_job \"now\""
    try await app.test(.router) { client in
      try await client.execute(uri: "/check?text=" + FormDecoding.percentEncode(ad), method: .get) { (r: TestResponse) async throws in
        let h = text(r.body)
        #expect(!h.contains("<script>"))
        #expect(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(h.contains("&amp;") && h.contains("&quot;now&quot;"))
      }
    }
  }

  @Test func multipartUploadOfAnHTMLPage() async throws {
    let app = makeApplication(service: makeService())
    let page = "<html><body><h2>ด่วน!</h2><p>\(Ads.thaiScam)</p><script>alert(2)</script></body></html>"
    let boundary = "----redflagtest7"
    var formText = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ad.html\"\r\nContent-Type: text/html\r\n\r\n"
    formText += page + "\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nth\r\n--\(boundary)--\r\n"
    let form = formText
    try await app.test(.router) { client in
      try await client.execute(
        uri: "/check", method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: body(form)
      ) { (r: TestResponse) async throws in
        #expect(r.status == .ok)
        let h = text(r.body)
        #expect(h.contains("<mark class=\"finding\""))
        #expect(h.contains("Source: uploaded file ad.html"))
        #expect(h.contains("<span id=\"language\">ภาษาไทย (Thai)</span>"))
        #expect(h.contains("กัมพูชา"))
        #expect(!h.contains("alert(2)"))
      }
      // A body without its boundary is a clear 400.
      try await client.execute(
        uri: "/check", method: .post, headers: [.contentType: "multipart/form-data; boundary=nope"], body: body("garbage")
      ) { (r: TestResponse) async throws in
        #expect(r.status == .badRequest)
        #expect(text(r.body).contains("does not contain its boundary"))
      }
      try await client.execute(uri: "/check", method: .post, headers: [.contentType: "application/json"], body: body("{}")) { (r: TestResponse) async throws in
        #expect(r.status.code == 415)
      }
    }
  }

  @Test func headlineWording() throws {
    let rs = sharedStore.scanner.ruleSet
    let high = sharedStore.scanner.scan(text: Ads.englishScam)
    let h = WebPages.headline(high, ruleSet: rs)
    let n = Set(high.findings.filter { $0.weight > 0 }.map(\.rule)).count
    #expect(h.hasPrefix(high.level == .critical ? "Critical risk: \(n) indicators of " : "High risk: \(n) indicators of "), "\(h)")
    let none = sharedStore.scanner.scan(text: "Weekly team meeting moved to Thursday.")
    #expect(WebPages.headline(none, ruleSet: rs) == "No risk found: no indicators of trafficking or forced labour")
    #expect(WebPages.framework("ilo.debt_bondage") == "ILO indicators of forced labour")
    #expect(WebPages.framework("ilo_ec.deceptive_recruitment.wages").hasPrefix("ILO–European Commission"))
    // Rule sets written before 2026.12.2 spelled the prefix `iloec`; the page still names it.
    #expect(WebPages.framework("iloec.abuse_of_vulnerability").hasPrefix("ILO–European Commission"))
    #expect(WebPages.framework("unodc.scam_compound.route").hasPrefix("UNODC"))
  }
}

@Suite("Highlighting")
struct HighlightTests {
  func finding(_ rule: String, _ start: Int, _ end: Int) -> Finding {
    Finding(rule: rule, revision: 1, category: "c", indicator: "ilo.\(rule)", weight: 1, text: "", start: start, end: end, utf8Start: 0, utf8End: 0, explanation: "")
  }

  /// Walks highlighted HTML: for each code point of the original text, whether it is inside a mark,
  /// and the mark nesting never goes deeper than one.
  func coverage(_ h: String) -> (text: [Unicode.Scalar], marked: [Bool], maxDepth: Int) {
    let entities: [String: Unicode.Scalar] = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'"]
    let s = Array(h.unicodeScalars)
    var text: [Unicode.Scalar] = [], marked: [Bool] = []
    var depth = 0, maxDepth = 0, i = 0
    func starts(_ p: String) -> Bool { Array(p.unicodeScalars).elementsEqual(s[i..<min(s.count, i + p.unicodeScalars.count)]) }
    while i < s.count {
      if starts("<mark") {
        depth += 1; maxDepth = max(maxDepth, depth)
        while s[i] != ">" { i += 1 }
        i += 1
      } else if starts("</mark>") {
        depth -= 1; i += 7
      } else if s[i] == "&", let (k, v) = entities.first(where: { starts($0.key) }) {
        text.append(v); marked.append(depth > 0); i += k.unicodeScalars.count
      } else {
        text.append(s[i]); marked.append(depth > 0); i += 1
      }
    }
    return (text, marked, maxDepth)
  }

  @Test func overlappingSpansNeverNest() {
    let text = "ฟรีตั๋วเครื่องบิน <b> & visa"
    let n = text.unicodeScalars.count
    let fs = [finding("a", 0, 7), finding("b", 3, 16), finding("c", 5, 9), finding("d", 20, n + 5), finding("e", 9, 9)]
    let h = WebPages.highlight(text, findings: fs, rules: [:])
    let c = coverage(h)
    #expect(c.maxDepth == 1)
    #expect(c.text == Array(text.unicodeScalars))
    #expect(c.marked == (0..<n).map { $0 < 16 || $0 >= 20 })
    #expect(!bytesContain(h, "<b>") && bytesContain(h, "&lt;b"))
    // The piece [5,7) is covered by a, b and c, and names all three.
    let piece = String(String.UnicodeScalarView(Array(text.unicodeScalars)[5..<7]))
    let expected = "title=\"indicator ilo.a: a; indicator ilo.b: b; indicator ilo.c: c\">\(piece)</mark>"
    #expect(bytesContain(h, expected))
  }

  func bytesContain(_ hay: String, _ needle: String) -> Bool {
    let a = Array(hay.utf8), b = Array(needle.utf8)
    guard a.count >= b.count else { return false }
    return (0...(a.count - b.count)).contains { a[$0..<$0 + b.count].elementsEqual(b) }
  }

  @Test func realFindingsAreExactlyTheMarkedCodePoints() {
    for ad in [Ads.thaiScam, Ads.chineseScam, Ads.englishScam] {
      let r = sharedStore.scanner.scan(text: ad)
      #expect(!r.findings.isEmpty)
      let c = coverage(WebPages.highlight(ad, findings: r.findings, rules: [:]))
      #expect(c.maxDepth == 1)
      #expect(c.text == Array(ad.unicodeScalars))
      let n = c.text.count
      let expected = (0..<n).map { i in r.findings.contains { $0.start <= i && i < $0.end } }
      #expect(c.marked == expected)
      // Spans are code-point offsets: each finding's text is the marked slice.
      for f in r.findings {
        #expect(String(String.UnicodeScalarView(c.text[f.start..<f.end])) == f.text)
      }
    }
  }
}

@Suite("Form decoding")
struct FormDecodingTests {
  @Test func urlEncoded() {
    let f = FormDecoding.urlEncoded("text=%E0%B8%94%E0%B9%88%E0%B8%A7%E0%B8%99+now%21&lang=th&empty=&bad=%zz%4")
    #expect(f.map(\.0) == ["text", "lang", "empty", "bad"])
    #expect(f[0].1 == "ด่วน now!")
    #expect(f[1].1 == "th")
    #expect(f[2].1 == "")
    #expect(f[3].1 == "%zz%4")
    let s = "ສະໝັກ <a href=\"x\">&? 100%"
    #expect(FormDecoding.urlEncoded("t=" + FormDecoding.percentEncode(s))[0].1 == s)
  }

  @Test func multipartParts() throws {
    let b = "XyZ"
    let bytes = Array("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nline1\r\nline2\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.html\"\r\nContent-Type: text/html\r\n\r\n<p>--X</p>\r\n--XyZ--\r\n".utf8)
    let parts = try FormDecoding.multipart(bytes, contentType: "multipart/form-data; boundary=\"\(b)\"")
    #expect(parts.count == 2)
    #expect(parts[0].name == "text" && String(decoding: parts[0].data, as: UTF8.self) == "line1\r\nline2")
    #expect(parts[1].name == "file" && parts[1].fileName == "a b.html")
    #expect(String(decoding: parts[1].data, as: UTF8.self) == "<p>--X</p>")
    #expect(throws: APIError.self) { try FormDecoding.multipart(bytes, contentType: "multipart/form-data") }
    #expect(throws: APIError.self) {
      try FormDecoding.multipart(Array("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end".utf8), contentType: "multipart/form-data; boundary=XyZ")
    }
  }
}

@Suite("JSON reader")
struct JSONReaderTests {
  func parse(_ s: String) throws -> JSONValue { try JSONParser.parse(Array(s.utf8)) }
  func error(_ s: String) -> JSONSyntaxError? {
    do { _ = try parse(s); return nil } catch let e as JSONSyntaxError { return e } catch { return nil }
  }

  @Test func values() throws {
    let v = try parse(" {\"a\": [1, -2.5e2, true, false, null], \"b\": \"x\\u00e9\\ud83d\\ude00\\n\\\"\", \"a\": {}} ")
    #expect(v["a"] == .object([]))
    #expect(v["b"] == .string("xé😀\n\""))
    guard case .object(let members) = v, case .array(let items) = members[0].1 else { Issue.record("shape"); return }
    #expect(items == [.number(1), .number(-250), .bool(true), .bool(false), .null])
    #expect(try parse("\"ไทย\"") == .string("ไทย"))
  }

  @Test func errorsSayWhere() {
    #expect(error("{\"a\" 1}")?.description == "line 1, column 6 (byte 5): unexpected character '1'; expected ':' after member name \"a\"")
    #expect(error("[1,\n 2,\n ]")?.line == 3)
    #expect(error("{\"t\": \"ไทย\", x}")?.column == 14)
    #expect(error("\"a\u{01}\"")?.reason.contains("control character") == true)
    #expect(error("01") != nil)
    #expect(error("\"\\ud800\"")?.reason.contains("surrogate") == true)
    #expect(error(String(repeating: "[", count: 100) + String(repeating: "]", count: 100))?.reason.contains("nesting") == true)
    #expect(error("[1.]")?.reason.contains("digits") == true)
    let invalidUTF8: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(invalidUTF8) }
  }

  @Test func writesEscapedCompactJSON() {
    let v = JSONValue.object([("k", .string("a\"b\\c\n\u{1}")), ("n", .number(0.5)), ("i", .number(3))])
    #expect(v.text == "{\"k\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":0.5,\"i\":3}")
    #expect((try? JSONParser.parse(Array(v.text.utf8))) == v)
  }
}
