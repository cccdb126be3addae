/// A strict, allocation-light reader for one JSON Lines record.
///
/// It validates the whole line against RFC 8259, and for a top-level object it remembers where
/// each member's value lies, so that only the fields the run needs (text, id, html, kept fields)
/// are decoded. Errors say at which column (1-based, in characters) and what was wrong.

enum JSONKind: String, Sendable {
  case string, number, object, array, boolean, null
}

struct JSONMember: Sendable {
  var kind: JSONKind
  /// The value's bytes within the line (for a string: including its quotes).
  var start: Int
  var end: Int
}

struct JSONSyntaxError: Error {
  var offset: Int
  var what: String
}

struct JSONLine {
  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var topKind: JSONKind = .null
  /// The top-level object's members by key (the last one wins when a key repeats).
  private(set) var members: [String: JSONMember] = [:]
  private var i = 0
  private static let maxDepth = 512

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// Validates the line; fills `topKind` and, for an object, `members`.
  mutating func parse() throws(JSONSyntaxError) {
    skipWhitespace()
    if i >= bytes.count { throw JSONSyntaxError(offset: i, what: "no JSON value") }
    topKind = try value(depth: 0)
    skipWhitespace()
    if i < bytes.count {
      throw JSONSyntaxError(offset: i, what: "unexpected \(describe(i)) after the JSON value")
    }
  }

  /// The 1-based character column of a byte offset.
  func column(of offset: Int) -> Int {
    var col = 1
    var k = 0
    while k < offset && k < bytes.count {
      if bytes[k] & 0xC0 != 0x80 { col += 1 }
      k += 1
    }
    return col
  }

  private func describe(_ at: Int) -> String {
    guard at < bytes.count else { return "end of line" }
    let b = bytes[at]
    if b >= 0x20 && b < 0x7F { return "character '\(Character(Unicode.Scalar(b)))'" }
    return "byte 0x\(String(b, radix: 16, uppercase: true))"
  }

