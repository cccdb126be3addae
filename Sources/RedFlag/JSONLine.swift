/// Compact JSON writing for output records: sorted keys, UTF-8, no raw control characters.
struct JSONWriter {
  var out: [UInt8] = []

  init(capacity: Int = 512) { out.reserveCapacity(capacity) }

  mutating func raw(_ s: String) { out.append(contentsOf: s.utf8) }

  mutating func string(_ s: String) {
    out.append(0x22)
    for b in s.utf8 {
      switch b {
      case 0x22: out.append(0x5C); out.append(0x22)
      case 0x5C: out.append(0x5C); out.append(0x5C)
      case 0x0A: out.append(0x5C); out.append(0x6E)
      case 0x0D: out.append(0x5C); out.append(0x72)
      case 0x09: out.append(0x5C); out.append(0x74)
      case 0x08: out.append(0x5C); out.append(0x62)
      case 0x0C: out.append(0x5C); out.append(0x66)
      case 0..<0x20, 0x7F:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
      default: out.append(b)
      }
    }
    out.append(0x22)
  }

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

  /// Writes an object whose members are written by closures, in the order given (callers sort).
  mutating func object(_ members: [(String, (inout JSONWriter) -> Void)]) {
    out.append(0x7B)
    for (k, (key, write)) in members.enumerated() {
      if k > 0 { out.append(0x2C) }
      string(key)
      out.append(0x3A)
      write(&self)
    }
    out.append(0x7D)
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
    var members: [(String, (inout JSONWriter) -> Void)] = []
    do {
      members.append(("categories", { w in
        w.object(self.categories.keys.sorted().map { k in (k, { $0.number(self.categories[k]!) }) })
      }))
      members.append(("entities", { w in
        w.raw("[")
        for (i, e) in self.entities.enumerated() {
          if i > 0 { w.raw(",") }
          w.object([
            ("end", { $0.int(e.end) }), ("kind", { $0.string(e.kind) }), ("start", { $0.int(e.start) }),
            ("text", { $0.string(e.text) }), ("utf8_end", { $0.int(e.utf8End) }),
            ("utf8_start", { $0.int(e.utf8Start) }),
          ])
        }
        w.raw("]")
      }))
    }
    if let error {
      members.append(("error", { w in
        w.object([("code", { $0.string(error.code) }), ("message", { $0.string(error.message) })])
      }))
    }
    do {
      members.append(("findings", { w in
        w.raw("[")
        for (i, f) in self.findings.enumerated() {
          if i > 0 { w.raw(",") }
          w.object([
            ("category", { $0.string(f.category) }), ("end", { $0.int(f.end) }),
            ("explanation", { $0.string(f.explanation) }), ("indicator", { $0.string(f.indicator) }),
            ("revision", { $0.int(f.revision) }), ("rule", { $0.string(f.rule) }),
            ("start", { $0.int(f.start) }), ("text", { $0.string(f.text) }),
            ("utf8_end", { $0.int(f.utf8End) }), ("utf8_start", { $0.int(f.utf8Start) }),
            ("weight", { $0.number(f.weight) }),
          ])
        }
        w.raw("]")
      }))
    }
    members.append(("flagged", { $0.bool(self.flagged) }))
    members.append(("id", { $0.string(self.id) }))
    members.append(("language", { $0.string(self.language) }))
    members.append(("level", { $0.string(self.level.rawValue) }))
    members.append(("ruleset", { w in
      w.object([
        ("name", { $0.string(self.ruleset.name) }), ("sha256", { $0.string(self.ruleset.sha256) }),
        ("version", { $0.string(self.ruleset.version) }),
      ])
    }))
    members.append(("score", { $0.number(self.score) }))
    let own = Set(members.map(\.0))
    for (key, json) in extra where !own.contains(key) {
      members.append((key, { $0.raw(json) }))
    }
    members.sort { $0.0 < $1.0 }
    w.object(members)
  }
}
