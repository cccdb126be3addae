/// Decoding of HTML form submissions: url-encoded queries and bodies, and multipart/form-data.
enum FormDecoding {
  struct Part: Sendable {
    var name: String
    var fileName: String?
    var data: [UInt8]
  }

  /// `a=1&b=x+y%20z` -> [("a", "1"), ("b", "x y z")]; bad escapes are kept as written, bad UTF-8
  /// is repaired with U+FFFD.
  static func urlEncoded(_ s: String) -> [(String, String)] {
    s.split(separator: "&", omittingEmptySubsequences: true).map { pair in
      let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return (decodeComponent(Substring(kv[0])), kv.count > 1 ? decodeComponent(kv[1]) : "")
    }
  }

  static func decodeComponent(_ s: Substring) -> String {
    let bytes = Array(s.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    func hex(_ b: UInt8) -> UInt8? {
      switch b {
      case 0x30...0x39: b - 0x30
      case 0x41...0x46: b - 0x41 + 10
      case 0x61...0x66: b - 0x61 + 10
      default: nil
      }
    }
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "+") {
        out.append(0x20); i += 1
      } else if b == UInt8(ascii: "%"), i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
        out.append(h << 4 | l); i += 3
      } else {
        out.append(b); i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Percent-encodes everything but the unreserved characters (RFC 3986).
  static func percentEncode(_ s: String) -> String {
    let digits = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    for b in s.utf8 {
      switch b {
      case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.append(b)
      default:
        out.append(UInt8(ascii: "%")); out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Splits a multipart/form-data body into its parts (RFC 7578), simply: each part's headers
  /// up to the blank line, its name and file name from Content-Disposition, its bytes up to the
  /// CRLF before the next boundary.
  static func multipart(_ body: [UInt8], contentType: String) throws(APIError) -> [Part] {
    guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty else {
      throw APIError(status: 400, code: "malformed_form", message: "multipart/form-data without a boundary parameter in Content-Type")
    }
    let delimiter = Array(("--" + boundary).utf8)
    guard var pos = find(delimiter, in: body, from: 0) else {
      throw APIError(status: 400, code: "malformed_form", message: "the form body does not contain its boundary \"\(boundary)\"")
    }
    var parts: [Part] = []
    while true {
      pos += delimiter.count
      // "--" after a delimiter closes the body.
      if pos + 1 < body.count, body[pos] == UInt8(ascii: "-"), body[pos + 1] == UInt8(ascii: "-") { return parts }
      guard let headerStart = find([0x0D, 0x0A], in: body, from: pos).map({ $0 + 2 }),
        let headerEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: headerStart - 2)
      else {
        throw APIError(status: 400, code: "malformed_form", message: "form part \(parts.count + 1) has no header block (byte \(pos))")
      }
      let headers = String(decoding: body[headerStart..<max(headerStart, headerEnd)], as: UTF8.self)
      let dataStart = headerEnd + 4
      guard let next = find([0x0D, 0x0A] + delimiter, in: body, from: dataStart) else {
        throw APIError(status: 400, code: "malformed_form", message: "form part \(parts.count + 1) is not closed by the boundary")
      }
      var name = "", fileName: String?
      for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
        let value = String(line.dropFirst("content-disposition:".count))
        name = parameter("name", in: value) ?? ""
        fileName = parameter("filename", in: value)
      }
      parts.append(Part(name: name, fileName: fileName, data: Array(body[dataStart..<next])))
      pos = next + 2
    }
  }

  /// A `key=value` or `key="value"` parameter of a header value.
  static func parameter(_ key: String, in header: String) -> String? {
    for piece in header.split(separator: ";") {
      let kv = piece.split(separator: "=", maxSplits: 1)
      guard kv.count == 2, kv[0].trimmingSpaces().lowercased() == key else { continue }
      var v = kv[1].trimmingSpaces()
      if v.count >= 2, v.hasPrefix("\""), v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
      return v
    }
    return nil
  }

  static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
    guard !needle.isEmpty, hay.count >= needle.count else { return nil }
    var i = max(0, from)
    let first = needle[0]
    while i + needle.count <= hay.count {
      if hay[i] == first, hay[i..<i + needle.count].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }
}

extension Substring {
  func trimmingSpaces() -> String {
    String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
  }
}
