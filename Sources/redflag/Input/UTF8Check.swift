/// Finds the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF). Returns nil when all of `bytes` is valid.
func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
  let n = bytes.count
  var i = 0
  while i < n {
    let b0 = bytes[i]
    if b0 < 0x80 { i += 1; continue }
    var need = 0
    var lo: UInt8 = 0x80
    var hi: UInt8 = 0xBF
    switch b0 {
    case 0xC2...0xDF: need = 1
    case 0xE0: need = 2; lo = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: need = 2
    case 0xED: need = 2; hi = 0x9F
    case 0xF0: need = 3; lo = 0x90
    case 0xF1...0xF3: need = 3
    case 0xF4: need = 3; hi = 0x8F
    default: return i
    }
    if i + need >= n { return i }
    let b1 = bytes[i + 1]
    if b1 < lo || b1 > hi { return i }
    var k = 2
    while k <= need {
      let b = bytes[i + k]
      if b < 0x80 || b > 0xBF { return i }
      k += 1
    }
    i += need + 1
  }
  return nil
}

func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
  bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
}
