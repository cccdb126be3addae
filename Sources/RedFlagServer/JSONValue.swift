import RedFlag

/// A small JSON reader and writer for request bodies and API answers.
///
/// The reader reports the line, column and byte offset of the first error, so a client learns
/// exactly where its body is malformed; it limits nesting depth so no body can exhaust the stack.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  /// Members in the order they were written (duplicate keys: the last one wins on lookup).
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// The value of `key` when this is an object.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.last(where: { $0.0 == key })?.1
  }

  /// A word for the value's type, for error messages.
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// Where and why a JSON body could not be parsed.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var offset: Int
  public var reason: String
  public var description: String { "line \(line), column \(column) (byte \(offset)): \(reason)" }
}

/// Parses one JSON text (RFC 8259) from UTF-8 bytes.
public struct JSONParser {
  private let bytes: [UInt8]
  private var i = 0
  private let maxDepth: Int

  public static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(JSONSyntaxError) -> JSONValue {
    var p = JSONParser(bytes: bytes, maxDepth: maxDepth)
    if p.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3 }
    p.skipSpace()
    if p.i >= p.bytes.count { throw p.fail("the body is empty; expected a JSON object") }
    let v = try p.value(depth: 0)
    p.skipSpace()
    if p.i < p.bytes.count { throw p.fail("unexpected \(p.describeByte()) after the end of the JSON value") }
    return v
  }

  private init(bytes: [UInt8], maxDepth: Int) { self.bytes = bytes; self.maxDepth = maxDepth }

  private func fail(_ reason: String, at pos: Int? = nil) -> JSONSyntaxError {
    let p = min(pos ?? i, bytes.count)
    var line = 1
    var lineStart = 0
    for k in 0..<p where bytes[k] == 0x0A { line += 1; lineStart = k + 1 }
    // Columns count characters (code points), not bytes.
    let column = bytes[lineStart..<p].reduce(1) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
    return JSONSyntaxError(line: line, column: column, offset: p, reason: reason)
  }

  private func describeByte() -> String {
    guard i < bytes.count else { return "end of input" }
    let b = bytes[i]
    if b >= 0x21 && b < 0x7F { return "character '\(Character(Unicode.Scalar(b)))'" }
    return "byte 0x\(String(b, radix: 16, uppercase: true))"
  }

  private mutating func skipSpace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
  }

  private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard i < bytes.count else { throw fail("unexpected end of input; expected a value") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw fail("unexpected \(describeByte()); expected a value")
    }
  }

  private mutating func literal(_ word: String) throws(JSONSyntaxError) {
    let w = Array(word.utf8)
    guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
      throw fail("unexpected \(describeByte()); expected a value")
    }
    i += w.count
  }

  private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    if depth > maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
    i += 1
    var members: [(String, JSONValue)] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
    while true {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
        throw fail("unexpected \(describeByte()); expected a quoted member name")
      }
      let key = try string()
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
        throw fail("unexpected \(describeByte()); expected ':' after member name \"\(key)\"")
      }
      i += 1
      skipSpace()
      members.append((key, try value(depth: depth)))
      skipSpace()
      guard i < bytes.count else { throw fail("unexpected end of input; expected ',' or '}'") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
      throw fail("unexpected \(describeByte()); expected ',' or '}'")
    }
  }

  private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    if depth > maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
    i += 1
    var items: [JSONValue] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
    while true {
      skipSpace()
      items.append(try value(depth: depth))
      skipSpace()
      guard i < bytes.count else { throw fail("unexpected end of input; expected ',' or ']'") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
      throw fail("unexpected \(describeByte()); expected ',' or ']'")
    }
  }

  private mutating func number() throws(JSONSyntaxError) -> JSONValue {
    let start = i
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    func digits(_ p: inout JSONParser) -> Int {
      var n = 0
      while p.i < p.bytes.count, p.bytes[p.i] >= 0x30, p.bytes[p.i] <= 0x39 { p.i += 1; n += 1 }
      return n
    }
    guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail("a number needs digits") }
    if bytes[i] == 0x30 { i += 1 } else { _ = digits(&self) }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      if digits(&self) == 0 { throw fail("a number needs digits after '.'") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      if digits(&self) == 0 { throw fail("a number needs digits in its exponent") }
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    guard let d = Double(text) else { throw fail("number out of range", at: start) }
    return .number(d)
  }

  private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
    guard i + 4 <= bytes.count else { throw fail("incomplete \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[i]
      let d: UInt8
      switch b {
      case 0x30...0x39: d = b - 0x30
      case 0x41...0x46: d = b - 0x41 + 10
      case 0x61...0x66: d = b - 0x61 + 10
      default: throw fail("invalid hex digit in \\u escape")
      }
      v = v << 4 | UInt32(d)
      i += 1
    }
    return v
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    let open = i
    i += 1
    var out: [UInt8] = []
    while true {
      guard i < bytes.count else { throw fail("unterminated string (opened at byte \(open))") }
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "\""):
        i += 1
        // Validate UTF-8 here so the client learns where bad bytes are.
        var it = out.makeIterator()
        var decoder = UTF8()
        var s = String.UnicodeScalarView()
        loop: while true {
          switch decoder.decode(&it) {
          case .scalarValue(let u): s.append(u)
          case .emptyInput: break loop
          case .error: throw fail("invalid UTF-8 inside the string that starts here", at: open)
          }
        }
        return String(s)
      case UInt8(ascii: "\\"):
        i += 1
        guard i < bytes.count else { throw fail("unterminated escape") }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var v = try hex4()
          if (0xD800..<0xDC00).contains(v) {
            // A high surrogate must be followed by an escaped low surrogate.
            if i + 6 <= bytes.count, bytes[i] == 0x5C, bytes[i + 1] == UInt8(ascii: "u") {
              i += 2
              let lo = try hex4()
              guard (0xDC00..<0xE000).contains(lo) else { throw fail("unpaired surrogate in \\u escape") }
              v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
            } else {
              throw fail("unpaired surrogate in \\u escape")
            }
          } else if (0xDC00..<0xE000).contains(v) {
            throw fail("unpaired surrogate in \\u escape")
          }
          out.append(contentsOf: String(Unicode.Scalar(v)!).utf8)
        default:
          i -= 1
          throw fail("invalid escape '\\\(describeByte())'")
        }
      case 0..<0x20:
        throw fail("raw control character in a string (escape it)")
      default:
        out.append(b)
        i += 1
      }
    }
  }
}

extension JSONValue {
  /// Compact JSON text; object members keep their order.
  public var text: String {
    var out = ""
    write(into: &out)
    return out
  }

  func write(into out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let d):
      if !d.isFinite {
        out += "0"
      } else if d == d.rounded(), abs(d) < 1e15 {
        out += String(Int64(d))
      } else {
        out += String(d)
      }
    case .string(let s): JSONValue.writeString(s, into: &out)
    case .array(let items):
      out += "["
      for (k, v) in items.enumerated() {
        if k > 0 { out += "," }
        v.write(into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (k, (key, v)) in members.enumerated() {
        if k > 0 { out += "," }
        JSONValue.writeString(key, into: &out)
        out += ":"
        v.write(into: &out)
      }
      out += "}"
    }
  }

  static func writeString(_ s: String, into out: inout String) {
    out += JSONText.quoted(s)
  }
}
