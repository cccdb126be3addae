import Foundation
import RedFlag
import RedFlagHTML
import RedFlagRules

/// The web page for labour inspectors and the public: paste an ad or upload its HTML page, see
/// what is suspicious and why. Every piece of an ad is HTML-escaped; the pages need no script.
public struct WebPages: Sendable {
  let service: RedFlagService

  static let languageNames: [(code: String, name: String)] = [
    ("en", "English"), ("id", "Bahasa Indonesia"), ("ms", "Bahasa Melayu"), ("tl", "Tagalog / Filipino"),
    ("vi", "Tiếng Việt (Vietnamese)"), ("th", "ภาษาไทย (Thai)"), ("km", "ភាសាខ្មែរ (Khmer)"),
    ("lo", "ພາສາລາວ (Lao)"), ("my", "မြန်မာဘာသာ (Burmese)"), ("zh", "中文 (Chinese)"),
  ]

  static let categoryPhrases: [String: String] = [
    "pay_too_good": "pay that is too good to be true",
    "everything_paid": "an everything-paid lure",
    "vague_job": "a vague job or hidden employer",
    "chat_app_contact": "contact only through chat apps",
    "high_risk_destination": "a high-risk destination",
    "irregular_route": "irregular migration",
    "fees_and_debt": "fees and debt bondage",
    "document_control": "control of documents and movement",
    "pressure": "pressure to decide fast",
    "targeting_vulnerable": "targeting of vulnerable people",
    "sexual_exploitation_cover": "cover for sexual exploitation",
    "scam_compound": "scam-compound recruitment",
  ]

  // MARK: Routes

  /// `GET /`.
  func form() -> ServiceResponse { .html(200, page(title: "RedFlag: check a job ad", body: formHTML())) }

  /// `GET /check?text=...&lang=...` (the shareable form of a result).
  func checkQuery(_ query: String) async -> ServiceResponse {
    let fields = FormDecoding.urlEncoded(query)
    let text = fields.last(where: { $0.0 == "text" })?.1 ?? ""
    let lang = fields.last(where: { $0.0 == "lang" })?.1 ?? ""
    return await result(text: text, lang: lang, source: nil)
  }

