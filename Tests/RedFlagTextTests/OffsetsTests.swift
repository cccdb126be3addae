import Testing
@testable import RedFlagText

/// Checks that every token of `doc` maps back to `input` exactly: by code points and by UTF-8 bytes.
/// Returns a description of the first problem, or nil.
func offsetProblem(_ doc: AnalyzedText, input: String, allowSharedSpans: Bool = false) -> String? {
  let scalars = Array(input.unicodeScalars)
  let bytes = Array(input.utf8)
  if doc.scalarCount != scalars.count { return "scalarCount \(doc.scalarCount) != \(scalars.count)" }
  if doc.utf8Count != bytes.count { return "utf8Count \(doc.utf8Count) != \(bytes.count)" }
  var previous: TextSpan? = nil
  for t in doc.tokens {
    let s = t.span
    guard 0 <= s.start, s.start < s.end, s.end <= scalars.count else { return "bad span \(s) for \(t.text.debugDescription)" }
    guard 0 <= s.utf8Start, s.utf8Start < s.utf8End, s.utf8End <= bytes.count else {
      return "bad utf8 span \(s) for \(t.text.debugDescription)"
    }
    var bySlice = String.UnicodeScalarView()
    bySlice.append(contentsOf: scalars[s.start..<s.end])
    if String(bySlice) != t.text { return "scalars \(s.start)..<\(s.end) = \(String(bySlice).debugDescription), token \(t.text.debugDescription)" }
    let byBytes = String(decoding: bytes[s.utf8Start..<s.utf8End], as: UTF8.self)
    if byBytes != t.text { return "bytes \(s.utf8Start)..<\(s.utf8End) = \(byBytes.debugDescription), token \(t.text.debugDescription)" }
    // The byte offsets are those of the code point offsets.
    let prefixBytes = String(String.UnicodeScalarView(scalars[0..<s.start])).utf8.count
    if prefixBytes != s.utf8Start { return "utf8Start \(s.utf8Start) but \(s.start) scalars take \(prefixBytes) bytes" }
    if let p = previous {
      if allowSharedSpans {
        // Converted Zawgyi scalars all span their whole run, so tokens from one run share it.
        if s.start < p.start || s.end < p.end { return "span \(s) out of order after \(p)" }
      } else if s.start < p.end {
        return "span \(s) overlaps or precedes \(p)"
      }
    }
    previous = s
  }
  return nil
}

/// A small seeded generator (xorshift64*), so failures can be replayed.
struct OffsetsRNG: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed == 0 ? 0x2545_F491_4F6C_DD1D : seed }
  mutating func next() -> UInt64 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 0x2545_F491_4F6C_DD1D
  }
}

@Suite("Offsets")
struct OffsetsTests {
  static let fixed: [String] =
    LanguagesTests.samples.map(\.text) + [
      "T e l e g r a m @hr_01 ทำงานที่กัมพูชา",
      // Mixed-language posts with entities and emoji.
      "🔥🔥 HIRING 🇰🇭✈️ Call/WhatsApp +855 12 345 678 or email hr@jobs-asia.com, apply https://jobs-asia.com/apply?id=7 💰 $1,500/month",
      "รายได้ 30,000 บาท/เดือน ติดต่อ LINE: @job_th 081-234-5678 👩‍💼 งานออนไลน์",
      "Tuyển gấp 👉 việc nhẹ lương cao 20 triệu/tháng, Zalo 0912.345.678 🇻🇳➡️🇰🇭",
      "高薪招聘客服人员，月薪１５０００元，联系电话：１３８１２３４５６７８ 微信 wx_job88 👨‍👩‍👧",
      "ក្រុមហ៊ុនត្រូវការបុគ្គលិកស្រី អាយុ ១៨ ដល់ ២៥ ឆ្នាំ Telegram: t.me/khjobs ☎️ ០១២ ៣៤៥ ៦៧៨",
      "ຮັບສະໝັກພະນັກງານ 🇱🇦 ເງິນເດືອນ 5,000,000 ກີບ WhatsApp +856 20 5555 1234",
      "မိန်းကလေးများ လိုအပ်သည် ✈️ 🇹🇭 Viber 09 781 234 567",
      // Zero-width, bidi controls, soft hyphen, BOM.
      "\u{FEFF}Tele\u{200B}gram \u{202E}WhatsApp\u{202C} s\u{00AD}alary ทำ\u{200B}งาน 柬埔\u{200C}寨 \u{2066}@hr_01\u{2069}",
      "\u{200B}\u{200B}\u{200D}",
      "W\u{200D}hatsApp 👨\u{200D}💻 \u{200F}שלום\u{200E} ok",
      // Fullwidth text, ideographic space.
      "ＴＥＬＥＧＲＡＭ　ＬＩＮＥ　ＩＤ：ｊｏｂ８８　月薪１５０００元",
      // Spread letters and leetspeak.
      "W-h-a-t-s-A-p-p c.u.s.t.o.m.e.r ca$h K@mbodia n0 exp3rience fr!ends",
      // Vietnamese typed with combining marks, line breaks.
      "vie\u{323}\u{302}c nhe\u{323}\nlu\u{31B}o\u{31B}ng cao\r\nđi làm",
      " ",
      "",
    ]

