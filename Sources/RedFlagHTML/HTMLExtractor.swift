// HTML -> visible text blocks, link targets, alt/title attributes and JSON-LD job postings,
// on libxml2's forgiving HTML parser. The tree is walked iteratively (parent/next pointers,
// no recursion), so any nesting depth is safe. One parser context per call: thread-safe.

internal import CLibXML2

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// libxml2's global initialisation, done once (Swift globals are initialised lazily and
/// thread-safely).
private let libxmlInitialized: Bool = {
  xmlInitParser()
  return true
}()

public enum HTMLExtractor {
  /// Extracts the text of an HTML document given as raw bytes.
  ///
  /// The charset is chosen as browsers do: a byte-order mark first, then `declaredCharset`
  /// (e.g. from an HTTP `Content-Type` header), then a `<meta charset>` or
  /// `<meta http-equiv="Content-Type" content="...; charset=...">` in the first 8 KiB, else
  /// UTF-8. Bytes that are invalid in that charset become U+FFFD; nothing is dropped silently.
  public static func extract(html: [UInt8], declaredCharset: String? = nil) -> HTMLDocumentText {
    var warnings: [String] = []
    let source = html.withUnsafeBufferPointer { decodeDocument($0, declaredCharset, &warnings) }
    return extractDecoded(source, warnings: warnings)
  }

  /// Extracts the text of an HTML document that is already decoded. Any `<meta charset>` in it
  /// is ignored: the string's characters are taken as they are.
  public static func extract(html: String) -> HTMLDocumentText {
    extractDecoded(html, warnings: [])
  }

  // MARK: - Charset

  private static func decodeDocument(
    _ buf: UnsafeBufferPointer<UInt8>, _ declared: String?, _ warnings: inout [String]
  ) -> String {
    if let (charset, bomLength) = Charset.sniffBOM(buf) {
      let rest = UnsafeBufferPointer(rebasing: buf[bomLength...])
      if let s = Charset.decode(rest, as: charset) { return s }
    }
    var candidates: [(DocumentCharset, String)] = []
    if let declared, !declared.allSatisfy({ $0 == " " }) {
      if let charset = Charset.resolve(label: declared, fromMeta: false) {
        candidates.append((charset, "declared charset '\(declared)'"))
      } else {
        warnings.append("declared charset '\(declared)' is not a charset name; ignored")
      }
    }
    if let label = Charset.prescanMeta(buf) {
      if let charset = Charset.resolve(label: label, fromMeta: true) {
        candidates.append((charset, "<meta> charset '\(label)'"))
      } else {
        warnings.append("<meta> charset '\(label)' is not a charset name; ignored")
      }
    }
    for (charset, source) in candidates {
      if let s = Charset.decode(buf, as: charset) { return s }
      warnings.append("\(source) is not supported by this system's iconv; ignored")
    }
    return Charset.decode(buf, as: .utf8) ?? ""
  }

  // MARK: - Extraction

  private static func extractDecoded(_ html: String, warnings: [String]) -> HTMLDocumentText {
    var walker = Walker(collectExtras: true, capacity: html.utf8.count)
    walker.warnings = warnings
    parse(html, into: &walker)
    var sink = walker.sink
    sink.finishVisible()

    // Extra blocks: link targets, alt and title attributes, in document order.
    for (origin, text) in walker.extras { sink.appendExtra(origin, text) }

    // JSON-LD job postings.
    var postings: [JobPosting] = []
    let scriptCount = walker.jsonLDScripts.count
    for (index, script) in walker.jsonLDScripts.enumerated() {
      do {
        let value = try JSONReader.parse(script)
        let found = JobPostingLD.postings(in: value, describeHTML: plainText(ofHTML:))
        postings.append(contentsOf: found.map(tidy))
      } catch {
        let which = scriptCount == 1 ? "JSON-LD script" : "JSON-LD script \(index + 1) of \(scriptCount)"
        walker.warnings.append("\(which) is not valid JSON and was skipped: \(error) of the script")
      }
    }
    for posting in postings {
      for field in [posting.title, posting.hiringOrganization, posting.baseSalary, posting.jobLocation] {
        if let field { sink.appendExtra(.jsonLD, Array(field.utf8)) }
      }
      if let description = posting.description {
        for line in collapsedLines(description) { sink.appendExtra(.jsonLD, line) }
      }
    }

    let out = sink.out
    let text = String(decoding: out, as: UTF8.self)
    let blocks = sink.blocks.map { raw in
      HTMLTextBlock(
        origin: raw.origin, text: String(decoding: out[raw.startByte..<raw.endByte], as: UTF8.self),
        start: raw.start, end: raw.end)
    }
    return HTMLDocumentText(
      text: text, blocks: blocks, jobPostings: postings, title: walker.title,
      warnings: walker.warnings)
  }

