import Testing
@testable import RedFlagText

/// One job-ad sentence per language, with the segmentation a native reader would give it.
struct LanguageSample: CustomTestStringConvertible, Sendable {
  let name: String
  let code: String
  let text: String
  let tokens: [String]
  var testDescription: String { name }
}

@Suite("Languages")
struct LanguagesTests {
  static let samples: [LanguageSample] = [
    .init(
      name: "en", code: "en",
      text: "Urgent hiring: customer service staff, no experience needed. Free visa and flight to Cambodia!",
      tokens: [
        "Urgent", "hiring", "customer", "service", "staff", "no", "experience", "needed", "Free", "visa",
        "and", "flight", "to", "Cambodia",
      ]),
    .init(
      name: "id", code: "id",
      text: "Lowongan kerja di Kamboja, gaji tinggi tanpa pengalaman, tiket pesawat gratis.",
      tokens: [
        "Lowongan", "kerja", "di", "Kamboja", "gaji", "tinggi", "tanpa", "pengalaman", "tiket", "pesawat",
        "gratis",
      ]),
    .init(
      name: "ms", code: "ms",
      text: "Jawatan kosong di Kemboja, gaji lumayan, tiada pengalaman diperlukan, tempat tinggal disediakan.",
      tokens: [
        "Jawatan", "kosong", "di", "Kemboja", "gaji", "lumayan", "tiada", "pengalaman", "diperlukan",
        "tempat", "tinggal", "disediakan",
      ]),
    .init(
      name: "tl", code: "tl",
      text:
        "Naghahanap kami ng customer service sa Cambodia, walang experience okay lang, libre ang pamasahe at tirahan.",
      tokens: [
        "Naghahanap", "kami", "ng", "customer", "service", "sa", "Cambodia", "walang", "experience", "okay",
        "lang", "libre", "ang", "pamasahe", "at", "tirahan",
      ]),
    .init(
      name: "vi with tone marks", code: "vi",
      text: "Tuyển gấp nhân viên, việc nhẹ lương cao, bao ăn ở, không cần kinh nghiệm.",
      tokens: [
        "Tuyển", "gấp", "nhân", "viên", "việc", "nhẹ", "lương", "cao", "bao", "ăn", "ở", "không", "cần",
        "kinh", "nghiệm",
      ]),
    .init(
      name: "vi without tone marks", code: "vi",
      text: "Tuyen gap nhan vien, viec nhe luong cao, bao an o, khong can kinh nghiem.",
      tokens: [
        "Tuyen", "gap", "nhan", "vien", "viec", "nhe", "luong", "cao", "bao", "an", "o", "khong", "can", "kinh",
        "nghiem",
      ]),
    .init(
      name: "th", code: "th",
      text: "รับสมัครพนักงานด่วน ทำงานที่กัมพูชา เงินเดือนดี ไม่ต้องมีประสบการณ์",
      tokens: [
        "รับ", "สมัคร", "พนักงาน", "ด่วน", "ทำงาน", "ที่", "กัมพูชา", "เงิน", "เดือน", "ดี", "ไม่", "ต้อง", "มี",
        "ประสบการณ์",
      ]),
    .init(
      name: "km", code: "km",
      text: "ត្រូវការបុគ្គលិកធ្វើការនៅប្រទេសថៃ ប្រាក់ខែខ្ពស់ មិនត្រូវការបទពិសោធន៍",
      tokens: [
        "ត្រូវការ", "បុគ្គលិក", "ធ្វើការ", "នៅ", "ប្រទេស", "ថៃ", "ប្រាក់ខែ", "ខ្ពស់", "មិន", "ត្រូវការ", "បទពិសោធន៍",
      ]),
    .init(
      name: "km with Khmer digits", code: "km",
      text: "ក្រុមហ៊ុនត្រូវការបុគ្គលិកស្រី អាយុ ១៨ ដល់ ២៥ ឆ្នាំ",
      tokens: ["ក្រុមហ៊ុន", "ត្រូវការ", "បុគ្គលិក", "ស្រី", "អាយុ", "១៨", "ដល់", "២៥", "ឆ្នាំ"]),
    .init(
      name: "lo", code: "lo",
      text: "ຮັບສະໝັກພະນັກງານ ເຮັດວຽກຢູ່ຕ່າງປະເທດ ເງິນເດືອນສູງ",
      tokens: ["ຮັບ", "ສະໝັກ", "ພະນັກງານ", "ເຮັດວຽກ", "ຢູ່", "ຕ່າງປະເທດ", "ເງິນເດືອນ", "ສູງ"]),
    .init(
      name: "my", code: "my",
      text: "ထိုင်းနိုင်ငံတွင် အလုပ်လုပ်ရန် အမျိုးသမီးများ လိုအပ်သည်",
      tokens: ["ထိုင်း", "နိုင်ငံ", "တွင်", "အလုပ်", "လုပ်", "ရန်", "အမျိုးသမီး", "များ", "လိုအပ်", "သည်"]),
    .init(
      name: "my (salary, experience)", code: "my",
      text: "လုပ်ငန်းခွင် အလုပ်သမား လိုအပ်သည် လစာကောင်း အတွေ့အကြုံမလိုပါ",
      tokens: ["လုပ်ငန်းခွင်", "အလုပ်သမား", "လိုအပ်", "သည်", "လစာ", "ကောင်း", "အတွေ့အကြုံ", "မ", "လို", "ပါ"]),
    .init(
      name: "zh simplified", code: "zh",
      text: "我们公司在柬埔寨招聘员工，月薪15000元，包吃包住",
      tokens: ["我们", "公司", "在", "柬埔寨", "招聘", "员工", "月薪", "15000元", "包吃包住"]),
    .init(
      name: "zh traditional", code: "zh",
      text: "我們公司在柬埔寨招聘員工，工資很優渥，包機票",
      tokens: ["我們", "公司", "在", "柬埔寨", "招聘", "員工", "工資", "很", "優渥", "包", "機票"]),
  ]

