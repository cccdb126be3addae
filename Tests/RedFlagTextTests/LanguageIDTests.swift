import Testing

@testable import RedFlagText

/// Lowercased words of a sentence, split on anything that is not a letter, digit or apostrophe.
private func words(_ text: String) -> [Substring] {
  text.lowercased().split { c in !(c.isLetter || c.isNumber || c == "'") }
}

struct LanguageCase: CustomTestStringConvertible, Sendable {
  var code: String
  var text: String
  init(_ code: String, _ text: String) { self.code = code; self.text = text }
  var testDescription: String { "\(code): \(text.prefix(40))" }
}

@Suite("LanguageIdentifier")
struct LanguageIDTests {

  static let ads: [LanguageCase] = [
    .init("en", "We are hiring factory workers for a company in Malaysia. No experience needed, free visa and ticket. Salary $1,500 per month. Contact us on WhatsApp for more details."),
    .init("en", "Urgent! Looking for waitresses who want to work abroad. Your passport will be kept by the agency until the loan is paid."),
    .init("id", "Lowongan kerja ke Malaysia, gaji 8 juta per bulan, tidak perlu pengalaman, bisa langsung kerja. Paspor dan tiket gratis, hubungi kami segera."),
    .init("id", "Dibutuhkan karyawan pabrik, pria atau wanita, usia minimal 18 tahun. Uang makan dan tempat tinggal disediakan perusahaan, langsung berangkat."),
    .init("ms", "Jawatan kosong kilang di Johor. Gaji RM3,500 sebulan, tidak perlu pengalaman. Sila hubungi encik Ali jika anda berminat, boleh mula kerja segera."),
    .init("ms", "Majikan akan simpan pasport anda sahaja untuk keselamatan. Elaun makan percuma, wang pendahuluan boleh dipotong daripada gaji."),
    .init("tl", "Hiring po kami ng mga cashier at service crew sa Dubai. Walang experience needed, basta masipag. Libre ang pamasahe at tirahan, PM lang po."),
    .init("tl", "Kailangan ng kasambahay sa Hong Kong, malaki ang sahod at may libreng pagkain. Ang ahensya ang bahala sa pasaporte mo."),
    .init("tl", "Looking for online chat support, work from home lang, need mo lang ng laptop. Sahod ay 30k kada buwan, apply na kayo!"),
    .init("vi", "Tuyển gấp lao động đi làm việc tại Campuchia, lương 20 triệu một tháng, không cần kinh nghiệm, bao ăn ở, liên hệ zalo."),
    .init("vi", "Tuyen gap nhan vien lam viec online, luong cao, khong can kinh nghiem, co nha o mien phi, lien he ngay."),
    .init("vi", "Công ty cần tuyển người làm việc ở nước ngoài, hộ chiếu sẽ được giữ lại để làm visa cho bạn."),
    .init("en", "Earn up to 3000 USD monthly working in customer service in Cambodia, accommodation and meals included"),
    .init("en", "Beware of fake job offers on Facebook promising high salaries in Myanmar"),
    .init("id", "Dicari TKW untuk bekerja di Taiwan sebagai perawat lansia, gaji 25 juta, potong gaji 6 bulan"),
    .init("id", "Info loker: dibutuhkan admin online, kerja dari rumah, gaji harian, minat langsung chat ya kak"),
    .init("id", "Mau kerja di luar negeri tanpa biaya? Kami bantu urus paspor dan visa kamu"),
    .init("ms", "Kerja kosong! Operator pengeluaran diperlukan segera, gaji RM1800 + elaun, asrama disediakan. Berminat sila whatsapp"),
    .init("ms", "Tawaran kerja di Thailand dengan gaji lumayan, tiket kapal terbang ditanggung syarikat, tak perlu pengalaman"),
    .init("ms", "Adakah anda mencari kerja sambilan? Boleh buat dari rumah, pendapatan sehingga RM5000 sebulan"),
    .init("tl", "Naghahanap kami ng mga factory worker papuntang Taiwan, libre ang placement fee"),
    .init("tl", "Sino gusto mag abroad? Walang bayad, kami na ang bahala sa lahat, chat lang"),
    .init("tl", "Hiring urgent! Customer service rep, kahit walang experience, basta marunong mag English"),
    .init("vi", "viec nhe luong cao, tuyen nu tu 18 den 25 tuoi, lam viec tai Dubai"),
    .init("vi", "can tuyen gap 5 ban nu phuc vu nha hang, bao an o, thu nhap 15tr"),
    .init("vi", "Xuất khẩu lao động Nhật Bản, phí thấp, bay nhanh"),
  ]

