/// The scalars of an input and where each one starts in the input's UTF-8 bytes.
struct DecodedInput {
  /// Scalar values; every ill-formed UTF-8 sequence became U+FFFD.
  var scalars: [UInt32] = []
  /// `utf8Offsets[i]` is the byte offset of scalar `i` in the input; one extra entry holds the length.
  var utf8Offsets: [Int] = []
  /// How many ill-formed sequences were replaced.
  var repairs = 0

  /// Decodes UTF-8, replacing each maximal ill-formed subsequence with U+FFFD (the practice the
  /// Unicode Standard recommends, chapter 3), so byte offsets keep pointing into the input.
  init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    let n = bytes.count
    scalars.reserveCapacity(n)
    utf8Offsets.reserveCapacity(n + 1)
    var i = 0
    while i < n {
      let b0 = bytes[i]
      if b0 < 0x80 {
        scalars.append(UInt32(b0))
        utf8Offsets.append(i)
        i += 1
        continue
      }
      let start = i
      var need = 0
      var v: UInt32 = 0
      var lo: UInt8 = 0x80
      var hi: UInt8 = 0xBF
      switch b0 {
      case 0xC2...0xDF: need = 1; v = UInt32(b0 & 0x1F)
      case 0xE0: need = 2; v = UInt32(b0 & 0x0F); lo = 0xA0
      case 0xE1...0xEC, 0xEE, 0xEF: need = 2; v = UInt32(b0 & 0x0F)
      case 0xED: need = 2; v = UInt32(b0 & 0x0F); hi = 0x9F
      case 0xF0: need = 3; v = UInt32(b0 & 0x07); lo = 0x90
      case 0xF1...0xF3: need = 3; v = UInt32(b0 & 0x07)
      case 0xF4: need = 3; v = UInt32(b0 & 0x07); hi = 0x8F
      default:
        scalars.append(0xFFFD)
        utf8Offsets.append(i)
        repairs += 1
        i += 1
        continue
      }
      i += 1
      var ok = true
      for k in 0..<need {
        guard i < n else { ok = false; break }
        let b = bytes[i]
        let (l, h) = k == 0 ? (lo, hi) : (UInt8(0x80), UInt8(0xBF))
        guard b >= l && b <= h else { ok = false; break }
        v = (v << 6) | UInt32(b & 0x3F)
        i += 1
      }
      utf8Offsets.append(start)
      if ok {
        scalars.append(v)
      } else {
        scalars.append(0xFFFD)
        repairs += 1
      }
    }
    utf8Offsets.append(n)
  }

  /// Decodes a Swift string (always valid UTF-8).
  init(_ text: String) {
    var copy = text
    self = copy.withUTF8 { DecodedInput(utf8: $0) }
  }
}

/// Builds a String from scalar values.
func makeString(_ scalars: some Collection<UInt32>) -> String {
  var view = String.UnicodeScalarView()
  for v in scalars { view.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
  return String(view)
}

/// Builds a String from scalar values, fast when they are ASCII.
func makeString(_ buf: UnsafeBufferPointer<UInt32>) -> String {
  var ascii = true
  for v in buf where v >= 0x80 { ascii = false; break }
  if ascii {
    return String(unsafeUninitializedCapacity: buf.count) { out in
      for (k, v) in buf.enumerated() { out[k] = UInt8(truncatingIfNeeded: v) }
      return buf.count
    }
  }
  var view = String.UnicodeScalarView()
  for v in buf { view.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
  return String(view)
}