  /// The visible text of an HTML fragment (used for JSON-LD descriptions written in HTML),
  /// lines joined with "\n". Entity-escaped markup (`&lt;p&gt;`) is unwrapped once more.
  static func plainText(ofHTML html: String) -> String {
    var text = html
    for _ in 0..<2 {
      var walker = Walker(collectExtras: false, capacity: text.utf8.count)
      parse(text, into: &walker)
      var sink = walker.sink
      sink.finishVisible()
      text = String(decoding: sink.out, as: UTF8.self)
      if !containsMarkup(text) { break }
    }
    return text
  }

  private static func containsMarkup(_ s: String) -> Bool {
    var previousWasLess = false
    for c in s.utf8 {
      if previousWasLess && ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x2F || c == 0x21) {
        return true
      }
      previousWasLess = c == 0x3C
    }
    return false
  }

  /// Collapses whitespace in the one-line fields; keeps the description's lines.
  private static func tidy(_ p: JobPosting) -> JobPosting {
    func one(_ s: String?) -> String? {
      guard let s else { return nil }
      let c = collapseWhitespace(s.utf8)
      return c.isEmpty ? nil : String(decoding: c, as: UTF8.self)
    }
    var t = p
    t.title = one(p.title)
    t.hiringOrganization = one(p.hiringOrganization)
    t.baseSalary = one(p.baseSalary)
    t.jobLocation = one(p.jobLocation)
    if let d = p.description {
      let lines = collapsedLines(d)
      t.description =
        lines.isEmpty ? nil : lines.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }
    return t
  }

  /// Parses `html` with libxml2 and walks the resulting tree into `walker`.
  private static func parse(_ html: String, into walker: inout Walker) {
    _ = libxmlInitialized
    var source = html
    let hasNUL = source.withUTF8 { buf in
      buf.baseAddress.map { memchr($0, 0, buf.count) != nil } ?? false
    }
    if hasNUL {  // NUL would end libxml2's view of a text run
      source = String(decoding: source.utf8.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }
    source.withUTF8 { buf in
      guard let base = buf.baseAddress, buf.count > 0 else { return }
      var length = buf.count
      if length > Int(Int32.max) {
        walker.warnings.append(
          "document is \(length) bytes; only the first \(Int32.max) bytes were read")
        length = Int(Int32.max)
      }
      guard let ctxt = htmlNewParserCtxt() else {
        walker.warnings.append("libxml2 could not allocate a parser context")
        return
      }
      defer { htmlFreeParserCtxt(ctxt) }
      let options =
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_HUGE.rawValue
      let doc = base.withMemoryRebound(to: CChar.self, capacity: length) {
        htmlCtxtReadMemory(ctxt, $0, Int32(length), nil, "UTF-8", Int32(bitPattern: options))
      }
      guard let doc else {
        if buf.contains(where: { !isCollapsibleSpace($0) }) {
          walker.warnings.append("libxml2 returned no document; no text was extracted")
        }
        return
      }
      defer { xmlFreeDoc(doc) }
      walker.walk(doc)
    }
  }
}

// MARK: - Tree walk

/// What an element means for text extraction.
private enum ElementKind: UInt8, Sendable {
  case inline, block, lineBreak, cell, skip, script, head, title, preformatted
  case image, anchor, area, input
}