  @Test("Segmentation and document language", arguments: samples)
  func segmentation(_ sample: LanguageSample) {
    let doc = TextAnalyzer().analyze(sample.text)
    #expect(doc.tokens.map(\.text) == sample.tokens)
    #expect(doc.language.code == sample.code)
    #expect(doc.language.confidence > 0)
    #expect(!doc.zawgyiConverted)
  }

  @Test("Scripts of the words", arguments: samples)
  func scripts(_ sample: LanguageSample) {
    let expected: Script =
      switch sample.code {
      case "th": .thai
      case "km": .khmer
      case "lo": .lao
      case "my": .myanmar
      case "zh": .han
      default: .latin
      }
    let doc = TextAnalyzer().analyze(sample.text)
    for t in doc.tokens where t.kind == .word {
      #expect(t.script == expected, "\(t.text)")
    }
  }

  @Test("The acceptance example: spread Latin letters, a handle, Thai words")
  func acceptance() throws {
    let doc = TextAnalyzer().analyze("T e l e g r a m @hr_01 ทำงานที่กัมพูชา")
    try #require(doc.tokens.count == 5)
    let t = doc.tokens
    #expect(t[0].kind == .word)
    #expect((t[0].deobfuscated ?? t[0].norm) == "telegram")
    #expect(t[0].text == "T e l e g r a m")
    #expect(t[0].span == TextSpan(start: 0, end: 15, utf8Start: 0, utf8End: 15))
    #expect(t[1].kind == .handle)
    #expect(t[1].text == "@hr_01")
    #expect(t[1].span == TextSpan(start: 16, end: 22, utf8Start: 16, utf8End: 22))
    #expect(t[2...].map(\.text) == ["ทำงาน", "ที่", "กัมพูชา"])
    #expect(t[2...].allSatisfy { $0.kind == .word && $0.script == .thai })
    // Thai letters take three UTF-8 bytes each.
    #expect(t[2].span == TextSpan(start: 23, end: 28, utf8Start: 23, utf8End: 38))
    #expect(t[3].span == TextSpan(start: 28, end: 31, utf8Start: 38, utf8End: 47))
    #expect(t[4].span == TextSpan(start: 31, end: 38, utf8Start: 47, utf8End: 68))
    #expect(doc.language.code == "th")
  }

