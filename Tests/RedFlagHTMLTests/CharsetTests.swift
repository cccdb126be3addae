import Testing
@testable import RedFlagHTML

@Suite struct CharsetTests {
  static let thaiPageBody =
    "<title>งานด่วน</title></head><body><p>รับสมัครแม่บ้าน เงินเดือน 15,000 บาท</p><p>ทำงานที่มาเลเซีย ไม่ต้องใช้วีซ่า</p></body></html>"
  static let thaiText = "งานด่วน\nรับสมัครแม่บ้าน เงินเดือน 15,000 บาท\nทำงานที่มาเลเซีย ไม่ต้องใช้วีซ่า"

  @Test func windows874MetaCharset() {
    let bytes = tis620("<html><head><meta charset=\"windows-874\">" + Self.thaiPageBody)
    #expect(!bytes.contains { $0 >= 0x80 && $0 < 0xA1 })  // really single-byte Thai
    let r = HTMLExtractor.extract(html: bytes)
    #expect(r.text == Self.thaiText)
    #expect(r.title == "งานด่วน")
    #expect(r.warnings.isEmpty)
    expectSpansRoundTrip(r)
  }

  @Test func tis620HttpEquivMeta() {
    let bytes = tis620(
      "<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=TIS-620'>"
        + Self.thaiPageBody)
    let r = HTMLExtractor.extract(html: bytes)
    #expect(r.text == Self.thaiText)
  }

  @Test func declaredCharsetWithoutMeta() {
    let bytes = tis620("<html><head>" + Self.thaiPageBody)
    #expect(HTMLExtractor.extract(html: bytes, declaredCharset: "TIS-620").text == Self.thaiText)
    // Without any charset information the bytes are not UTF-8: replacement characters, no crash.
    let guessed = HTMLExtractor.extract(html: bytes)
    #expect(guessed.text.unicodeScalars.contains("\u{FFFD}"))
    expectSpansRoundTrip(guessed)
  }

  @Test func declaredCharsetWinsOverMeta() {
    let bytes = tis620("<html><head><meta charset=\"utf-8\">" + Self.thaiPageBody)
    #expect(HTMLExtractor.extract(html: bytes, declaredCharset: "windows-874").text == Self.thaiText)
  }

  @Test func commentedOutMetaIsIgnored() {
    let bytes = tis620("<!-- <meta charset=\"utf-8\"> --><meta charset=\"tis-620\">" + Self.thaiPageBody)
    #expect(HTMLExtractor.extract(html: bytes).text == Self.thaiText)
  }

  @Test func gb2312AndBig5() {
    // "中文" is D6 D0 CE C4 in GB2312 and A4 A4 A4 E5 in Big5.
    let gb = Array("<p>".utf8) + [0xD6, 0xD0, 0xCE, 0xC4] + Array("</p>".utf8)
    #expect(HTMLExtractor.extract(html: gb, declaredCharset: "GB2312").text == "中文")
    #expect(HTMLExtractor.extract(html: gb, declaredCharset: "gbk").text == "中文")
    let big5 = Array("<meta charset=big5><p>".utf8) + [0xA4, 0xA4, 0xA4, 0xE5] + Array("</p>".utf8)
    #expect(HTMLExtractor.extract(html: big5).text == "中文")
  }

  @Test func utf8ByDefaultAndWithBOM() {
    let text = "<p>Lương 1.500 USD</p>"
    #expect(HTMLExtractor.extract(html: Array(text.utf8)).text == "Lương 1.500 USD")
    #expect(HTMLExtractor.extract(html: [0xEF, 0xBB, 0xBF] + Array(text.utf8)).text == "Lương 1.500 USD")
    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    #expect(HTMLExtractor.extract(html: utf16).text == "Lương 1.500 USD")
  }

  @Test func metaClaimingUTF16MeansUTF8() {
    let bytes = Array("<meta charset=utf-16><p>Gaji RM3,000</p>".utf8)
    #expect(HTMLExtractor.extract(html: bytes).text == "Gaji RM3,000")
  }

  @Test func stringInputIgnoresMetaCharset() {
    let r = HTMLExtractor.extract(html: "<meta charset=\"windows-874\"><p>งานด่วน</p>")
    #expect(r.text == "งานด่วน")
  }

  @Test func invalidUTF8BecomesReplacementCharacters() {
    let bytes = Array("<p>Gaji RM3000 ".utf8) + [0xFF, 0xC3] + Array(" sebulan</p><p>Hubungi kami</p>".utf8)
    let r = HTMLExtractor.extract(html: bytes)
    #expect(r.text == "Gaji RM3000 \u{FFFD}\u{FFFD} sebulan\nHubungi kami")
    expectSpansRoundTrip(r)
  }

  @Test func invalidBytesInLegacyCharsetDoNotStopDecoding() {
    // 0xFC..0xFF are unassigned in windows-874; decoding goes on after them.
    let bytes = tis620("<meta charset=windows-874><p>งาน") + [0xFF, 0xFE] + tis620("ด่วน</p>")
    #expect(HTMLExtractor.extract(html: bytes).text == "งาน\u{FFFD}\u{FFFD}ด่วน")
    // A GBK page cut in the middle of a two-byte character.
    let cut = Array("<p>".utf8) + [0xD6, 0xD0, 0xCE]
    #expect(HTMLExtractor.extract(html: cut, declaredCharset: "gbk").text == "中\u{FFFD}")
  }

  @Test func unknownCharsetsWarnAndFallBackToUTF8() {
    let bytes = Array("<meta charset=\"x-no-such-charset\"><p>Hello</p>".utf8)
    let r = HTMLExtractor.extract(html: bytes)
    #expect(r.text == "Hello")
    #expect(r.warnings.count == 1)
    #expect(r.warnings.first?.contains("x-no-such-charset") == true)
    let bad = HTMLExtractor.extract(html: Array("<p>Hi</p>".utf8), declaredCharset: "text/html; <b>")
    #expect(bad.text == "Hi")
    #expect(bad.warnings.first?.contains("not a charset name") == true)
  }

  @Test func charsetLabelsResolve() {
    #expect(Charset.resolve(label: " \"Windows-874\" ", fromMeta: true) == .iconv(["WINDOWS-874", "CP874", "TIS-620"]))
    #expect(Charset.resolve(label: "GB2312", fromMeta: false) == .iconv(["GB18030", "GBK"]))
    #expect(Charset.resolve(label: "UTF8", fromMeta: false) == .utf8)
    #expect(Charset.resolve(label: "a b", fromMeta: false) == nil)
    #expect(Charset.charsetFromContentType("text/html; charset=\"big5\"") == "big5")
    #expect(Charset.charsetFromContentType("text/html") == nil)
  }
}
