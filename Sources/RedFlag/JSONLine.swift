/// Compact JSON writing for output records: sorted keys, UTF-8, no raw control characters.
struct JSONWriter {
  var out: [UInt8] = []

  init(capacity: Int = 512) { out.reserveCapacity(capacity) }

  mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

  mutating func string(_ s: String) {
    out.append(0x22)
    var copy = s
    copy.withUTF8 { u in
      var i = 0
      var run = 0  // start of the bytes copied as they are, in one append
      while i < u.count {
        let b = u[i]
        // Most bytes need no escape: skip them and copy the whole run at once.
        if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F && b != 0xE2 {
          i += 1
          continue
        }
        if b == 0xE2 && !(i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
          i += 1
          continue
        }
        if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i])) }
        switch b {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(0x6E)
        case 0x0D: out.append(0x5C); out.append(0x72)
        case 0x09: out.append(0x5C); out.append(0x74)
        case 0x08: out.append(0x5C); out.append(0x62)
        case 0x0C: out.append(0x5C); out.append(0x66)
        case 0xE2:
          // U+2028 and U+2029 end lines in JavaScript: escaped, so a record is safe in a <script>.
          out.append(contentsOf: [0x5C, 0x75, 0x32, 0x30, 0x32, u[i + 2] == 0xA8 ? 0x38 : 0x39])
          i += 2
        default:
          out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, JSONWriter.hex[Int(b >> 4)], JSONWriter.hex[Int(b & 15)]])
        }
        i += 1
        run = i
      }
      if run < u.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<u.count])) }
    }
    out.append(0x22)
  }

  static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  mutating func number(_ x: Double) {
    guard x.isFinite else { raw("0"); return }
    let r = (x * 10000).rounded() / 10000
    if r == r.rounded(), abs(r) < 1e15 {
      raw(String(Int64(r)))
    } else {
      raw(String(r))
    }
  }

  mutating func int(_ x: Int) { raw(String(x)) }
  mutating func bool(_ b: Bool) { raw(b ? "true" : "false") }
}

/// JSON text helpers shared by the CLI and the HTTP service, so that every JSON RedFlag writes
/// escapes strings the same way.
public enum JSONText {
  /// A JSON string literal for `s`: UTF-8 kept as is; quotes, backslashes, control characters and
  /// U+2028/U+2029 escaped.
  public static func quoted(_ s: String) -> String {
    var w = JSONWriter(capacity: s.utf8.count + 2)
    w.string(s)
    return String(decoding: w.out, as: UTF8.self)
  }
}

extension ScanReport {
  /// The record as one line of compact JSON with sorted keys (no trailing newline).
  /// `extra` adds top-level fields whose values are already JSON (for `--keep-fields`); an extra
  /// key never replaces one of the record's own keys.
  public func jsonLine(extra: [(key: String, json: String)] = []) -> String {
    var w = JSONWriter()
    writeJSON(into: &w, extra: extra)
    return String(decoding: w.out, as: UTF8.self)
  }

  /// The record as UTF-8 JSON bytes, followed by a newline.
  public func jsonLineBytes(extra: [(key: String, json: String)] = []) -> [UInt8] {
    var w = JSONWriter()
    writeJSON(into: &w, extra: extra)
    w.out.append(0x0A)
    return w.out
  }

  func writeJSON(into w: inout JSONWriter, extra: [(key: String, json: String)]) {
    // The record's own keys in sorted order; extra keys are merged in by name (never replacing one).
    let own: [String] = ["categories", "entities", "error", "findings", "flagged", "id", "language", "level", "ruleset", "score", "vocabulary", "voice"]
    let extras = extra.filter { !own.contains($0.key) }.sorted { $0.key < $1.key }
    var e = 0
    var first = true
    func separate(_ w: inout JSONWriter) {
      if !first { w.out.append(0x2C) }
      first = false
    }
    func key(_ k: String, _ w: inout JSONWriter) {
      while e < extras.count && extras[e].key < k {
        separate(&w)
        w.string(extras[e].key)
        w.out.append(0x3A)
        w.raw(extras[e].json)
        e += 1
      }
      separate(&w)
      w.string(k)
      w.out.append(0x3A)
    }
    w.out.append(0x7B)
    key("categories", &w)
    w.out.append(0x7B)
    for (i, k) in categories.keys.sorted().enumerated() {
      if i > 0 { w.out.append(0x2C) }
      w.string(k)
      w.out.append(0x3A)
      w.number(categories[k]!)
    }
    w.out.append(0x7D)
    key("entities", &w)
    w.out.append(0x5B)
    for (i, x) in entities.enumerated() {
      if i > 0 { w.out.append(0x2C) }
      w.raw("{\"end\":"); w.int(x.end)
      w.raw(",\"kind\":"); w.string(x.kind)
      w.raw(",\"start\":"); w.int(x.start)
      w.raw(",\"text\":"); w.string(x.text)
      w.raw(",\"utf8_end\":"); w.int(x.utf8End)
      w.raw(",\"utf8_start\":"); w.int(x.utf8Start)
      w.out.append(0x7D)
    }
    w.out.append(0x5D)
    if let error {
      key("error", &w)
      w.raw("{\"code\":"); w.string(error.code)
      w.raw(",\"message\":"); w.string(error.message)
      w.out.append(0x7D)
    }
    key("findings", &w)
    w.out.append(0x5B)
    for (i, f) in findings.enumerated() {
      if i > 0 { w.out.append(0x2C) }
      w.raw("{\"category\":"); w.string(f.category)
      w.raw(",\"end\":"); w.int(f.end)
      w.raw(",\"explanation\":"); w.string(f.explanation)
      w.raw(",\"indicator\":"); w.string(f.indicator)
      w.raw(",\"revision\":"); w.int(f.revision)
      w.raw(",\"rule\":"); w.string(f.rule)
      w.raw(",\"start\":"); w.int(f.start)
      w.raw(",\"text\":"); w.string(f.text)
      w.raw(",\"utf8_end\":"); w.int(f.utf8End)
      w.raw(",\"utf8_start\":"); w.int(f.utf8Start)
      w.raw(",\"weight\":"); w.number(f.weight)
      w.out.append(0x7D)
    }
    w.out.append(0x5D)
    key("flagged", &w)
    w.bool(flagged)
    key("id", &w)
    w.string(id)
    key("language", &w)
    w.string(language)
    key("level", &w)
    w.string(level.rawValue)
    key("ruleset", &w)
    w.raw("{\"name\":"); w.string(ruleset.name)
    w.raw(",\"sha256\":"); w.string(ruleset.sha256)
    w.raw(",\"version\":"); w.string(ruleset.version)
    w.out.append(0x7D)
    key("score", &w)
    w.number(score)
    for (name, report) in [("vocabulary", vocabulary), ("voice", voice)] {
      guard let report else { continue }
      key(name, &w)
      w.raw("{\"weight\":"); w.number(report.weight)
      w.raw(",\"words\":[")
      for (i, x) in report.words.enumerated() {
        if i > 0 { w.out.append(0x2C) }
        w.raw("{\"weight\":"); w.number(x.weight)
        w.raw(",\"word\":"); w.string(x.word)
        w.out.append(0x7D)
      }
      w.raw("]}")
    }
    while e < extras.count {
      separate(&w)
      w.string(extras[e].key)
      w.out.append(0x3A)
      w.raw(extras[e].json)
      e += 1
    }
    w.out.append(0x7D)
  }
}
