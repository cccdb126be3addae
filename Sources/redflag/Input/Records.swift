import RedFlag

/// A field copied from the input into the output (`--keep-fields`).
struct KeptValue: Sendable {
  /// As JSON (the raw value for JSONL input, a JSON string for CSV input; `null` when missing).
  var json: String
  /// As plain text for CSV output (strings decoded; empty when missing).
  var plain: String
}

/// The header of a CSV/TSV file and where the fields the run needs are.
final class CSVHeader: Sendable {
  let path: String
  let names: [String]
  let textIndex: Int?
  let idIndex: Int?
  let htmlIndex: Int?
  let keepIndices: [Int?]

  init(path: String, names: [String], options: RecordOptions) {
    self.path = path
    self.names = names
    textIndex = names.firstIndex(of: options.textField)
    idIndex = names.firstIndex(of: options.idField)
    htmlIndex = options.htmlField.flatMap { names.firstIndex(of: $0) }
    keepIndices = options.keepFields.map { names.firstIndex(of: $0) }
  }
}

/// One record as the reader hands it to the scanner threads.
enum WorkItem: Sendable {
  case json(path: String, line: Int, bytes: [UInt8])
  case csv(header: CSVHeader, line: Int, fields: [[UInt8]])
  case document(id: String, html: Bool, bytes: [UInt8])
  case failed(id: String, error: RecordError)

  /// Roughly how many bytes it holds (for batch sizing).
  var size: Int {
    switch self {
    case .json(_, _, let b): b.count
    case .csv(_, _, let f): f.reduce(0) { $0 + $1.count }
    case .document(_, _, let b): b.count
    case .failed: 64
    }
  }
}

/// Turns work items into reports: validates, extracts fields, scans.
struct RecordProcessor: Sendable {
  let scanner: RedFlag.Scanner
  let options: RecordOptions

  func process(_ item: WorkItem) -> (ScanReport, [KeptValue]) {
    switch item {
    case .failed(let id, let error):
      return (failed(id, error.code, error.message), missingKept())
    case .document(let id, let html, let bytes):
      return (document(id: id, html: html, bytes: bytes), missingKept())
    case .json(let path, let line, let bytes):
      return bytes.withUnsafeBufferPointer { json(path: path, line: line, bytes: $0) }
    case .csv(let header, let line, let fields):
      return csv(header: header, line: line, fields: fields)
    }
  }

  private func failed(_ id: String, _ code: String, _ message: String) -> ScanReport {
    ScanReport.failed(id: id, error: RecordError(code: code, message: message), ruleset: scanner.ruleSet.stamp)
  }

  private func missingKept() -> [KeptValue] {
    options.keepFields.map { _ in KeptValue(json: "null", plain: "") }
  }

  private func document(id: String, html: Bool, bytes: [UInt8]) -> ScanReport {
    if bytes.allSatisfy({ $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }) {
      return failed(id, "empty_record", "\(id): the document is empty")
    }
    if html {
      return scanner.scan(html: String(decoding: bytes, as: UTF8.self), id: id)
    }
    // Plain-text files are repaired rather than refused: invalid UTF-8 becomes U+FFFD.
    return scanner.scan(utf8: bytes, id: id)
  }

  private func json(path: String, line: Int, bytes: UnsafeBufferPointer<UInt8>) -> (ScanReport, [KeptValue]) {
    let fallbackID = "\(path):\(line)"
    if let bad = firstInvalidUTF8(bytes) {
      return (failed(fallbackID, "invalid_utf8", "\(path):\(line): invalid UTF-8 at byte \(bad) of the line"), missingKept())
    }
    var parser = JSONLine(bytes)
    do {
      try parser.parse()
    } catch {
      let col = parser.column(of: error.offset)
      return (failed(fallbackID, "invalid_json", "\(path):\(line):\(col): invalid JSON: \(error.what)"), missingKept())
    }
    if parser.topKind != .object {
      return (failed(fallbackID, "not_an_object", "\(path):\(line): the line is a JSON \(parser.topKind.rawValue), not an object"), missingKept())
    }
    let members = parser.members
    var id = fallbackID
    if let m = members[options.idField] {
      if m.kind == .string {
        let s = parser.decodeString(start: m.start, end: m.end)
        if !s.isEmpty { id = s }
      } else if m.kind == .number {
        id = parser.rawText(m)
      }
    }
    let kept = options.keepFields.map { name -> KeptValue in
      guard let m = members[name] else { return KeptValue(json: "null", plain: "") }
      let json = parser.compactJSON(m)
      let plain = m.kind == .string ? parser.decodeString(start: m.start, end: m.end) : (m.kind == .null ? "" : json)
      return KeptValue(json: json, plain: plain)
    }
    var field = options.textField
    var isHTML = false
    if let h = options.htmlField, members[h] != nil { field = h; isHTML = true }
    guard let m = members[field] else {
      let which = options.htmlField.map { "neither '\($0)' nor '\(options.textField)' is present" } ?? "field '\(field)' is missing"
      return (failed(id, "missing_field", "\(path):\(line): \(which)"), kept)
    }
    guard m.kind == .string else {
      return (failed(id, "wrong_type", "\(path):\(line): field '\(field)' is a JSON \(m.kind.rawValue), expected a string"), kept)
    }
    let text = parser.decodeString(start: m.start, end: m.end)
    if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
      return (failed(id, "empty_record", "\(path):\(line): field '\(field)' is empty"), kept)
    }
    return (isHTML ? scanner.scan(html: text, id: id) : scanner.scan(text: text, id: id), kept)
  }

  private func csv(header: CSVHeader, line: Int, fields: [[UInt8]]) -> (ScanReport, [KeptValue]) {
    let path = header.path
    let fallbackID = "\(path):\(line)"
    if fields.count != header.names.count {
      return (failed(fallbackID, "csv_field_count",
        "\(path):\(line): the row has \(fields.count) fields, the header has \(header.names.count)"), missingKept())
    }
    for (k, f) in fields.enumerated() {
      if let bad = firstInvalidUTF8(f) {
        return (failed(fallbackID, "invalid_utf8",
          "\(path):\(line): invalid UTF-8 in column '\(header.names[k])' at byte \(bad) of the field"), missingKept())
      }
    }
    var id = fallbackID
    if let i = header.idIndex, !fields[i].isEmpty { id = String(decoding: fields[i], as: UTF8.self) }
    let kept = header.keepIndices.map { idx -> KeptValue in
      guard let idx else { return KeptValue(json: "null", plain: "") }
      let s = String(decoding: fields[idx], as: UTF8.self)
      return KeptValue(json: jsonQuoted(s), plain: s)
    }
    var index = header.textIndex
    var field = options.textField
    var isHTML = false
    if let h = header.htmlIndex, !fields[h].isEmpty { index = h; field = options.htmlField ?? field; isHTML = true }
    guard let index else {
      let which = options.htmlField.map { "neither column '\($0)' nor '\(options.textField)' is in the header" }
        ?? "column '\(field)' is not in the header"
      return (failed(id, "missing_field", "\(path):\(line): \(which)"), kept)
    }
    let text = String(decoding: fields[index], as: UTF8.self)
    if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
      return (failed(id, "empty_record", "\(path):\(line): column '\(field)' is empty"), kept)
    }
    return (isHTML ? scanner.scan(html: text, id: id) : scanner.scan(text: text, id: id), kept)
  }
}

/// A JSON string literal for `s` (compact, UTF-8 kept as is, control characters escaped).
func jsonQuoted(_ s: String) -> String {
  JSONText.quoted(s)
}