  @Test("Every token of fixed samples maps back to the original text and bytes")
  func fixedSamples() {
    let a = TextAnalyzer()
    for s in Self.fixed {
      let doc = a.analyze(s)
      #expect(offsetProblem(doc, input: s) == nil, "\(s.debugDescription)")
      #expect(doc.text == s)
      let viaBytes = a.analyze(utf8: Array(s.utf8))
      #expect(viaBytes.tokens == doc.tokens, "\(s.debugDescription)")
    }
  }

  @Test("Tokens skip the invisible controls at their edges")
  func invisibleEdges() {
    let doc = TextAnalyzer().analyze("\u{202E}WhatsApp\u{202C} \u{200B}job\u{200B}")
    #expect(doc.tokens.map(\.text) == ["WhatsApp", "job"])
    #expect(doc.tokens.map(\.span.start) == [1, 12])
    #expect(doc.tokens.map(\.span.utf8Start) == [3, 18])
  }

  @Test("Documents of several languages have one token list in order")
  func mixedLanguages() {
    let s = "Tuyển gấp 👉 ทำงานที่กัมพูชา 高薪招聘 ត្រូវការបុគ្គលិក"
    let doc = TextAnalyzer().analyze(s)
    #expect(offsetProblem(doc, input: s) == nil)
    let scripts = doc.tokens.filter { $0.kind == .word }.map(\.script)
    #expect(scripts.first == .latin && scripts.last == .khmer)
    #expect(scripts.contains(.thai) && scripts.contains(.han))
    #expect(doc.languageSpans.map(\.guess.code) == ["vi", "th", "zh", "km"])
    for sp in doc.languageSpans {
      #expect(sp.span.start < sp.span.end && sp.span.end <= doc.scalarCount)
    }
  }

  static let alphabet: [[Unicode.Scalar]] = {
    func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }
    return [
      scalars("abcxyzTELGRAMWhatsp"),
      scalars("ăâđêôơưáàảãạếềểễệ") + [Unicode.Scalar(0x301)!, Unicode.Scalar(0x323)!, Unicode.Scalar(0x302)!],
      scalars("กขงทนมยรลวสหอะัาำิีึืุูเแโใไ่้๊๋์"),
      scalars("កខគងចញតនបពមយរលវសហអាិីឹុូេែៃោៅំះ់្"),
      scalars("ກຂງຈຊດຕທນບປມຢຣລວສຫອະັາຳິີຶືຸູເແໂໃໄ່້ໜໝ"),
      scalars("ကခဂငစညတထနပဖမယရလဝသဟအါာိီုူေဲံ့း်ျြွှ၀၁"),
      scalars("招聘高薪工作柬埔寨我們员工元月"),
      scalars("0123456789٣๓១໑၁"),
      scalars(".,:;!?@#$%&/-_'\"()[]+=~|€฿₫"),
      scalars("    \n\t"),
      [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x202E, 0x202C, 0x2066, 0x2069, 0x200E, 0x200F].map {
        Unicode.Scalar($0)!
      },
      scalars("ＡＢＣｔｅｌｅｇｒａｍ０１２３＠：　"),
      scalars("✈💰🔥😀👍👨👩👧💼🏽") + [Unicode.Scalar(0xFE0F)!],
    ]
  }()

  /// Emoji sequences inserted whole: ZWJ families, flags, keycaps, skin tones.
  static let sequences: [String] = [
    "👨\u{200D}👩\u{200D}👧\u{200D}👦", "🇰🇭", "🇹🇭", "🇻🇳🇱🇦", "👩🏽\u{200D}💻", "1\u{FE0F}\u{20E3}", "✈️", "🏳️\u{200D}🌈",
    "https://t.me/x_1", "hr@a.vn", "+855 12 345 678", "$1,500", "T e l e g r a m", "ca$h",
  ]

  static func randomString(_ rng: inout OffsetsRNG) -> String {
    var view = String.UnicodeScalarView()
    let length = Int.random(in: 0...60, using: &rng)
    // Runs from one group at a time, so scripts form words rather than single letters.
    while view.count < length {
      if Int.random(in: 0..<8, using: &rng) == 0 {
        view.append(contentsOf: sequences.randomElement(using: &rng)!.unicodeScalars)
        continue
      }
      let group = alphabet.randomElement(using: &rng)!
      for _ in 0..<Int.random(in: 1...6, using: &rng) { view.append(group.randomElement(using: &rng)!) }
    }
    return String(view)
  }

  @Test("2,000 random mixed-script strings keep exact offsets", arguments: [UInt64(7), 20_260_000])
  func randomStrings(seed: UInt64) {
    var rng = OffsetsRNG(seed: seed)
    let a = TextAnalyzer()
    var failures = 0
    var strict = 0
    for _ in 0..<1000 {
      let s = Self.randomString(&rng)
      let doc = a.analyze(s)
      if !doc.zawgyiConverted { strict += 1 }
      if let p = offsetProblem(doc, input: s, allowSharedSpans: doc.zawgyiConverted) {
        failures += 1
        if failures <= 5 { Issue.record("\(p) in \(s.debugDescription)") }
      }
      // Every token has a norm, and words have letters or digits in it.
      for t in doc.tokens where t.norm.isEmpty && t.kind != .emoji {
        Issue.record("empty norm for \(t.text.debugDescription) in \(s.debugDescription)")
      }
    }
    #expect(failures == 0)
    // Most strings are held to the strict rule (no overlap at all).
    #expect(strict > 700)
  }
}
