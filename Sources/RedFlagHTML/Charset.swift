// Character-set detection (BOM, declared charset, <meta> prescan) and conversion to UTF-8.
// Conversion uses the C library's iconv, with our own recovery: every undecodable byte becomes
// U+FFFD and decoding goes on, so a few bad bytes never lose the rest of the page.

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// A character set we can decode, by the name iconv knows it under.
enum DocumentCharset: Equatable {
  case utf8
  case utf16LE
  case utf16BE
  /// Any other encoding, with the iconv names to try in order.
  case iconv([String])

  var displayName: String {
    switch self {
    case .utf8: "UTF-8"
    case .utf16LE: "UTF-16LE"
    case .utf16BE: "UTF-16BE"
    case .iconv(let names): names.first ?? "?"
    }
  }
}

enum Charset {
  /// How many leading bytes the `<meta>` prescan looks at.
  static let prescanLimit = 8192

  /// Maps a charset label (from HTTP, a `<meta>` tag or the caller) to a decoder, following the
  /// WHATWG aliases where they matter for our languages: legacy Thai labels decode as
  /// windows-874 (a superset of TIS-620), GB2312/GBK as GB18030 (their superset), Big5 as
  /// Big5-HKSCS and Latin-1/ASCII as windows-1252. Returns nil for a label nobody knows.
  static func resolve(label raw: String, fromMeta: Bool) -> DocumentCharset? {
    var scalars = Array(raw.unicodeScalars)
    func isTrim(_ s: Unicode.Scalar) -> Bool {
      s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0C}" || s == "\"" || s == "'"
    }
    while let f = scalars.first, isTrim(f) { scalars.removeFirst() }
    while let l = scalars.last, isTrim(l) { scalars.removeLast() }
    var label = ""
    for scalar in scalars {
      switch scalar.value {
      case 0x41...0x5A: label.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20)!)
      case 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F, 0x2E, 0x3A: label.unicodeScalars.append(scalar)
      default: return nil  // not a charset label at all
      }
    }
    if label.isEmpty || label.utf8.count > 40 { return nil }
    switch label {
    case "utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8":
      return .utf8
    case "utf-16", "utf-16le", "unicode", "ucs-2", "unicodefeff", "csunicode", "iso-10646-ucs-2":
      // A <meta> that claims UTF-16 was necessarily read as ASCII bytes: HTML says use UTF-8.
      return fromMeta ? .utf8 : .utf16LE
    case "utf-16be", "unicodefffe":
      return fromMeta ? .utf8 : .utf16BE
    case "windows-874", "tis-620", "tis620", "iso-8859-11", "iso8859-11", "iso885911", "cp874",
      "dos-874", "x-windows-874", "ibm874":
      return .iconv(["WINDOWS-874", "CP874", "TIS-620"])
    case "gb2312", "gbk", "gb18030", "x-gbk", "chinese", "csgb2312", "csiso58gb231280",
      "gb_2312", "gb_2312-80", "iso-ir-58", "cp936", "ms936", "windows-936", "euc-cn":
      return .iconv(["GB18030", "GBK"])
    case "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", "cp950":
      return .iconv(["BIG5-HKSCS", "BIG5"])
    case "iso-8859-1", "iso8859-1", "iso88591", "latin1", "l1", "us-ascii", "ascii", "cp1252",
      "windows-1252", "x-cp1252", "cp819", "ibm819", "csisolatin1", "iso_8859-1", "ansi_x3.4-1968":
      return .iconv(["WINDOWS-1252", "CP1252"])
    case "windows-1258", "cp1258", "x-cp1258":
      return .iconv(["WINDOWS-1258", "CP1258"])
    case "viscii", "csviscii":
      return .iconv(["VISCII"])
    case "shift_jis", "sjis", "ms_kanji", "windows-31j", "x-sjis", "csshiftjis":
      return .iconv(["CP932", "SHIFT_JIS"])
    case "euc-kr", "ks_c_5601-1987", "windows-949", "cp949":
      return .iconv(["CP949", "EUC-KR"])
    default:
      return .iconv([label.uppercased()])
    }
  }

  /// Byte-order mark at the start, and its length.
  static func sniffBOM(_ b: UnsafeBufferPointer<UInt8>) -> (DocumentCharset, Int)? {
    if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { return (.utf8, 3) }
    if b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE { return (.utf16LE, 2) }
    if b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF { return (.utf16BE, 2) }
    return nil
  }

  /// Looks for `<meta charset=...>` or `<meta http-equiv=... content="...charset=...">` in the
  /// first `prescanLimit` bytes, skipping comments. Returns the raw label.
  static func prescanMeta(_ buf: UnsafeBufferPointer<UInt8>) -> String? {
    let n = min(buf.count, prescanLimit)
    var i = 0
    @inline(__always) func lower(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }
    @inline(__always) func isSpace(_ c: UInt8) -> Bool {
      c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
    }
    func matches(_ at: Int, _ word: StaticString) -> Bool {
      let len = word.utf8CodeUnitCount
      if at + len > n { return false }
      let w = word.utf8Start
      for k in 0..<len where lower(buf[at + k]) != w[k] { return false }
      return true
    }
    while i < n {
      guard buf[i] == 0x3C else { i += 1; continue }  // '<'
      if matches(i, "<!--") {
        var j = i + 4
        while j + 2 < n && !(buf[j] == 0x2D && buf[j + 1] == 0x2D && buf[j + 2] == 0x3E) { j += 1 }
        i = j + 3
        continue
      }
      guard matches(i, "<meta"), i + 5 < n, isSpace(buf[i + 5]) || buf[i + 5] == 0x2F else {
        i += 1
        continue
      }
      // Attributes of this <meta>.
      var j = i + 5
      var charset: String?
      var content: String?
      var httpEquivContentType = false
      while j < n {
        while j < n && (isSpace(buf[j]) || buf[j] == 0x2F) { j += 1 }
        if j >= n || buf[j] == 0x3E { break }
        let nameStart = j
        while j < n && !isSpace(buf[j]) && buf[j] != 0x3D && buf[j] != 0x3E && buf[j] != 0x2F {
          j += 1
        }
        var name = [UInt8]()
        for k in nameStart..<j { name.append(lower(buf[k])) }
        while j < n && isSpace(buf[j]) { j += 1 }
        var value = [UInt8]()
        if j < n && buf[j] == 0x3D {
          j += 1
          while j < n && isSpace(buf[j]) { j += 1 }
          if j < n && (buf[j] == 0x22 || buf[j] == 0x27) {
            let quote = buf[j]
            j += 1
            while j < n && buf[j] != quote { value.append(buf[j]); j += 1 }
            j += 1
          } else {
            while j < n && !isSpace(buf[j]) && buf[j] != 0x3E { value.append(buf[j]); j += 1 }
          }
        }
        let text = String(decoding: value, as: UTF8.self)
        switch String(decoding: name, as: UTF8.self) {
        case "charset": charset = text
        case "content": content = text
        case "http-equiv": httpEquivContentType = text.lowercased() == "content-type"
        default: break
        }
      }
      if let charset, !charset.isEmpty { return charset }
      if let content, httpEquivContentType || content.lowercased().contains("charset") {
        if let label = charsetFromContentType(content) { return label }
      }
      i = j + 1
    }
    return nil
  }

  /// `text/html; charset=windows-874` -> `windows-874`.
  static func charsetFromContentType(_ content: String) -> String? {
    let bytes = Array(content.utf8)
    let key = Array("charset".utf8)
    var i = 0
    while i + key.count <= bytes.count {
      var hit = true
      for k in 0..<key.count where (bytes[i + k] | 0x20) != key[k] { hit = false; break }
      if !hit { i += 1; continue }
      var j = i + key.count
      while j < bytes.count && bytes[j] == 0x20 { j += 1 }
      guard j < bytes.count, bytes[j] == 0x3D else { i += 1; continue }
      j += 1
      while j < bytes.count && bytes[j] == 0x20 { j += 1 }
      var value = [UInt8]()
      if j < bytes.count && (bytes[j] == 0x22 || bytes[j] == 0x27) {
        let quote = bytes[j]
        j += 1
        while j < bytes.count && bytes[j] != quote { value.append(bytes[j]); j += 1 }
      } else {
        while j < bytes.count && bytes[j] != 0x3B && bytes[j] != 0x20 { value.append(bytes[j]); j += 1 }
      }
      return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }
    return nil
  }

  /// Decodes `input` to a Swift string (valid UTF-8). Undecodable bytes become U+FFFD.
  /// Returns nil only when iconv knows none of the charset's names.
  static func decode(_ input: UnsafeBufferPointer<UInt8>, as charset: DocumentCharset) -> String? {
    switch charset {
    case .utf8:
      return String(validating: input, as: UTF8.self) ?? String(decoding: input, as: UTF8.self)
    case .utf16LE:
      return convert(input, from: "UTF-16LE", unit: 2)
    case .utf16BE:
      return convert(input, from: "UTF-16BE", unit: 2)
    case .iconv(let names):
      for name in names {
        if let s = convert(input, from: name, unit: 1) { return s }
      }
      return nil
    }
  }

  /// iconv to UTF-8 with recovery. `unit` is how many bytes to skip over an invalid sequence.
  private static func convert(_ input: UnsafeBufferPointer<UInt8>, from name: String, unit: Int)
    -> String?
  {
    let cd = iconv_open("UTF-8", name)
    if Int(bitPattern: cd) == -1 { return nil }
    defer { iconv_close(cd) }
    guard let base = input.baseAddress, input.count > 0 else { return "" }
    var out = [UInt8](repeating: 0, count: input.count * 3 + 16)
    var produced = 0
    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
      .assumingMemoryBound(to: CChar.self)
    var inLeft = input.count
    let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
    while inLeft > 0 {
      if out.count - produced < 8 { out.append(contentsOf: repeatElement(0, count: out.count)) }
      var failure: Int32 = 0
      out.withUnsafeMutableBufferPointer { ob in
        let raw = UnsafeMutableRawPointer(ob.baseAddress!).assumingMemoryBound(to: CChar.self)
        var outPtr: UnsafeMutablePointer<CChar>? = raw + produced
        var outLeft = ob.count - produced
        let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        produced = ob.count - outLeft
        failure = r == -1 ? errno : 0
      }
      if failure == 0 { break }
      switch failure {
      case E2BIG:
        out.append(contentsOf: repeatElement(0, count: out.count))
      case EINVAL:  // truncated multibyte sequence at the end
        out.replaceSubrange(produced..<produced + 3, with: replacement)
        produced += 3
        inLeft = 0
      default:  // EILSEQ: an invalid sequence; replace one unit and go on
        out.replaceSubrange(produced..<produced + 3, with: replacement)
        produced += 3
        let skip = min(unit, inLeft)
        inPtr = inPtr.map { $0 + skip }
        inLeft -= skip
      }
    }
    out.removeSubrange(produced...)
    return String(validating: out, as: UTF8.self) ?? String(decoding: out, as: UTF8.self)
  }
}