private let elementKinds: [String: ElementKind] = {
  var kinds: [String: ElementKind] = [:]
  let blocks = """
    address article aside blockquote body caption center dd details dialog dir div dl dt \
    fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html \
    legend li main menu nav noframes ol optgroup option p section summary table tbody tfoot \
    thead tr ul
    """
  for name in blocks.split(separator: " ") { kinds[String(name)] = .block }
  for name in ["style", "noscript", "template", "iframe", "object", "embed", "applet", "audio",
    "video", "canvas", "datalist", "meta", "link", "base"]
  {
    kinds[name] = .skip
  }
  for name in ["pre", "textarea", "listing", "xmp", "plaintext"] { kinds[name] = .preformatted }
  kinds["br"] = .lineBreak
  kinds["wbr"] = .inline
  kinds["td"] = .cell
  kinds["th"] = .cell
  kinds["script"] = .script
  kinds["head"] = .head
  kinds["title"] = .title
  kinds["img"] = .image
  kinds["a"] = .anchor
  kinds["area"] = .area
  kinds["input"] = .input
  return kinds
}()

/// Compares a NUL-terminated C string with an ASCII literal, case-insensitively.
private func equalsIgnoringCase(_ p: UnsafePointer<UInt8>, _ s: StaticString) -> Bool {
  let w = s.utf8Start
  let n = s.utf8CodeUnitCount
  for k in 0..<n {
    let c = p[k]
    if c == 0 || (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != w[k] { return false }
  }
  return p[n] == 0
}

private struct Walker {
  var sink: TextSink
  let collectExtras: Bool
  var extras: [(HTMLTextOrigin, [UInt8])] = []
  private var seenExtras = Set<[UInt8]>()
  var jsonLDScripts: [[UInt8]] = []
  var warnings: [String] = []
  var title: String?
  private var headDepth = 0
  private var preDepth = 0
  /// Output length when the document <title> began; nil outside it.
  private var titleMark: Int?

  init(collectExtras: Bool, capacity: Int) {
    self.collectExtras = collectExtras
    sink = TextSink(capacity: capacity)
  }

  mutating func walk(_ doc: htmlDocPtr) {
    let docRaw = UnsafeMutableRawPointer(doc)
    var current: xmlNodePtr? = doc.pointee.children
    while let node = current {
      var descend = false
      switch node.pointee.type {
      case XML_ELEMENT_NODE:
        descend = enter(node)
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = node.pointee.content, headDepth == 0 || titleMark != nil {
          sink.appendText(UnsafePointer(content), preformatted: preDepth > 0)
        }
      default:
        break  // comments, processing instructions, DTD: never text
      }
      if descend {
        if let child = node.pointee.children {
          current = child
          continue
        }
        exit(node)
      }
      // Next sibling, or climb, leaving every element we climb out of.
      var climbing = node
      current = nil
      while true {
        if let next = climbing.pointee.next {
          current = next
          break
        }
        guard let parent = climbing.pointee.parent, UnsafeMutableRawPointer(parent) != docRaw,
          parent.pointee.type == XML_ELEMENT_NODE
        else { break }
        exit(parent)
        climbing = parent
      }
    }
  }

  /// The element's kind, looked up by name on entry and kept in the node's spare `extra` field
  /// (unused by the HTML parser; the document is ours) so the exit needs no second lookup.
  private func classify(_ node: xmlNodePtr) -> ElementKind {
    guard let name = node.pointee.name else { return .inline }
    let kind = elementKinds[String(cString: name)] ?? .inline
    node.pointee.extra = UInt16(kind.rawValue) + 1
    return kind
  }

  /// The kind recorded on entry.
  private func kind(of node: xmlNodePtr) -> ElementKind {
    let cached = node.pointee.extra
    if cached != 0, let kind = ElementKind(rawValue: UInt8(truncatingIfNeeded: cached - 1)) {
      return kind
    }
    return classify(node)
  }

  /// Handles an element's start; returns whether to visit its children.
  private mutating func enter(_ node: xmlNodePtr) -> Bool {
    let kind = classify(node)
    switch kind {
    case .skip:
      return false
    case .script:
      if collectExtras, isJSONLD(node) { jsonLDScripts.append(childText(node)) }
      return false
    case .head:
      headDepth += 1
      return true
    case .title:
      if headDepth > 0 && titleMark == nil {
        sink.requestBreak()
        titleMark = sink.out.count
        return true
      }
      // A <title> outside <head> (e.g. inside inline SVG) is a tooltip, not page text.
      if collectExtras { addExtra(.titleText, childText(node)) }
      return false
    case .block, .lineBreak:
      sink.requestBreak()
    case .preformatted:
      sink.requestBreak()
      preDepth += 1
    case .cell:
      sink.requestCell()
    case .inline, .image, .anchor, .area, .input:
      break
    }
    if collectExtras && headDepth == 0 && node.pointee.properties != nil {
      collectAttributes(node, kind)
    }
    return true
  }

  /// Handles an element's end (only for elements whose children were visited).
  private mutating func exit(_ node: xmlNodePtr) {
    switch kind(of: node) {
    case .head:
      headDepth -= 1
    case .title:
      guard let mark = titleMark else { return }
      if title == nil, sink.lineHasContent, sink.lineStartByte >= mark {
        title = String(decoding: sink.currentLine, as: UTF8.self)
      }
      titleMark = nil
      sink.requestBreak()
    case .block, .lineBreak:
      sink.requestBreak()
    case .preformatted:
      sink.requestBreak()
      preDepth -= 1
    case .cell:
      sink.requestSpace()
    default:
      break
    }
  }

  private mutating func collectAttributes(_ node: xmlNodePtr, _ kind: ElementKind) {
    var attribute = node.pointee.properties
    while let attr = attribute {
      attribute = attr.pointee.next
      guard let name = attr.pointee.name else { continue }
      if equalsIgnoringCase(name, "href") {
        if kind == .anchor || kind == .area {
          let value = collapseWhitespace(attributeValue(attr))
          if isExternalLink(value) { addExtra(.linkTarget, value) }
        }
      } else if equalsIgnoringCase(name, "alt") {
        if kind == .image || kind == .area || kind == .input {
          addExtra(.altText, attributeValue(attr))
        }
      } else if equalsIgnoringCase(name, "title") {
        addExtra(.titleText, attributeValue(attr))
      }
    }
  }

  private mutating func addExtra(_ origin: HTMLTextOrigin, _ raw: [UInt8]) {
    let text = collapseWhitespace(raw)
    guard !text.isEmpty else { return }
    var key = text
    key.append(origin == .linkTarget ? 1 : origin == .altText ? 2 : 3)
    guard seenExtras.insert(key).inserted else { return }
    extras.append((origin, text))
  }

  private func attributeValue(_ attr: xmlAttrPtr) -> [UInt8] {
    var bytes: [UInt8] = []
    var child = attr.pointee.children
    while let node = child {
      if let content = node.pointee.content {
        var p = UnsafePointer(content)
        while p.pointee != 0 {
          bytes.append(p.pointee)
          p += 1
        }
      }
      child = node.pointee.next
    }
    return bytes
  }

  /// The concatenated text and CDATA children of an element (one level: script, title).
  private func childText(_ node: xmlNodePtr) -> [UInt8] {
    var bytes: [UInt8] = []
    var child = node.pointee.children
    while let c = child {
      if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE,
        let content = c.pointee.content
      {
        var p = UnsafePointer(content)
        while p.pointee != 0 {
          bytes.append(p.pointee)
          p += 1
        }
      }
      child = c.pointee.next
    }
    return bytes
  }

  private func isJSONLD(_ node: xmlNodePtr) -> Bool {
    var attribute = node.pointee.properties
    while let attr = attribute {
      attribute = attr.pointee.next
      guard let name = attr.pointee.name, equalsIgnoringCase(name, "type") else { continue }
      let value = collapseWhitespace(attributeValue(attr)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
      return value.starts(with: Array("application/ld+json".utf8))
    }
    return false
  }

  /// Keeps links that leave the page: a scheme (`https:`, `tg:`, `mailto:`, `tel:`, ...) or
  /// `//host`; drops fragments, relative paths and `javascript:` / `data:` URLs.
  private func isExternalLink(_ v: [UInt8]) -> Bool {
    if v.count >= 2 && v[0] == 0x2F && v[1] == 0x2F { return true }
    var i = 0
    while i < v.count {
      let c = v[i] | 0x20
      let isLetter = c >= 0x61 && c <= 0x7A
      let isOther = (v[i] >= 0x30 && v[i] <= 0x39) || v[i] == 0x2B || v[i] == 0x2D || v[i] == 0x2E
      if v[i] == 0x3A { break }
      if !(isLetter || (i > 0 && isOther)) { return false }
      i += 1
    }
    guard i > 0, i < v.count else { return false }
    let scheme = String(decoding: v[0..<i], as: UTF8.self).lowercased()
    return !["javascript", "data", "about", "blob", "vbscript"].contains(scheme)
  }
}
