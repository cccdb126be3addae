/// Burmese typed in the Zawgyi font encoding: detection and conversion to Unicode.
///
/// Zawgyi reuses Myanmar code points for visual forms, so the same bytes mean different text.
/// Detection weighs code-point patterns that only one of the two encodings produces.
enum Zawgyi {
  @inline(__always) static func isMyanmar(_ v: UInt32) -> Bool {
    (v >= 0x1000 && v <= 0x109F) || (v >= 0xAA60 && v <= 0xAA7F) || (v >= 0xA9E0 && v <= 0xA9FF)
  }
  @inline(__always) static func isConsonant(_ v: UInt32) -> Bool { v >= 0x1000 && v <= 0x1021 }

  /// Log-odds style score: positive means the Myanmar text in `s` is more likely Zawgyi.
  static func score(_ s: UnsafeBufferPointer<UInt32>) -> Int {
    var z = 0
    var u = 0
    let n = s.count
    for i in 0..<n {
      let v = s[i]
      guard isMyanmar(v) else { continue }
      let prev: UInt32 = i > 0 ? s[i - 1] : 0x20
      let next: UInt32 = i + 1 < n ? s[i + 1] : 0x20
      switch v {
      case 0x1031:
        // Vowel sign E: Zawgyi stores it before the consonant it is drawn before, Unicode after.
        if isConsonant(next) && !isConsonant(prev) && !(prev >= 0x103B && prev <= 0x103E) {
          z += 2
        } else if isConsonant(prev) || (prev >= 0x103B && prev <= 0x103E) {
          u += 1
        }
      case 0x103A:
        // Unicode's asat. Zawgyi writes asat as 0x1039 and uses 0x103A for a medial, so a
        // document that uses 0x103A after a consonant or dot-below reads as Unicode.
        if isConsonant(prev) || prev == 0x1037 { u += 1 }
      case 0x1039:
        // Unicode's virama always stacks a consonant; Zawgyi's asat (0x1039) ends a syllable.
        if isConsonant(next) { u += 1 } else { z += 2 }
      case 0x103B:
        // Unicode's medial ya follows its consonant; Zawgyi's medial ra (0x103B) precedes it.
        if isConsonant(next) && !isConsonant(prev) && !(prev >= 0x102B && prev <= 0x103E) { z += 2 }
      case 0x1060...0x1097:
        // Zawgyi's stacked consonants and medial forms; Unicode Burmese rarely uses this block.
        z += 1
      default:
        break
      }
    }
    return z - u
  }

  static func isZawgyi(_ s: UnsafeBufferPointer<UInt32>) -> Bool { score(s) > 0 }
}