  private mutating func skipWhitespace() {
    while i < bytes.count {
      let b = bytes[i]
      if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1 } else { break }
    }
  }

  private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONKind {
    guard i < bytes.count else { throw JSONSyntaxError(offset: i, what: "unexpected end of line, expected a value") }
    switch bytes[i] {
    case UInt8(ascii: "{"):
      try object(depth: depth + 1)
      return .object
    case UInt8(ascii: "["):
      try array(depth: depth + 1)
      return .array
    case UInt8(ascii: "\""):
      try string()
      return .string
    case UInt8(ascii: "t"):
      try literal("true"); return .boolean
    case UInt8(ascii: "f"):
      try literal("false"); return .boolean
    case UInt8(ascii: "n"):
      try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      try number(); return .number
    default:
      throw JSONSyntaxError(offset: i, what: "unexpected \(describe(i)), expected a value")
    }
  }

  private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
    let start = i
    let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    for c in w {
      guard i < bytes.count, bytes[i] == c else {
        throw JSONSyntaxError(offset: start, what: "invalid literal, expected '\(word)'")
      }
      i += 1
    }
  }

  private mutating func digits() -> Int {
    let s = i
    while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
    return i - s
  }

  private mutating func number() throws(JSONSyntaxError) {
    let start = i
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else {
      throw JSONSyntaxError(offset: start, what: "invalid number")
    }
    if bytes[i] == 0x30 {
      i += 1
      if i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
        throw JSONSyntaxError(offset: start, what: "invalid number (leading zero)")
      }
    } else {
      _ = digits()
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      if digits() == 0 { throw JSONSyntaxError(offset: start, what: "invalid number (no digits after '.')") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      if digits() == 0 { throw JSONSyntaxError(offset: start, what: "invalid number (no digits in exponent)") }
    }
  }

  private mutating func string() throws(JSONSyntaxError) {
    let start = i
    i += 1
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") { i += 1; return }
      if b == UInt8(ascii: "\\") {
        i += 1
        guard i < bytes.count else { break }
        switch bytes[i] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
          UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          i += 1
        case UInt8(ascii: "u"):
          i += 1
          for _ in 0..<4 {
            guard i < bytes.count, hexValue(bytes[i]) != nil else {
              throw JSONSyntaxError(offset: i, what: "invalid \\u escape in string")
            }
            i += 1
          }
        default:
          throw JSONSyntaxError(offset: i - 1, what: "invalid escape '\\\(describe(i))' in string")
        }
        continue
      }
      if b < 0x20 {
        throw JSONSyntaxError(offset: i, what: "unescaped control character (\(describe(i))) in string")
      }
      i += 1
    }
    throw JSONSyntaxError(offset: start, what: "unterminated string")
  }

  private mutating func array(depth: Int) throws(JSONSyntaxError) {
    if depth > JSONLine.maxDepth { throw JSONSyntaxError(offset: i, what: "nested deeper than \(JSONLine.maxDepth) levels") }
    i += 1
    skipWhitespace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return }
    while true {
      skipWhitespace()
      _ = try value(depth: depth)
      skipWhitespace()
      guard i < bytes.count else { throw JSONSyntaxError(offset: i, what: "unexpected end of line, expected ',' or ']'") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "]") { i += 1; return }
      throw JSONSyntaxError(offset: i, what: "unexpected \(describe(i)), expected ',' or ']'")
    }
  }

  private mutating func object(depth: Int) throws(JSONSyntaxError) {
    if depth > JSONLine.maxDepth { throw JSONSyntaxError(offset: i, what: "nested deeper than \(JSONLine.maxDepth) levels") }
    i += 1
    skipWhitespace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return }
    while true {
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
        throw JSONSyntaxError(offset: i, what: "unexpected \(describe(i)), expected a string key")
      }
      let keyStart = i
      try string()
      let keyEnd = i
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
        throw JSONSyntaxError(offset: i, what: "unexpected \(describe(i)), expected ':' after key")
      }
      i += 1
      skipWhitespace()
      let valueStart = i
      let kind = try value(depth: depth)
      if depth == 1 {
        let key = decodeString(start: keyStart, end: keyEnd)
        members[key] = JSONMember(kind: kind, start: valueStart, end: i)
      }
      skipWhitespace()
      guard i < bytes.count else { throw JSONSyntaxError(offset: i, what: "unexpected end of line, expected ',' or '}'") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "}") { i += 1; return }
      throw JSONSyntaxError(offset: i, what: "unexpected \(describe(i)), expected ',' or '}'")
    }
  }

  /// Decodes a validated string token (with its quotes) at `start..<end`. Lone surrogate escapes
  /// become U+FFFD.
  func decodeString(start: Int, end: Int) -> String {
    var k = start + 1
    let stop = end - 1
    // Fast path: no escapes.
    var plain = true
    var j = k
    while j < stop { if bytes[j] == UInt8(ascii: "\\") { plain = false; break }; j += 1 }
    if plain {
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[k..<stop]), as: UTF8.self)
    }
    var out: [UInt8] = []
    out.reserveCapacity(stop - k)
    func append(scalar v: UInt32) {
      let s = Unicode.Scalar(v) ?? "\u{FFFD}"
      out.append(contentsOf: UTF8.encode(s)!)
    }
    while k < stop {
      let b = bytes[k]
      if b != UInt8(ascii: "\\") { out.append(b); k += 1; continue }
      let e = bytes[k + 1]
      k += 2
      switch e {
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        let u = hex4(at: k)
        k += 4
        if u >= 0xD800 && u <= 0xDBFF, k + 6 <= stop, bytes[k] == UInt8(ascii: "\\"),
          bytes[k + 1] == UInt8(ascii: "u")
        {
          let lo = hex4(at: k + 2)
          if lo >= 0xDC00 && lo <= 0xDFFF {
            append(scalar: 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00))
            k += 6
          } else {
            append(scalar: 0xFFFD)
          }
        } else {
          append(scalar: u)  // lone surrogates fail Unicode.Scalar(_:) and become U+FFFD
        }
      default: out.append(e)  // \" \\ \/
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private func hex4(at k: Int) -> UInt32 {
    var v: UInt32 = 0
    for j in k..<(k + 4) { v = v << 4 | UInt32(hexValue(bytes[j]) ?? 0) }
    return v
  }

  /// The value's JSON text without insignificant whitespace (for `--keep-fields`).
  func compactJSON(_ m: JSONMember) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(m.end - m.start)
    var inString = false
    var k = m.start
    while k < m.end {
      let b = bytes[k]
      if inString {
        out.append(b)
        if b == UInt8(ascii: "\\") { out.append(bytes[k + 1]); k += 2; continue }
        if b == UInt8(ascii: "\"") { inString = false }
      } else if b == UInt8(ascii: "\"") {
        inString = true; out.append(b)
      } else if !(b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) {
        out.append(b)
      }
      k += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The raw text of a member (numbers, literals).
  func rawText(_ m: JSONMember) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[m.start..<m.end]), as: UTF8.self)
  }
}

@inline(__always)
func hexValue(_ b: UInt8) -> UInt8? {
  switch b {
  case 0x30...0x39: return b - 0x30
  case 0x41...0x46: return b - 0x41 + 10
  case 0x61...0x66: return b - 0x61 + 10
  default: return nil
  }
}
