import Testing
@testable import RedFlagHTML

@Suite struct RobustnessTests {
  @Test func truncatedHTML() {
    let html = "<html><head><title>Urgent</title></head><body><p>Urgent hiring in Dubai. Salary 2000 USD<p>Send passport copy to <a href=\"https://wa.me/9715"
    let r = HTMLExtractor.extract(html: html)
    #expect(r.text.hasPrefix("Urgent\nUrgent hiring in Dubai. Salary 2000 USD\nSend passport copy to"))
    #expect(r.title == "Urgent")
    expectSpansRoundTrip(r)
    // Every prefix of a real ad parses without trouble.
    let ad = Array(Fixtures.englishAd.utf8)
    for cut in stride(from: 0, through: ad.count, by: 7) {
      let part = HTMLExtractor.extract(html: Array(ad[0..<cut]))
      expectSpansRoundTrip(part)
    }
  }

  @Test func unclosedTags() {
    let html = "<div><p>Line one<p>Line two<ul><li>item one<li>item <b>bold <i>both</div><span>after"
    let r = HTMLExtractor.extract(html: html)
    #expect(r.text == "Line one\nLine two\nitem one\nitem bold both\nafter")
    expectSpansRoundTrip(r)
  }

  @Test func tenThousandNestedDivs() {
    let depth = 10_000
    let html = String(repeating: "<div>", count: depth) + "Deep offer: 3000 USD" + String(repeating: "</div>", count: depth)
      + "<p>after</p>"
    let r = HTMLExtractor.extract(html: html)
    #expect(r.text == "Deep offer: 3000 USD\nafter")
    expectSpansRoundTrip(r)
  }

  @Test func hundredThousandNestedElementsUnclosed() {
    let depth = 100_000
    let divs = HTMLExtractor.extract(html: String(repeating: "<div>", count: depth) + "bottom")
    #expect(divs.text == "bottom")
    let inline = HTMLExtractor.extract(html: String(repeating: "<span><b>", count: depth) + "inline bottom")
    #expect(inline.text == "inline bottom")
  }

  @Test func binaryGarbage() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for round in 0..<20 {
      var bytes: [UInt8] = []
      for _ in 0..<(500 + round * 300) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes.append(UInt8(truncatingIfNeeded: state >> 33))
      }
      if round % 2 == 1 { bytes += Array("<p>tail</p><script type=application/ld+json>{\"@type\":".utf8) }
      let r = HTMLExtractor.extract(html: bytes)
      expectSpansRoundTrip(r)
      #expect(!r.text.unicodeScalars.contains("\0"))
      if round % 2 == 1 { #expect(r.warnings.contains { $0.contains("JSON-LD") }) }
      let declared = HTMLExtractor.extract(html: bytes, declaredCharset: round % 4 == 1 ? "big5" : "windows-874")
      expectSpansRoundTrip(declared)
    }
  }

  @Test func nulBytesDoNotCutText() {
    let r = HTMLExtractor.extract(html: Array("<p>before\0after</p><p>next</p>".utf8))
    #expect(r.text == "before after\nnext")
  }

  @Test func extractionIsThreadSafe() async {
    let inputs = Fixtures.all + [String(repeating: "<div>", count: 2_000) + "deep"]
    let expected = inputs.map { HTMLExtractor.extract(html: $0) }
    let thaiBytes = tis620("<meta charset=tis-620><p>งานด่วน</p>")
    let mismatches = await withTaskGroup(of: Int.self) { group in
      for worker in 0..<8 {
        group.addTask {
          var bad = 0
          for round in 0..<40 {
            let i = (worker + round) % inputs.count
            let r = HTMLExtractor.extract(html: inputs[i])
            if r.text != expected[i].text || r.blocks != expected[i].blocks
              || r.jobPostings != expected[i].jobPostings
            {
              bad += 1
            }
            if HTMLExtractor.extract(html: thaiBytes).text != "งานด่วน" { bad += 1 }
          }
          return bad
        }
      }
      return await group.reduce(0, +)
    }
    #expect(mismatches == 0)
  }
}
