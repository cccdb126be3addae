import Testing
@testable import RedFlagText

/// Latin-script job-ad sentences in en, id, ms, tl and vi, with the punctuation real posts use.
let latinSamples: [String] = [
  "Urgent hiring! Customer service staff, no experience needed. Salary $1,500-3,000/month.",
  "Free flight, visa & accommodation. DM @hr_01 on Telegram: t.me/joblink_asia",
  "We're hiring data-entry typists (full-time); e.g. 9:30am–6pm, Mon.–Fri. Contact: jobs@example.com",
  "Lowongan kerja ke Kamboja, gaji besar tanpa pengalaman! Tiket pesawat gratis, mess gratis.",
  "Jawatan kosong: khidmat pelanggan, gaji RM3,500 sebulan. Boleh mula segera, tiada pengalaman diperlukan.",
  "Hiring po kami ng customer service sa Cambodia, walang experience okay lang, libre ang pamasahe!",
  "Tuyển nhân viên chăm sóc khách hàng, việc nhẹ lương cao, bao ăn ở, bao vé máy bay.",
  "Tuyen nhan vien cham soc khach hang, viec nhe luong cao 20tr/thang, lien he Zalo 0912.345.678",
  "Don't pay anyone: \"no placement fee\" as per POEA rule 3.2.1 — workers keep their own passports.",
  "T e l e g r a m   c.u.s.t.o.m.e.r W-h-a-t-s-A-p-p freeee s3rvice K@mbodia n0 exp3rience",
  "Über 3,5 Mio. € café naïve résumé coöperate façade 1.000.000,50 x_y __init__ a_1 _a 1_ ___",
  "line1\nline2\r\nline3\rline4  \t tabs\u{2028}sep “quoted” ‘single’ it’s rock'n'roll",
  "áb́c ẹ̄ x\u{301}\u{301}y 5\u{301}6 e\u{300}.\u{301}g",
]

func randomLatinText(_ rng: inout some RandomNumberGenerator, length: Int) -> String {
  let alphabet: [Unicode.Scalar] = Array(
    "aAbBzZ09 57 .,:;'’\"-_/@!?()\n\r\t$€ÀéđươẠ\u{301}\u{300}\u{2019}\u{2024}\u{00B7}\u{00AD}\u{2014}\u{2028}".unicodeScalars)
  var view = String.UnicodeScalarView()
  for _ in 0..<length { view.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]) }
  return String(view)
}

struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct FastPathAgainstICU {
  @Test(arguments: latinSamples)
  func sameSegmentsAsICU(_ text: String) throws {
    let fast = try #require(WordSegmenter.segmentFast(text))
    #expect(fast == WordSegmenter.segmentICU(text), "\(text.debugDescription)")
  }

  @Test func randomLatinStrings() throws {
    var rng = SplitMix(state: 0xC0FFEE)
    var declined = 0
    for _ in 0..<100000 {
      let text = randomLatinText(&rng, length: Int.random(in: 1...40, using: &rng))
      // The fast path may decline rare text (it then goes to ICU); when it answers, it must agree.
      guard let fast = WordSegmenter.segmentFast(text) else { declined += 1; continue }
      let icu = WordSegmenter.segmentICU(text)
      #expect(fast == icu, "\(text.debugDescription)")
      if fast != icu { return }
    }
    #expect(declined < 5000, "the fast path declined \(declined) of 100000 texts")
  }

  @Test func nonLatinTextIsLeftToICU() {
    #expect(WordSegmenter.segmentFast("ทำงานที่กัมพูชา") == nil)
    #expect(WordSegmenter.segmentFast("客服 高薪") == nil)
  }
}