  @Test("Amounts, app names, handles and links written without a space after Thai, Lao, Khmer, Burmese or Chinese")
  func gluedToSpacelessScripts() {
    func tokens(_ text: String) -> [String] {
      TextAnalyzer().analyze(text).tokens.map { "\($0.kind):\($0.text)" }
    }
    // ICU keeps these in one word; posts write them glued, so they must come apart.
    #expect(tokens("เงินเดือน15000บาทต่อเดือน") == ["word:เงิน", "word:เดือน", "money:15000บาท", "word:ต่อ", "word:เดือน"])
    #expect(tokens("ทักไลน์@abc123นะคะ") == ["word:ทัก", "word:ไลน์", "handle:@abc123", "word:นะคะ"])
    #expect(tokens("ສົນໃຈທັກWhatsAppໄດ້") == ["word:ສົນໃຈ", "word:ທັກ", "word:WhatsApp", "word:ໄດ້"])
    #expect(tokens("ទាក់ទងTelegramឥឡូវ").contains("word:Telegram"))
    #expect(tokens("ဆက်သွယ်ရန်Viberနဲ့") .contains("word:Viber"))
    // Letter-led money and links right after Han, and links that Thai or Chinese text follows.
    #expect(tokens("工资USD2000包吃住") == ["word:工资", "money:USD2000", "word:包吃", "word:住"])
    #expect(tokens("月薪RM8,000，包吃住").contains("money:RM8,000"))
    #expect(tokens("请联系t.me/abc123或者加微信").contains("url:t.me/abc123"))
    #expect(tokens("ติดต่อwa.me/66812345678ด่วน") == ["word:ติดต่อ", "url:wa.me/66812345678", "word:ด่วน"])
    // Thai, Lao, Khmer and Burmese digits come apart from the words ICU glues them to, so that
    // phrases about pay and age see the number ("salary 1500 dollars", "age under 25").
    #expect(tokens("ទេសចរណ៍៣០ថ្ងៃ") == ["word:ទេសចរណ៍", "number:៣០", "word:ថ្ងៃ"])
    #expect(tokens("ប្រាក់ខែ១៥០០ដុល្លារ") == ["word:ប្រាក់ខែ", "number:១៥០០", "word:ដុល្លារ"])
    #expect(tokens("ອາຍຸ໑໘-25ປີ") == ["word:ອາຍຸ", "number:໑໘", "number:25", "word:ປີ"])
    #expect(tokens("เงินเดือน๒๕,๐๐๐บาท") == ["word:เงิน", "word:เดือน", "money:๒๕,๐๐๐บาท"])
    #expect(tokens("အသက်၂၅အောက်") == ["word:အသက်", "number:၂၅", "word:အောက်"])
    #expect(tokens("လစာ၁၅သိန်း") == ["word:လစာ", "money:၁၅သိန်း"])
    // A lone Burmese ၀ between letters is the letter ဝ typed as a digit: it stays in the word.
    #expect(tokens("ရုံး၀န်ထမ်း").first == "word:ရုံး၀န်")
  }

  // MARK: Normalisation

  @Test("Casefolding of Latin words")
  func casefold() {
    let doc = TextAnalyzer().analyze("URGENT Hiring NOW: Đi làm ở CAMPUCHIA")
    #expect(doc.tokens.map(\.norm) == ["urgent", "hiring", "now", "đi", "làm", "ở", "campuchia"])
    #expect(doc.tokens.map(\.text) == ["URGENT", "Hiring", "NOW", "Đi", "làm", "ở", "CAMPUCHIA"])
  }

  @Test("Fullwidth Latin letters and digits fold to ASCII in the norm only")
  func fullwidth() {
    let doc = TextAnalyzer().analyze("ＴＥＬＥＧＲＡＭ ＬＩＮＥ ｊｏｂ８８")
    #expect(doc.tokens.map(\.text) == ["ＴＥＬＥＧＲＡＭ", "ＬＩＮＥ", "ｊｏｂ８８"])
    #expect(doc.tokens.map(\.norm) == ["telegram", "line", "job88"])
    #expect(doc.tokens.allSatisfy { $0.script == .latin })
    // Fullwidth letters are three bytes each.
    #expect(doc.tokens[0].span == TextSpan(start: 0, end: 8, utf8Start: 0, utf8End: 24))
    let id = TextAnalyzer().analyze("Ｌｏｗｏｎｇａｎ ＫＥＲＪＡ ｄｉ Ｋａｍｂｏｊａ，ｇａｊｉ ｔｉｎｇｇｉ")
    #expect(id.tokens.map(\.norm) == ["lowongan", "kerja", "di", "kamboja", "gaji", "tinggi"])
    #expect(id.language.code == "id")
  }