  @Test("Job ads are identified with good confidence", arguments: ads)
  func identifies(_ c: LanguageCase) {
    let g = LanguageIdentifier.guessLatin(words: words(c.text))
    #expect(g.code == c.code, "\(g)")
    #expect(g.confidence >= 0.4, "\(g)")
    #expect(g.confidence <= 1)
  }

  @Test("Accepts String and Substring words, in any case") func elementTypes() {
    let strings: [String] = ["Gaji", "BOLEH", "Sila", "Hubungi"]
    let subs: [Substring] = ["gaji", "boleh", "sila", "hubungi"]
    #expect(LanguageIdentifier.guessLatin(words: strings) == LanguageIdentifier.guessLatin(words: subs))
    #expect(LanguageIdentifier.guessLatin(words: subs).code == "ms")
  }

  @Test("Short or ambiguous input gets low confidence") func lowConfidence() {
    // Words Indonesian and Malay share: a coin toss between them.
    let shared = LanguageIdentifier.guessLatin(words: words("kerja gaji bulan"))
    #expect(["id", "ms"].contains(shared.code))
    #expect(shared.confidence < 0.1)
    // One loanword.
    let one = LanguageIdentifier.guessLatin(words: words("salary"))
    #expect(one.code == "en")
    #expect(one.confidence < 0.3)
    // Nothing known at all.
    #expect(LanguageIdentifier.guessLatin(words: words("xyzzy qwerty 123")) == .undetermined)
    #expect(LanguageIdentifier.guessLatin(words: [String]()) == .undetermined)
  }

  @Test("More evidence gives more confidence") func evidenceGrows() {
    let short = LanguageIdentifier.guessLatin(words: words("lowongan kerja"))
    let long = LanguageIdentifier.guessLatin(
      words: words("lowongan kerja bisa langsung kerja, gaji uang makan, karyawan pabrik dibutuhkan"))
    #expect(short.code == "id" && long.code == "id")
    #expect(long.confidence > short.confidence)
  }

  @Test("Vietnamese letters outside the lexicon are evidence for Vietnamese") func vietnameseLetters() {
    let g = LanguageIdentifier.guessLatin(words: words("Phường Bến Nghé, Quận Nhất"))
    #expect(g.code == "vi")
    #expect(LanguageIdentifier.vietnameseLetterEvidence("phường") > LanguageIdentifier.vietnameseLetterEvidence("café"))
    #expect(LanguageIdentifier.vietnameseLetterEvidence("cafe") == 0)
    // Decomposed: u + combining horn + combining grave.
    #expect(LanguageIdentifier.vietnameseLetterEvidence("tru\u{031B}\u{0300}ng") == 1.5)
  }

  @Test("Taglish with few Tagalog words is still English when English dominates") func englishWithLoan() {
    let g = LanguageIdentifier.guessLatin(
      words: words("We are looking for a nanny who can work in Manila, salary is good and the employer is kind, salamat"))
    #expect(g.code == "en")
  }

  @Test("Scripts map to languages") func scripts() {
    let expected: [Script: String] = [
      .thai: "th", .khmer: "km", .lao: "lo", .myanmar: "my", .han: "zh", .kana: "ja", .hangul: "ko",
      .cyrillic: "ru", .latin: "und", .greek: "und", .arabic: "und", .other: "und", .common: "und",
    ]
    for script in Script.allCases {
      let g = LanguageIdentifier.language(ofScript: script)
      #expect(g.code == expected[script], "\(script)")
      #expect((0...1).contains(g.confidence))
      #expect((g.code == "und") == (g.confidence == 0))
    }
  }

  @Test("The exp used for confidence is accurate") func expAccuracy() {
    for (x, e) in [(0.0, 1.0), (1.0, 2.718281828459045), (-1.0, 0.36787944117144233), (-5.0, 0.006737946999085467), (3.5, 33.11545195869231)] {
      #expect(abs(LanguageIdentifier.exp(x) - e) < 1e-9 * max(1, e))
    }
  }
}