  /// `POST /check`: multipart/form-data (a `file` with the ad's HTML page, or `text`) or a
  /// url-encoded form.
  func checkPost(body: [UInt8], contentType: String) async -> ServiceResponse {
    let lower = contentType.lowercased()
    var text = "", lang = "", fileName: String?, html: [UInt8]?
    if lower.hasPrefix("multipart/form-data") {
      let parts: [FormDecoding.Part]
      do {
        parts = try FormDecoding.multipart(body, contentType: contentType)
      } catch {
        return errorPage(status: 400, message: error.message)
      }
      for p in parts {
        switch p.name {
        case "text": text = String(decoding: p.data, as: UTF8.self)
        case "lang": lang = String(decoding: p.data, as: UTF8.self)
        case "file" where !p.data.isEmpty: html = p.data; fileName = p.fileName
        default: break
        }
      }
    } else if lower.hasPrefix("application/x-www-form-urlencoded") {
      let fields = FormDecoding.urlEncoded(String(decoding: body, as: UTF8.self))
      text = fields.last(where: { $0.0 == "text" })?.1 ?? ""
      lang = fields.last(where: { $0.0 == "lang" })?.1 ?? ""
    } else {
      return errorPage(status: 415, message: "send the form as multipart/form-data or application/x-www-form-urlencoded (got \"\(contentType)\")")
    }
    if let html {
      text = HTMLExtractor.extract(html: html).text
      if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
        return errorPage(status: 422, message: "the uploaded file \(fileName ?? "") has no visible text to check")
      }
    }
    return await result(text: text, lang: lang, source: fileName.map { "uploaded file \($0)" } ?? (html != nil ? "uploaded file" : nil))
  }

  private func result(text: String, lang: String, source: String?) async -> ServiceResponse {
    if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
      var r = ServiceResponse.html(400, page(title: "RedFlag: check a job ad", body: formHTML(error: "Paste the text of an ad (or choose an HTML file) first.")))
      r.status = 400
      return r
    }
    let code = lang.lowercased()
    if !code.isEmpty, !ScanRequest.languages.contains(code) {
      return errorPage(status: 422, message: "unknown language \"\(lang)\"; choose one of \(ScanRequest.languages.joined(separator: ", ")) or leave it on automatic")
    }
    let scanner = service.store.scanner
    let doc = ScanDocument(id: "web", body: .text(text), lang: code.isEmpty ? nil : code)
    let timeout = service.configuration.timeout
    guard let report = await RedFlagService.withDeadline(seconds: timeout, { RedFlagService.scanOne(doc, scanner) }) else {
      return errorPage(status: 504, message: "checking the ad took longer than \(timeout) s; try a shorter text")
    }
    service.metrics.recordDocuments(scanned: 1, flagged: report.flagged ? 1 : 0)
    var share = "/check?text=" + FormDecoding.percentEncode(text)
    if !code.isEmpty { share += "&lang=" + code }
    let body = resultHTML(report: report, text: text, ruleSet: scanner.ruleSet, shareURL: share.utf8.count <= 8000 ? share : nil, source: source)
    return .html(200, page(title: "RedFlag: " + Self.headline(report, ruleSet: scanner.ruleSet), body: body))
  }

  func notFound(_ path: String) -> ServiceResponse {
    errorPage(status: 404, message: "There is no page at \(path).")
  }

  func errorPage(status: Int, message: String) -> ServiceResponse {
    .html(status, page(title: "RedFlag: error", body: "<h1>Sorry</h1><p class=\"error\">\(escape(message))</p><p><a href=\"/\">Check an ad</a></p>"))
  }

  // MARK: Wording

  /// "High risk: 4 indicators of scam-compound recruitment", from the level and the findings.
  static func headline(_ r: ScanReport, ruleSet: RuleSet) -> String {
    let positive = r.findings.filter { $0.weight > 0 }
    let n = Set(positive.map(\.rule)).count
    let signs = n == 1 ? "1 indicator" : "\(n) indicators"
    if r.level == .none {
      return n == 0
        ? "No risk found: no indicators of trafficking or forced labour"
        : "No clear risk: \(n == 1 ? "1 weak sign" : "\(n) weak signs"), not enough to raise concern"
    }
    let level: String
    switch r.level {
    case .low: level = "Low risk"
    case .medium: level = "Medium risk"
    case .high: level = "High risk"
    default: level = "Critical risk"
    }
    var byCategory: [String: Double] = [:]
    for f in positive { byCategory[f.category, default: 0] += f.weight }
    guard let top = byCategory.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else {
      return "\(level): \(signs) of trafficking or forced labour"
    }
    let phrase = categoryPhrases[top]
      ?? ruleSet.definition.manifest.categories.first(where: { $0.id == top })?.title.lowercased()
      ?? top.replacingOccurrences(of: "_", with: " ")
    // One kind of sign: name it; several: say which weighs most.
    if byCategory.count == 1 { return "\(level): \(signs) of \(phrase)" }
    return "\(level): \(signs) of trafficking or forced labour, mostly \(phrase)"
  }

  /// The indicator framework a rule's indicator belongs to, from its prefix.
  static func framework(_ indicator: String) -> String {
    let prefix = indicator.split(separator: ".").first.map(String.init) ?? ""
    switch prefix {
    case "ilo": return "ILO indicators of forced labour"
    case "ilo_ec", "iloec": return "ILO–European Commission indicators of trafficking"
    case "unodc": return "UNODC (trafficking into scam compounds)"
    case "context": return "Context: warning or news report (lowers the score)"
    case "counter": return "Sign of fair recruitment (lowers the score)"
    default: return "Other"
    }
  }

  static func languageName(_ code: String) -> String {
    languageNames.first(where: { $0.code == code })?.name ?? (code == "und" ? "not recognised" : code)
  }

  // MARK: HTML

  func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>
    body{font-family:"Noto Sans","Noto Sans Thai","Noto Sans Khmer","Noto Sans Lao","Noto Sans Myanmar","Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:0 auto;max-width:52rem;padding:1rem;line-height:1.6;color:#1b1b1b;background:#fff}
    h1{font-size:1.4rem;margin:.5rem 0}
    textarea{width:100%;box-sizing:border-box;min-height:10rem;font:inherit;padding:.5rem}
    select,input,button{font:inherit;max-width:100%}
    button{padding:.4rem 1.2rem;margin-top:.5rem}
    fieldset{border:1px solid #ccc;margin:1rem 0;padding:.75rem}
    .ad{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ccc;padding:.75rem;background:#fafafa}
    mark.finding{background:#ffd54f;padding:0 .1em;border-bottom:2px solid #c62828}
    .verdict{padding:.75rem;border-left:6px solid #999;background:#f4f4f4}
    .level-high,.level-critical{border-color:#c62828;background:#fdecea}
    .level-medium{border-color:#ef6c00;background:#fff3e0}
    .level-low{border-color:#f9a825}
    .level-none{border-color:#2e7d32;background:#edf7ed}
    table{border-collapse:collapse;width:100%;font-size:.95rem}
    th,td{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}
    .error{color:#b71c1c;font-weight:bold}
    .meta{color:#555;font-size:.9rem}
    @media (max-width:600px){table,thead,tbody,tr,th,td{display:block}thead{display:none}td{border:none;border-bottom:1px solid #eee}tr{border:1px solid #ccc;margin-bottom:.5rem}}
    </style></head>
    <body>
    \(body)
    </body></html>

    """
  }

  func languageSelect(selected: String) -> String {
    var s = "<select name=\"lang\" id=\"lang\"><option value=\"\">Detect automatically</option>"
    for (code, name) in Self.languageNames {
      s += "<option value=\"\(code)\"\(code == selected ? " selected" : "")>\(escape(name))</option>"
    }
    return s + "</select>"
  }

  func formHTML(error: String? = nil, text: String = "", lang: String = "") -> String {
    let stamp = service.store.scanner.ruleSet.stamp
    var s = "<h1>Check a job ad for signs of trafficking</h1>\n"
    s += "<p>Paste the text of a recruitment ad or social-media post, in any of these languages: English, Indonesian, Malay, Tagalog, Vietnamese, Thai, Khmer, Lao, Burmese or Chinese. RedFlag shows what looks suspicious and why.</p>\n"
    if let error { s += "<p class=\"error\">\(escape(error))</p>\n" }
    s += """
      <form method="get" action="/check">
      <fieldset><legend>The ad's text</legend>
      <label for="text">Text of the ad</label>
      <textarea name="text" id="text" required>\(escape(text))</textarea>
      <label for="lang">Language</label> \(languageSelect(selected: lang))
      <br><button type="submit">Check this ad</button>
      </fieldset></form>
      <form method="post" action="/check" enctype="multipart/form-data">
      <fieldset><legend>Or upload a saved web page</legend>
      <label for="file">HTML file of the ad</label>
      <input type="file" name="file" id="file" accept=".html,.htm,text/html">
      <br><label for="lang2">Language</label> \(languageSelect(selected: lang).replacingOccurrences(of: "id=\"lang\"", with: "id=\"lang2\""))
      <br><button type="submit">Check this page</button>
      </fieldset></form>
      <p class="meta">Rule set \(escape(stamp.name)) \(escape(stamp.version)). A result is a prompt for a closer look, not proof.</p>

      """
    return s
  }

  func resultHTML(report r: ScanReport, text: String, ruleSet: RuleSet, shareURL: String?, source: String?) -> String {
    let rules = Dictionary(ruleSet.definition.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let percent = Int((r.score * 100).rounded())
    var s = "<p><a href=\"/\">← Check another ad</a></p>\n"
    s += "<div class=\"verdict level-\(r.level.rawValue)\" id=\"verdict\"><h1>\(escape(Self.headline(r, ruleSet: ruleSet)))</h1>\n"
    s += "<p>Risk score \(String(format: "%.2f", r.score)) (\(percent) out of 100); level <strong>\(r.level.rawValue)</strong>. "
    s += r.flagged ? "This ad is <strong>flagged</strong> for a closer look.</p>" : "This ad is not flagged.</p>"
    s += "</div>\n"
    s += "<p class=\"meta\">Language: <span id=\"language\">\(escape(Self.languageName(r.language)))</span> (\(escape(r.language)))"
    if let source { s += " · Source: \(escape(source))" }
    s += " · Rule set <span id=\"ruleset-version\">\(escape(r.ruleset.name)) \(escape(r.ruleset.version))</span></p>\n"
    s += "<h2>The ad</h2>\n<div class=\"ad\" id=\"ad\" lang=\"\(escape(r.language == "und" ? "" : r.language))\">\(Self.highlight(text, findings: r.findings, rules: rules))</div>\n"
    s += "<h2>What was found</h2>\n"
    if r.findings.isEmpty {
      s += "<p id=\"no-findings\">No indicator of trafficking or forced labour was found in this text.</p>\n"
    } else {
      s += "<table id=\"findings\"><thead><tr><th>Sign</th><th>Found in the ad</th><th>Why it matters</th><th>Indicator</th><th>Weight</th></tr></thead><tbody>\n"
      for f in r.findings {
        let title = rules[f.rule]?.title ?? f.rule
        s += "<tr class=\"finding-row\"><td>\(escape(title))<br><small>\(escape(f.rule))</small></td>"
        s += "<td>\(f.text.isEmpty ? "—" : "“" + escape(f.text) + "”")</td>"
        s += "<td>\(escape(f.explanation))</td>"
        s += "<td>\(escape(Self.framework(f.indicator)))<br><small>\(escape(f.indicator))</small></td>"
        s += "<td>\(String(format: "%+.2f", f.weight))\(f.weight < 0 ? " (lowers risk)" : "")</td></tr>\n"
      }
      s += "</tbody></table>\n"
    }
    if let v = r.vocabulary {
      let words = escape(v.wordList)
      s += "<p id=\"vocabulary\">Wording, weight \(String(format: "%+.2f", v.weight)): "
      s += v.wordingSentence(words: words, risky: r.findings.contains { $0.weight > 0 }, finding: "sign") + "</p>\n"
    }
    if let v = r.voice {
      let words = escape(v.wordList)
      s += "<p id=\"voice\">Voice, score \(String(format: "%.2f", v.weight)): \(VocabularyReport.voiceSentence(words: words))</p>\n"
    }
    if !r.entities.isEmpty {
      s += "<h2>Contacts and amounts in the ad</h2><ul id=\"entities\">"
      for e in r.entities { s += "<li>\(escape(e.kind)): \(escape(e.text))</li>" }
      s += "</ul>\n"
    }
    if let shareURL {
      s += "<p class=\"meta\">Link to this result: <a id=\"share\" href=\"\(escape(shareURL))\">share</a></p>\n"
    }
    s += "<p class=\"meta\">Rule set \(escape(r.ruleset.name)) \(escape(r.ruleset.version)), sha256 \(escape(String(r.ruleset.sha256.prefix(12)))). A result is a prompt for a closer look, not proof.</p>\n"
    return s
  }

  /// The ad as escaped HTML with each finding's span inside `<mark class="finding">`. Spans are
  /// code-point offsets; where spans overlap, the text is cut at every span boundary and each piece
  /// gets one mark naming all findings covering it, so marks never nest or cross.
  static func highlight(_ text: String, findings: [Finding], rules: [String: Rule]) -> String {
    let scalars = Array(text.unicodeScalars)
    let n = scalars.count
    let spans = findings.compactMap { f -> (Int, Int, Finding)? in
      let a = max(0, min(n, f.start)), b = max(0, min(n, f.end))
      return a < b ? (a, b, f) : nil
    }
    var cuts = Set([0, n])
    for (a, b, _) in spans { cuts.insert(a); cuts.insert(b) }
    let points = cuts.sorted()
    var out = ""
    for k in 0..<(points.count - 1) {
      let a = points[k], b = points[k + 1]
      var piece = String.UnicodeScalarView()
      piece.append(contentsOf: scalars[a..<b])
      let covering = spans.filter { $0.0 <= a && $0.1 >= b }.map(\.2)
      if covering.isEmpty {
        out += escape(String(piece))
      } else {
        var seen = Set<String>()
        let labels = covering.compactMap { f -> String? in
          guard seen.insert(f.rule).inserted else { return nil }
          return "indicator \(f.indicator): \(rules[f.rule]?.title ?? f.rule)"
        }
        out += "<mark class=\"finding\" title=\"\(escape(labels.joined(separator: "; ")))\">\(escape(String(piece)))</mark>"
      }
    }
    return out
  }
}

/// HTML escaping for text and attribute values.
func escape(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.utf8.count)
  for u in s.unicodeScalars {
    switch u {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    case "\0": out += "\u{FFFD}"
    default: out.unicodeScalars.append(u)
    }
  }
  return out
}