  @Test("Thai SARA AM is decomposed in the norm, the text keeps what was typed")
  func thaiSaraAm() throws {
    let doc = TextAnalyzer().analyze("ทำงานที่กัมพูชา")
    let t = try #require(doc.tokens.first)
    #expect(t.text == "ทำงาน")
    #expect(t.text.unicodeScalars.map(\.value) == [0x0E17, 0x0E33, 0x0E07, 0x0E32, 0x0E19])
    #expect(t.norm.unicodeScalars.map(\.value) == [0x0E17, 0x0E4D, 0x0E32, 0x0E07, 0x0E32, 0x0E19])
    #expect(t.folded == nil)
  }

  @Test("Lao HO NO and HO MO ligatures are decomposed in the norm")
  func laoLigatures() {
    let doc = TextAnalyzer().analyze("ຮັບສະໝັກ ໜ້າທີ່")
    let sm = doc.tokens.first { $0.text == "ສະໝັກ" }
    #expect(sm?.norm == "ສະຫມັກ")
    #expect(doc.tokens.contains { $0.norm.hasPrefix("ຫນ້າ") && $0.text.hasPrefix("ໜ້າ") })
    #expect(doc.tokens.allSatisfy { $0.folded == nil })
  }

  @Test("Vietnamese typed with combining marks has the same norm as precomposed text")
  func vietnameseDecomposed() {
    let composed = TextAnalyzer().analyze("Vi\u{1EC7}c nh\u{1EB9} l\u{1B0}\u{1A1}ng cao")
    let decomposed = TextAnalyzer().analyze("vie\u{323}\u{302}c nhe\u{323} lu\u{31B}o\u{31B}ng cao")
    #expect(composed.tokens.map(\.norm) == decomposed.tokens.map(\.norm))
    #expect(decomposed.tokens.map(\.folded) == ["viec", "nhe", "luong", nil])
    #expect(decomposed.tokens[0].span.end - decomposed.tokens[0].span.start == 6)
  }

  @Test("vi: the folded forms of a post with tone marks are the words of the same post typed without them")
  func vietnameseWithAndWithoutMarks() {
    let a = TextAnalyzer()
    let marked = a.analyze(Self.samples[4].text)
    let plain = a.analyze(Self.samples[5].text)
    #expect(marked.tokens.map { $0.folded ?? $0.norm } == plain.tokens.map(\.norm))
    #expect(marked.tokens.map(\.span.start) == plain.tokens.map(\.span.start))
    // Byte offsets differ: marked letters take two or three bytes.
    #expect(marked.tokens.last!.span.utf8End > plain.tokens.last!.span.utf8End)
  }

  // MARK: Obfuscation per language

