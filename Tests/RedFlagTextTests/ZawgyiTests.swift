import Testing
@testable import RedFlagText

@Suite("Zawgyi")
struct ZawgyiTests {
  /// Burmese job-ad sentences in Unicode.
  static let unicodeSentences: [String] = [
    "ထိုင်းနိုင်ငံတွင် အလုပ်လုပ်ရန် အမျိုးသမီးများ လိုအပ်သည်",
    "လစာကောင်း အတွေ့အကြုံမလိုပါ",
    "အသက် ၁၈ မှ ၂၅ နှစ် မိန်းကလေးများ လိုအပ်သည်",
    "နေရာအကန့်အသတ်ရှိသည် မြန်မြန်ဆက်သွယ်ပါ",
    "ဧည့်သည်နဲ့အတူ သောက်ရမည် ဘောက်ဆူးရ",
    "လေယာဉ်လက်မှတ် အခမဲ့ ပေးမည်",
    "ပတ်စပို့ မလိုအပ်ပါ ကုမ္ပဏီမှ စီစဉ်ပေးမည်",
    "တရုတ်စကားပြော ဝန်ထမ်း ခေါ်ယူနေသည် Telegram @hr_mm",
  ]

  static func toZawgyi(_ s: String) throws -> String {
    let t = try #require(ICUTransliterator(id: "my-Zawgyi"))
    return String(decoding: t.transliterate(Array(s.utf16)), as: UTF16.self)
  }

  static func score(_ s: String) -> Int {
    let scalars = s.unicodeScalars.map(\.value)
    return scalars.withUnsafeBufferPointer { Zawgyi.score($0) }
  }

  @Test("Zawgyi text is detected, converted, and gives the tokens of the Unicode text", arguments: unicodeSentences)
  func convertedLikeUnicode(_ unicode: String) throws {
    let zawgyi = try Self.toZawgyi(unicode)
    // The conversion really changed the code points (else the test proves nothing).
    #expect(zawgyi != unicode)
    let a = TextAnalyzer()
    let z = a.analyze(zawgyi)
    let u = a.analyze(unicode)
    #expect(z.zawgyiConverted)
    #expect(!u.zawgyiConverted)
    #expect(z.tokens.map(\.norm) == u.tokens.map(\.norm))
    #expect(z.tokens.map(\.kind) == u.tokens.map(\.kind))
    #expect(z.language.code == "my")
    // The document keeps the input as typed.
    #expect(z.text == zawgyi)
    #expect(Self.score(zawgyi) > 0)
  }

  @Test("Spans of converted tokens lie within the input and round-trip to a piece of it", arguments: unicodeSentences)
  func convertedSpans(_ unicode: String) throws {
    let zawgyi = try Self.toZawgyi(unicode)
    let doc = TextAnalyzer().analyze(zawgyi)
    #expect(offsetProblem(doc, input: zawgyi, allowSharedSpans: true) == nil)
    let scalars = Array(zawgyi.unicodeScalars)
    for t in doc.tokens {
      #expect(t.span.end <= scalars.count)
      // A converted token spans whole Myanmar runs, never a space.
      if t.script == .myanmar {
        #expect(!t.text.unicodeScalars.contains(" "), "\(t.text)")
      }
      // (By scalars: a Zawgyi run may begin with a vowel sign, which is no Character of its own.)
      let inner = t.text.unicodeScalars.map(\.value)
      let outer = zawgyi.unicodeScalars.map(\.value)
      let found = (0...(outer.count - inner.count)).contains { Array(outer[$0..<($0 + inner.count)]) == inner }
      #expect(found, "\(t.text)")
    }
  }

  @Test("Latin tokens next to Zawgyi text keep their own exact spans")
  func latinNextToZawgyi() throws {
    let zawgyi = try Self.toZawgyi("ဝန်ထမ်း ခေါ်ယူနေသည် Telegram @hr_mm")
    let doc = TextAnalyzer().analyze(zawgyi)
    #expect(doc.zawgyiConverted)
    let tg = try #require(doc.tokens.first { $0.norm == "telegram" })
    let handle = try #require(doc.tokens.first { $0.kind == .handle })
    let n = zawgyi.unicodeScalars.count
    #expect(handle.text == "@hr_mm")
    #expect(handle.span.end == n && handle.span.start == n - 6)
    #expect(tg.span.end == n - 7 && tg.span.start == n - 15)
    #expect(handle.span.utf8End == zawgyi.utf8.count)
  }

  @Test("Unicode Burmese is not taken for Zawgyi", arguments: unicodeSentences)
  func unicodeNotZawgyi(_ unicode: String) {
    #expect(!TextAnalyzer().analyze(unicode).zawgyiConverted)
    #expect(Self.score(unicode) <= 0)
  }

  @Test("Short Unicode words are not taken for Zawgyi")
  func shortUnicodeWords() {
    let a = TextAnalyzer()
    for w in ["နေရာ", "အကန့်အသတ်", "ဧည့်သည်", "ကုမ္ပဏီ", "ပေး", "မြန်မာ", "ရှိသည်", "လေယာဉ်"] {
      let doc = a.analyze(w)
      #expect(!doc.zawgyiConverted, "\(w)")
      #expect(doc.tokens.map(\.norm).joined() == w, "\(w)")
    }
  }

  @Test("Text without Myanmar letters is never converted")
  func noMyanmar() {
    let doc = TextAnalyzer().analyze("Hiring in Myanmar, salary 500,000 kyat ကျပ်")
    #expect(!doc.zawgyiConverted)
    #expect(!TextAnalyzer().analyze("ทำงานที่กัมพูชา").zawgyiConverted)
  }

  @Test("A post mixing Zawgyi and Thai converts only the Burmese")
  func mixedWithThai() throws {
    let zawgyi = try Self.toZawgyi("လစာကောင်း အတွေ့အကြုံမလိုပါ")
    let s = "ทำงานที่กัมพูชา " + zawgyi
    let doc = TextAnalyzer().analyze(s)
    #expect(doc.zawgyiConverted)
    #expect(doc.tokens.prefix(3).map(\.text) == ["ทำงาน", "ที่", "กัมพูชา"])
    #expect(doc.tokens.dropFirst(3).map(\.norm) == ["လစာ", "ကောင်း", "အတွေ့အကြုံ", "မ", "လို", "ပါ"])
    #expect(offsetProblem(doc, input: s, allowSharedSpans: true) == nil)
  }
}
