import Foundation
import RedFlag
import RedFlagRules

/// A JSON value as read from a record (or a CSV field, which is always a string).
public enum FieldValue: Sendable, Hashable, Decodable {
  case string(String)
  case number(Double)
  case bool(Bool)
  case null
  case array([FieldValue])
  case object([String: FieldValue])

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() { self = .null }
    else if let b = try? c.decode(Bool.self) { self = .bool(b) }
    else if let d = try? c.decode(Double.self) { self = .number(d) }
    else if let s = try? c.decode(String.self) { self = .string(s) }
    else if let a = try? c.decode([FieldValue].self) { self = .array(a) }
    else { self = .object(try c.decode([String: FieldValue].self)) }
  }

  /// A short name of the value's type, for messages.
  var kind: String {
    switch self {
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .null: "null"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// The value as a string when it is one (numbers and booleans are spelled out).
  var text: String? {
    switch self {
    case .string(let s): s
    case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    case .bool(let b): b ? "true" : "false"
    default: nil
    }
  }

  /// The value as a number: a JSON number, or a string that spells one (CSV).
  var number: Double? {
    switch self {
    case .number(let d): d
    case .string(let s): Double(s.trimmingCharacters(in: .whitespaces))
    default: nil
    }
  }

  /// The value as a boolean: true/false, 1/0, or those spelled as strings (CSV).
  var boolean: Bool? {
    switch self {
    case .bool(let b): return b
    case .number(let d): return d == 1 ? true : d == 0 ? false : nil
    case .string(let s):
      switch s.trimmingCharacters(in: .whitespaces).lowercased() {
      case "1", "true", "yes", "risky", "fraudulent": return true
      case "0", "false", "no", "benign": return false
      default: return nil
      }
    default: return nil
    }
  }
}

/// Which fields of a record hold what.
public struct FieldNames: Sendable, Hashable {
  public var label: String
  public var text: String
  public var lang: String
  public var category: String
  public var id: String
  /// A file (relative to the record file's folder) whose content is the document, used when the
  /// record has no text field; `.html`/`.htm` files are read as HTML.
  public var file: String

  public init(
    label: String = "label", text: String = "text", lang: String = "lang", category: String = "category",
    id: String = "id", file: String = "file"
  ) {
    self.label = label; self.text = text; self.lang = lang; self.category = category; self.id = id
    self.file = file
  }
}

/// A finding as kept for the report (the rule, its weight, the matched text).
public struct TopFinding: Sendable, Hashable, Codable {
  public var rule: String
  public var category: String
  public var weight: Double
  public var text: String
  public init(rule: String, category: String, weight: Double, text: String) {
    self.rule = rule; self.category = category; self.weight = weight; self.text = text
  }
}

/// The verdict on a record, from a scan now or from an already-scanned file.
public struct Verdict: Sendable, Hashable {
  public var score: Double
  public var level: RiskLevel
  public var flagged: Bool
  /// The language the scanner detected, when known.
  public var language: String?
  public var findings: [TopFinding]
  public init(score: Double, level: RiskLevel, flagged: Bool, language: String?, findings: [TopFinding]) {
    self.score = score; self.level = level; self.flagged = flagged; self.language = language
    self.findings = findings
  }

  public init(_ r: ScanReport) {
    self.init(
      score: r.score, level: r.level, flagged: r.flagged, language: r.language,
      findings: r.findings.map { TopFinding(rule: $0.rule, category: $0.category, weight: $0.weight, text: $0.text) })
  }
}

/// What a record holds to be judged.
public enum RecordContent: Sendable, Hashable {
  case text(String)
  case html(String)
  /// Already scanned: it is not scanned again.
  case scanned(Verdict)
}

/// One labelled record.
public struct LabelledRecord: Sendable, Hashable {
  public var id: String
  public var label: Bool
  public var lang: String?
  public var category: String?
  public var content: RecordContent
  /// The plain text when the record carries it (for showing misclassified records).
  public var text: String?
  /// `file:line`, for messages.
  public var source: String

  public init(
    id: String, label: Bool, lang: String? = nil, category: String? = nil, content: RecordContent,
    text: String? = nil, source: String = ""
  ) {
    self.id = id; self.label = label; self.lang = lang; self.category = category
    self.content = content; self.text = text; self.source = source
  }
}

/// A record that cannot be used; the message says where and what.
public struct EvalInputError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

public enum RecordReader {
  /// Reads a JSON Lines file of labelled records (blank lines are skipped).
  public static func readJSONL(path: String, fields: FieldNames = FieldNames()) throws -> [LabelledRecord] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw EvalInputError("\(path): cannot read the file")
    }
    let base = (path as NSString).deletingLastPathComponent
    var out: [LabelledRecord] = []
    var lineNo = 0
    let decoder = JSONDecoder()
    for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNo += 1
      var slice = line
      if slice.last == 0x0D { slice = slice.dropLast() }
      if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
      let where_ = "\(path):\(lineNo)"
      let value: FieldValue
      do {
        value = try decoder.decode(FieldValue.self, from: Data(slice))
      } catch {
        throw EvalInputError("\(where_): not valid JSON")
      }
      guard case .object(let obj) = value else {
        throw EvalInputError("\(where_): expected a JSON object, found \(value.kind)")
      }
      out.append(try record(obj, fields: fields, source: where_, baseDirectory: base))
    }
    return out
  }

  /// Builds a labelled record from a record's fields. A record with `score`, `level` and
  /// `flagged` fields (a `redflag scan` output record) is taken as already scanned; otherwise it needs the text field
  /// (or the file field).
  public static func record(
    _ obj: [String: FieldValue], fields: FieldNames, source: String, baseDirectory: String = "."
  ) throws -> LabelledRecord {
    func fail(_ field: String, _ what: String) -> EvalInputError {
      EvalInputError("\(source): field '\(field)': \(what)")
    }
    guard let rawLabel = obj[fields.label] else {
      throw fail(fields.label, "missing (the label: 1 risky, 0 not; use --label-field to name another field)")
    }
    guard let label = rawLabel.boolean else {
      throw fail(fields.label, "expected 0/1 or true/false, found \(rawLabel.text.map { "'\($0)'" } ?? rawLabel.kind)")
    }
    let id = obj[fields.id]?.text ?? source
    let lang = obj[fields.lang]?.text.flatMap { $0.isEmpty ? nil : $0 }
    let category = obj[fields.category]?.text.flatMap { $0.isEmpty ? nil : $0 }
    let text = obj[fields.text]?.text

    if let error = obj["error"], error != .null {
      var detail = ""
      if case .object(let e) = error { detail = [e["code"]?.text, e["message"]?.text].compactMap { $0 }.joined(separator: ": ") }
      throw fail("error", "the record could not be scanned (\(detail)); fix or drop it before evaluating")
    }
    if let s = obj["score"], let l = obj["level"], let f = obj["flagged"], s != .null {
      guard let score = s.number, score.isFinite else { throw fail("score", "expected a number, found \(s.kind)") }
      guard let name = l.text, let level = RiskLevel(rawValue: name) else {
        throw fail("level", "expected one of \(RiskLevel.allCases.map(\.rawValue).joined(separator: ", ")), found \(l.text.map { "'\($0)'" } ?? l.kind)")
      }
      guard let flagged = f.boolean else { throw fail("flagged", "expected true or false, found \(f.kind)") }
      var findings: [TopFinding] = []
      if case .array(let list)? = obj["findings"] {
        for item in list {
          guard case .object(let f) = item, let rule = f["rule"]?.text else { continue }
          findings.append(
            TopFinding(
              rule: rule, category: f["category"]?.text ?? "", weight: f["weight"]?.number ?? 0,
              text: f["text"]?.text ?? ""))
        }
      }
      let verdict = Verdict(
        score: score, level: level, flagged: flagged, language: obj["language"]?.text, findings: findings)
      return LabelledRecord(
        id: id, label: label, lang: lang, category: category, content: .scanned(verdict), text: text, source: source)
    }
    if let text {
      return LabelledRecord(id: id, label: label, lang: lang, category: category, content: .text(text), text: text, source: source)
    }
    if let file = obj[fields.file]?.text {
      let path = file.hasPrefix("/") ? file : (baseDirectory as NSString).appendingPathComponent(file)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw fail(fields.file, "cannot read '\(path)'")
      }
      let body = String(decoding: data, as: UTF8.self)
      let ext = (path as NSString).pathExtension.lowercased()
      let content: RecordContent = ext == "html" || ext == "htm" ? .html(body) : .text(body)
      return LabelledRecord(id: id, label: label, lang: lang, category: category, content: content, source: source)
    }
    throw fail(
      fields.text,
      "missing: the record has neither text ('\(fields.text)', or a '\(fields.file)' to read) nor a scan result (score with level/flagged)")
  }
}