  @Test("en: leetspeak and look-alike letters")
  func englishObfuscated() {
    let doc = TextAnalyzer().analyze("Cust0mer s3rvice, n0 exp3rience, Теlеgrаm only")
    #expect(
      doc.tokens.map { $0.deobfuscated ?? $0.norm }
        == ["customer", "service", "no", "experience", "telegram", "only"])
    #expect(doc.language.code == "en")
  }

  @Test("id, ms, tl: leetspeak inside common ad words")
  func malayicAndTagalogObfuscated() {
    let a = TextAnalyzer()
    let id = a.analyze("Lowongan k3rja ke Kamboja, g4ji b3sar")
    #expect(id.tokens.map { $0.deobfuscated ?? $0.norm } == ["lowongan", "kerja", "ke", "kamboja", "gaji", "besar"])
    #expect(id.language.code == "id")
    let ms = a.analyze("Jawatan k0song di Kemboja, tiada peng4laman diperlukan")
    #expect(
      ms.tokens.map { $0.deobfuscated ?? $0.norm }
        == ["jawatan", "kosong", "di", "kemboja", "tiada", "pengalaman", "diperlukan"])
    #expect(ms.language.code == "ms")
    let tl = a.analyze("Libr3 ang pamas4he, w4lang bayad sa ahensya")
    #expect(
      tl.tokens.map { $0.deobfuscated ?? $0.norm } == ["libre", "ang", "pamasahe", "walang", "bayad", "sa", "ahensya"])
    #expect(tl.language.code == "tl")
  }

  @Test("vi: leetspeak and a symbol inside a word with tone marks, repeated letters")
  func vietnameseObfuscated() {
    let doc = TextAnalyzer().analyze("Vi3c nhẹ lương caooo, v!ệc")
    let d = doc.tokens.map { $0.deobfuscated ?? $0.folded ?? $0.norm }
    #expect(d == ["viec", "nhe", "luong", "caoo", "viec"])
    #expect(doc.tokens.last?.text == "v!ệc")
    #expect(doc.language.code == "vi")
  }

  @Test("th: zero-width space inside a word")
  func thaiZeroWidth() {
    let doc = TextAnalyzer().analyze("ทำ\u{200B}งานที่กัมพูชา")
    #expect(doc.tokens.map(\.text) == ["ทำ\u{200B}งาน", "ที่", "กัมพูชา"])
    #expect(doc.tokens[0].norm == TextAnalyzer().analyze("ทำงาน").tokens[0].norm)
    #expect(doc.tokens[0].span == TextSpan(start: 0, end: 6, utf8Start: 0, utf8End: 18))
    #expect(doc.language.code == "th")
  }

  @Test("km: zero-width space inside a word")
  func khmerZeroWidth() {
    let doc = TextAnalyzer().analyze("ប្រាក់\u{200B}ខែ ខ្ពស់ ធ្វើ\u{200B}ការនៅថៃ")
    #expect(doc.tokens.map(\.norm) == ["ប្រាក់ខែ", "ខ្ពស់", "ធ្វើការ", "នៅ", "ថៃ"])
    #expect(doc.tokens[0].text == "ប្រាក់\u{200B}ខែ")
    #expect(doc.language.code == "km")
  }

  @Test("lo: zero-width space and BOM inside a word")
  func laoZeroWidth() {
    let doc = TextAnalyzer().analyze("ເງິນ\u{200B}ເດືອນ ສູງ ເງິນ\u{FEFF}ເດືອນ")
    #expect(doc.tokens.map(\.norm) == ["ເງິນເດືອນ", "ສູງ", "ເງິນເດືອນ"])
    #expect(doc.tokens.map(\.text) == ["ເງິນ\u{200B}ເດືອນ", "ສູງ", "ເງິນ\u{FEFF}ເດືອນ"])
    #expect(doc.language.code == "lo")
  }

  @Test("my: zero-width space inside a word")
  func burmeseZeroWidth() {
    let doc = TextAnalyzer().analyze("အလုပ်\u{200B}သမား လိုအပ်သည်")
    #expect(doc.tokens.map(\.norm) == ["အလုပ်သမား", "လိုအပ်", "သည်"])
    #expect(doc.tokens[0].span == TextSpan(start: 0, end: 10, utf8Start: 0, utf8End: 30))
    #expect(doc.language.code == "my")
  }

  @Test("zh: zero-width space inside a word, fullwidth digits in money and a phone")
  func chineseObfuscated() {
    let a = TextAnalyzer()
    let zw = a.analyze("柬埔\u{200B}寨招聘")
    #expect(zw.tokens.map(\.norm) == ["柬埔寨", "招聘"])
    #expect(zw.tokens[0].text == "柬埔\u{200B}寨")
    let money = a.analyze("月薪１５０００元，工作轻松")
    #expect(money.tokens.map(\.text) == ["月薪", "１５０００元", "工作", "轻松"])
    #expect(money.tokens[1].kind == .money)
    #expect(money.tokens[1].norm == "15000元")
    #expect(money.tokens[1].span == TextSpan(start: 2, end: 8, utf8Start: 6, utf8End: 24))
    let wide = a.analyze("联系电话：１３８１２３４５６７８")
    let narrow = a.analyze("联系电话：13812345678")
    #expect(wide.tokens.map(\.norm) == narrow.tokens.map(\.norm))
    #expect(wide.tokens.map(\.kind) == narrow.tokens.map(\.kind))
    #expect(wide.tokens.last?.norm == "13812345678")
    #expect(wide.language.code == "zh")
  }

  // MARK: Gaps these tests found (fixed)

  @Test("Compatibility spellings segment like their composed forms")
  func compatibilitySpellings() {
    let a = TextAnalyzer()
    #expect(a.analyze("ท\u{0E4D}\u{0E32}งาน").tokens.map(\.norm) == a.analyze("ทำงาน").tokens.map(\.norm))
    #expect(a.analyze("ສະຫມັກ").tokens.map(\.norm) == a.analyze("ສະໝັກ").tokens.map(\.norm))
  }

  @Test("zh: a mainland mobile number after 电话 is a phone")
  func chineseMobile() {
    let doc = TextAnalyzer().analyze("联系电话：13812345678")
    #expect(doc.tokens.last?.kind == .phone)
  }
}
