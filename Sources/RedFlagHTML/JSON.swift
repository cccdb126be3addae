// A small, tolerant, non-recursive JSON reader for JSON-LD blocks found in web pages.
// Tolerates what real pages contain: trailing commas, comments, raw control characters in
// strings, an HTML comment or CDATA wrapper around the whole block. Nesting is capped so a
// hostile page cannot build a value whose destruction would exhaust the stack.

/// A parsed JSON value. Numbers keep their original spelling ("3000.50" stays "3000.50").
enum JSONValue: Equatable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x), .number(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)):
      x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: false
    }
  }

  /// The first member named `key` of an object.
  subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }
}

/// Why a JSON text could not be read, and where (1-based line and column, in bytes).
struct JSONError: Error, Equatable, CustomStringConvertible {
  var message: String
  var line: Int
  var column: Int
  var description: String { "\(message) at line \(line), column \(column)" }
}

struct JSONReader {
  static let maxDepth = 256

  private let b: [UInt8]
  private var i = 0
  private var end: Int

  init(_ bytes: [UInt8]) {
    b = bytes
    end = bytes.count
  }

  /// Parses one JSON text.
  static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
    var reader = JSONReader(bytes)
    return try reader.parseDocument()
  }

  private enum Frame {
    case array([JSONValue])
    case object([(key: String, value: JSONValue)], key: String)
  }

  private func error(_ message: String, at pos: Int) -> JSONError {
    var line = 1
    var column = 1
    var k = 0
    let stop = min(pos, b.count)
    while k < stop {
      if b[k] == 0x0A { line += 1; column = 1 } else if b[k] & 0xC0 != 0x80 { column += 1 }
      k += 1
    }
    return JSONError(message: message, line: line, column: column)
  }

  private func describe(_ pos: Int) -> String {
    guard pos < end else { return "end of input" }
    let c = b[pos]
    if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
    return "byte 0x" + String(c, radix: 16, uppercase: true)
  }

  private func hasPrefix(_ word: StaticString, at pos: Int) -> Bool {
    let n = word.utf8CodeUnitCount
    guard pos + n <= end else { return false }
    let w = word.utf8Start
    for k in 0..<n where b[pos + k] != w[k] { return false }
    return true
  }

  /// Skips whitespace, `//` and `/* */` comments.
  private mutating func skipSpace() {
    while i < end {
      let c = b[i]
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C {
        i += 1
      } else if c == 0xC2 && i + 1 < end && b[i + 1] == 0xA0 {  // no-break space
        i += 2
      } else if c == 0xEF && i + 2 < end && b[i + 1] == 0xBB && b[i + 2] == 0xBF {  // BOM
        i += 3
      } else if c == 0x2F && i + 1 < end && b[i + 1] == 0x2F {
        while i < end && b[i] != 0x0A { i += 1 }
      } else if c == 0x2F && i + 1 < end && b[i + 1] == 0x2A {
        i += 2
        while i + 1 < end && !(b[i] == 0x2A && b[i + 1] == 0x2F) { i += 1 }
        i = min(end, i + 2)
      } else {
        return
      }
    }
  }

  private mutating func parseDocument() throws(JSONError) -> JSONValue {
    // Unwrap <!-- ... --> and <![CDATA[ ... ]]> that pages put around script contents.
    skipSpace()
    if hasPrefix("<!--", at: i) { i += 4 }
    skipSpace()
    if hasPrefix("<![CDATA[", at: i) { i += 9 }
    var e = end
    func trimEnd() {
      while e > i, [0x20, 0x0A, 0x0D, 0x09].contains(b[e - 1]) { e -= 1 }
    }
    trimEnd()
    if e >= i + 3 && b[e - 3] == 0x2D && b[e - 2] == 0x2D && b[e - 1] == 0x3E { e -= 3; trimEnd() }
    if e >= i + 3 && b[e - 3] == 0x5D && b[e - 2] == 0x5D && b[e - 1] == 0x3E { e -= 3 }
    end = e
    let value = try parseValue()
    skipSpace()
    if i < end && b[i] == 0x3B { i += 1; skipSpace() }  // a stray ';'
    if i < end {
      throw error("unexpected \(describe(i)) after the JSON value", at: i)
    }
    return value
  }

  private mutating func parseValue() throws(JSONError) -> JSONValue {
    var stack: [Frame] = []
    while true {
      // Read the start of a value.
      skipSpace()
      guard i < end else { throw error("unexpected end of input, expected a value", at: i) }
      var value: JSONValue
      switch b[i] {
      case 0x7B:  // {
        i += 1
        skipSpace()
        if i < end && b[i] == 0x7D {
          i += 1
          value = .object([])
        } else {
          if stack.count >= JSONReader.maxDepth {
            throw error("nesting deeper than \(JSONReader.maxDepth) levels", at: i)
          }
          let key = try parseKey()
          stack.append(.object([], key: key))
          continue
        }
      case 0x5B:  // [
        i += 1
        skipSpace()
        if i < end && b[i] == 0x5D {
          i += 1
          value = .array([])
        } else {
          if stack.count >= JSONReader.maxDepth {
            throw error("nesting deeper than \(JSONReader.maxDepth) levels", at: i)
          }
          stack.append(.array([]))
          continue
        }
      case 0x22, 0x27:  // " (and ' from sloppy generators)
        value = .string(try parseString())
      case 0x2D, 0x2B, 0x2E, 0x30...0x39:
        let start = i
        while i < end,
          b[i] == 0x2D || b[i] == 0x2B || b[i] == 0x2E || b[i] == 0x45 || b[i] == 0x65
            || (b[i] >= 0x30 && b[i] <= 0x39)
        {
          i += 1
        }
        value = .number(String(decoding: b[start..<i], as: UTF8.self))
      default:
        if hasPrefix("true", at: i) {
          i += 4
          value = .bool(true)
        } else if hasPrefix("false", at: i) {
          i += 5
          value = .bool(false)
        } else if hasPrefix("null", at: i) {
          i += 4
          value = .null
        } else {
          throw error("unexpected \(describe(i)), expected a value", at: i)
        }
      }
      // Attach the value to its container; close containers as long as they end here.
      while true {
        guard let top = stack.popLast() else { return value }
        skipSpace()
        switch top {
        case .array(var items):
          items.append(value)
          if i < end && b[i] == 0x2C {
            i += 1
            skipSpace()
            if i < end && b[i] == 0x5D {  // trailing comma
              i += 1
              value = .array(items)
              continue
            }
            stack.append(.array(items))
          } else if i < end && b[i] == 0x5D {
            i += 1
            value = .array(items)
            continue
          } else {
            throw error("unexpected \(describe(i)) in array, expected ',' or ']'", at: i)
          }
        case .object(var members, let key):
          members.append((key: key, value: value))
          if i < end && b[i] == 0x2C {
            i += 1
            skipSpace()
            if i < end && b[i] == 0x7D {  // trailing comma
              i += 1
              value = .object(members)
              continue
            }
            let next = try parseKey()
            stack.append(.object(members, key: next))
          } else if i < end && b[i] == 0x7D {
            i += 1
            value = .object(members)
            continue
          } else {
            throw error("unexpected \(describe(i)) in object, expected ',' or '}'", at: i)
          }
        }
        break  // a new value follows
      }
    }
  }

  /// Reads `"key" :` (leaves the position on the value).
  private mutating func parseKey() throws(JSONError) -> String {
    skipSpace()
    guard i < end, b[i] == 0x22 || b[i] == 0x27 else {
      throw error("unexpected \(describe(i)), expected a quoted key", at: i)
    }
    let key = try parseString()
    skipSpace()
    guard i < end, b[i] == 0x3A else {
      throw error("unexpected \(describe(i)) after key \"\(key)\", expected ':'", at: i)
    }
    i += 1
    return key
  }

  private mutating func parseString() throws(JSONError) -> String {
    let quote = b[i]
    let start = i
    i += 1
    var out = [UInt8]()
    while true {
      guard i < end else { throw error("unterminated string", at: start) }
      let c = b[i]
      if c == quote { i += 1; break }
      if c != 0x5C {  // not a backslash
        out.append(c)
        i += 1
        continue
      }
      guard i + 1 < end else { throw error("unterminated string", at: start) }
      let e = b[i + 1]
      i += 2
      switch e {
      case 0x6E: out.append(0x0A)  // n
      case 0x74: out.append(0x09)  // t
      case 0x72: out.append(0x0D)  // r
      case 0x62: out.append(0x08)  // b
      case 0x66: out.append(0x0C)  // f
      case 0x75:  // u
        var scalar = readHex4()
        if let high = scalar, (0xD800...0xDBFF).contains(high), hasPrefix("\\u", at: i) {
          i += 2
          if let low = readHex4(), (0xDC00...0xDFFF).contains(low) {
            scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
          } else {
            scalar = nil
          }
        }
        let s = scalar.flatMap { Unicode.Scalar($0) } ?? "\u{FFFD}"
        out.append(contentsOf: String(s).utf8)
      default: out.append(e)  // \" \\ \/ and unknown escapes stand for themselves
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private mutating func readHex4() -> UInt32? {
    guard i + 4 <= end else { return nil }
    var v: UInt32 = 0
    for k in 0..<4 {
      let c = b[i + k]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      default: return nil
      }
      v = v << 4 | d
    }
    i += 4
    return v
  }
}
