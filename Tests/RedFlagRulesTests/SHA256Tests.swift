import Testing

@testable import RedFlagRules

@Suite struct SHA256Tests {
  // FIPS 180-2 / NIST example vectors.
  @Test func emptyMessage() {
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func abc() {
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func twoBlockMessage() {
    let msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(SHA256.hex(Array(msg.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func millionAs() {
    #expect(
      SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func incrementalEqualsOneShot() {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
    var h = SHA256()
    h.update(bytes[0..<63]); h.update(bytes[63..<64]); h.update(bytes[64..<500]); h.update(bytes[500...])
    #expect(SHA256.hexString(h.finalize()) == SHA256.hex(bytes))
  }

  /// Every split of the message into two pieces, and a sequence without contiguous storage,
  /// hash like the whole buffer: pending bytes, whole blocks and the tail are joined correctly.
  @Test func everySplitAndNonContiguousInput() {
    let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 * 31 + 5) }
    let whole = SHA256.hex(bytes)
    for cut in 0...bytes.count {
      var h = SHA256()
      h.update(bytes[..<cut])
      h.update(bytes[cut...])
      #expect(SHA256.hexString(h.finalize()) == whole, "split at \(cut)")
    }
    var lazy = SHA256()
    lazy.update((0..<300).lazy.map { UInt8(truncatingIfNeeded: $0 * 31 + 5) })
    #expect(SHA256.hexString(lazy.finalize()) == whole)
  }
}
