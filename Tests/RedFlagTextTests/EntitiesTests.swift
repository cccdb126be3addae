import Testing

@testable import RedFlagText

/// Runs the recognizer on the scalars of `text` at scalar offset `offset`.
private func entity(_ text: String, at offset: Int = 0) -> EntityMatch? {
  let scalars = text.unicodeScalars.map(\.value)
  return scalars.withUnsafeBufferPointer { EntityRecognizer.match($0, at: offset) }
}

/// Prefix of `text` of `count` scalars, to show a match as text.
private func scalarPrefix(_ text: String, _ count: Int) -> String {
  var s = String.UnicodeScalarView()
  s.append(contentsOf: text.unicodeScalars.prefix(count))
  return String(s)
}

/// One table row: the input, the kind expected at offset 0, and the exact text it must cover.
struct EntityCase: CustomTestStringConvertible, Sendable {
  var input: String
  var kind: TokenKind
  var covers: String
  init(_ input: String, _ kind: TokenKind, _ covers: String) {
    self.input = input; self.kind = kind; self.covers = covers
  }
  var testDescription: String { "\(input) -> \(kind) \"\(covers)\"" }
}

private func check(_ c: EntityCase) {
  let m = entity(c.input)
  #expect(m?.kind == c.kind, "kind for \(c.input)")
  #expect(m.map { scalarPrefix(c.input, $0.end) } == c.covers, "extent for \(c.input)")
}

/// Finds entities the way the tokenizer will: at every position after a non-letter/digit.
private func entitiesInSentence(_ text: String) -> Set<String> {
  let scalars = text.unicodeScalars.map(\.value)
  let props = text.unicodeScalars.map { $0.properties.isAlphabetic || $0.properties.numericType != nil }
  var found: Set<String> = []
  scalars.withUnsafeBufferPointer { buf in
    var i = 0
    while i < buf.count {
      if i == 0 || !props[i - 1], let m = EntityRecognizer.match(buf, at: i) {
        #expect(m.end > i && m.end <= buf.count)
        var v = String.UnicodeScalarView()
        v.append(contentsOf: text.unicodeScalars.dropFirst(i).prefix(m.end - i))
        found.insert("\(m.kind.rawValue):\(String(v))")
        i = m.end
      } else {
        i += 1
      }
    }
  }
  return found
}

@Suite("EntityRecognizer")
struct EntitiesTests {

  static let urls: [EntityCase] = [
    .init("http://example.com/jobs apply now", .url, "http://example.com/jobs"),
    .init("https://jobs.example.co.th/apply?id=7&x=1.", .url, "https://jobs.example.co.th/apply?id=7&x=1"),
    .init("HTTPS://EXAMPLE.COM", .url, "HTTPS://EXAMPLE.COM"),
    .init("www.joblink-asia.com, call us", .url, "www.joblink-asia.com"),
    .init("t.me/joblink now", .url, "t.me/joblink"),
    .init("wa.me/85512345678", .url, "wa.me/85512345678"),
    .init("line.me/ti/p/~abc!", .url, "line.me/ti/p/~abc"),
    .init("bit.ly/x)", .url, "bit.ly/x"),
    .init("m.me/", .url, "m.me/"),
    .init("zalo.me/0912345678.", .url, "zalo.me/0912345678"),
    .init("example.com.", .url, "example.com"),
    .init("jobs.example.co.th/path?x=1", .url, "jobs.example.co.th/path?x=1"),
    .init("tinyurl.com/abc", .url, "tinyurl.com/abc"),
    .init("Example.COM/Việc-làm thêm", .url, "Example.COM/Việc-làm"),
    .init("example.com/ไทย งาน", .url, "example.com/ไทย"),
    .init("https://en.wikipedia.org/wiki/Forced_labour_(ILO)).", .url,
      "https://en.wikipedia.org/wiki/Forced_labour_(ILO)"),
    .init("jobs.example.my", .url, "jobs.example.my"),
    .init("163.com", .url, "163.com"),
    .init("apply.example.xyz:8080/form", .url, "apply.example.xyz:8080/form"),
    .init("joblink.vip now", .url, "joblink.vip"),
    .init("easy-money.online!", .url, "easy-money.online"),
    .init("Work.Online/apply", .url, "Work.Online/apply"),
    .init("www.jobs.info", .url, "www.jobs.info"),
  ]

  @Test("URLs", arguments: urls) func urlCase(_ c: EntityCase) { check(c) }

  static let emails: [EntityCase] = [
    .init("hr@company.com", .email, "hr@company.com"),
    .init("john.doe+jobs@mail.example.co.th.", .email, "john.doe+jobs@mail.example.co.th"),
    .init("Recruit_01@Gmail.com, thanks", .email, "Recruit_01@Gmail.com"),
    .init("0812abc@yahoo.com", .email, "0812abc@yahoo.com"),
  ]

  @Test("E-mail addresses", arguments: emails) func emailCase(_ c: EntityCase) { check(c) }

  static let handles: [EntityCase] = [
    .init("@hr_01 for details", .handle, "@hr_01"),
    .init("@joblink_asia.", .handle, "@joblink_asia"),
    .init("@john.doe2!", .handle, "@john.doe2"),
    .init("@Agency_Official ", .handle, "@Agency_Official"),
  ]

  @Test("Handles", arguments: handles) func handleCase(_ c: EntityCase) { check(c) }

  @Test("Not handles") func notHandles() {
    #expect(entity("@") == nil)
    #expect(entity("@a") == nil)  // too short
    #expect(entity("@ 5pm") == nil)
    #expect(entity("@12345") == nil)  // no letter: "@500" is a price or a time, not a name
    #expect(entity("@" + String(repeating: "a", count: 33)) == nil)  // too long
    // The tokenizer may call at '@' inside an e-mail; the letter before it vetoes a handle.
    #expect(entity("hr@company", at: 2) == nil)
    #expect(entity("@hr_01")?.end == 6)
  }

  static let phones: [EntityCase] = [
    .init("+855 12 345 678 call", .phone, "+855 12 345 678"),
    .init("+66-81-234-5678.", .phone, "+66-81-234-5678"),
    .init("+84 912 345 678", .phone, "+84 912 345 678"),
    .init("(+63) 917 123 4567", .phone, "(+63) 917 123 4567"),
    .init("+86 138 0013 8000", .phone, "+86 138 0013 8000"),
    .init("+85512345678", .phone, "+85512345678"),
    .init("0812-3456-7890 (WA)", .phone, "0812-3456-7890"),
    .init("081 234 5678", .phone, "081 234 5678"),
    .init("012 345 678", .phone, "012 345 678"),
    .init("09171234567", .phone, "09171234567"),
    .init("(02) 8123 4567", .phone, "(02) 8123 4567"),
    .init("081.234.5678", .phone, "081.234.5678"),
    .init("85512345678 telegram", .phone, "85512345678"),
    .init("+60 12-345 6789", .phone, "+60 12-345 6789"),
    .init("๐๘๑ ๒๓๔ ๕๖๗๘", .phone, "๐๘๑ ๒๓๔ ๕๖๗๘"),
    .init("၀၉ ၇၈၁ ၂၃၄ ၅၆၇", .phone, "၀၉ ၇၈၁ ၂၃၄ ၅၆၇"),
    // The first three groups fit, a fourth would exceed 15 digits and is left out.
    .init("0812 3456 7890 1234", .phone, "0812 3456 7890"),
    .init("+855 (0)12 345 678", .phone, "+855 (0)12 345 678"),
    .init("+1 555 123 4567", .phone, "+1 555 123 4567"),
    .init("0912345678/0987654321", .phone, "0912345678"),
    .init("0812345678 2024", .phone, "0812345678"),
    .init("+85512345678 2024", .phone, "+85512345678"),
    .init("081 234 5678 5 staff", .phone, "081 234 5678"),
  ]

  @Test("Phone numbers", arguments: phones) func phoneCase(_ c: EntityCase) { check(c) }

  static let money: [EntityCase] = [
    .init("$1,500 per month", .money, "$1,500"),
    .init("$ 800/month", .money, "$ 800"),
    .init("USD 2000", .money, "USD 2000"),
    .init("2000 USD", .money, "2000 USD"),
    .init("1.500 USD.", .money, "1.500 USD"),
    .init("฿30,000", .money, "฿30,000"),
    .init("30,000 บาท", .money, "30,000 บาท"),
    .init("30,000บาทต่อเดือน", .money, "30,000บาท"),
    .init("30000฿", .money, "30000฿"),
    .init("THB 25k", .money, "THB 25k"),
    .init("Rp 15.000.000", .money, "Rp 15.000.000"),
    .init("Rp. 5.000.000/bulan", .money, "Rp. 5.000.000"),
    .init("Rp15jt", .money, "Rp15jt"),
    .init("15 juta per bulan", .money, "15 juta"),
    .init("500rb", .money, "500rb"),
    .init("RM 3,500", .money, "RM 3,500"),
    .init("RM3.5k", .money, "RM3.5k"),
    .init("3500 ringgit", .money, "3500 ringgit"),
    .init("₱25,000", .money, "₱25,000"),
    .init("PHP 30k", .money, "PHP 30k"),
    .init("25,000 pesos", .money, "25,000 pesos"),
    .init("₫20.000.000", .money, "₫20.000.000"),
    .init("20.000đ", .money, "20.000đ"),
    .init("20 triệu", .money, "20 triệu"),
    .init("20 TRIỆU/tháng", .money, "20 TRIỆU"),
    .init("20tr", .money, "20tr"),
    .init("15 trieu dong", .money, "15 trieu dong"),
    .init("VND 15,000,000", .money, "VND 15,000,000"),
    .init("15,000,000 VNĐ", .money, "15,000,000 VNĐ"),
    .init("1 万", .money, "1 万"),
    .init("8000元", .money, "8000元"),
    .init("1.5万", .money, "1.5万"),
    .init("1.5万元/月", .money, "1.5万元"),
    .init("¥8000", .money, "¥8000"),
    .init("HK$12,000", .money, "HK$12,000"),
    .init("S$3000", .money, "S$3000"),
    .init("US$1,200", .money, "US$1,200"),
    .init("€1.200", .money, "€1.200"),
    .init("£900", .money, "£900"),
    .init("$1500-3000 monthly", .money, "$1500-3000"),
    .init("$1500 - $3000", .money, "$1500 - $3000"),
    .init("1000$", .money, "1000$"),
    .init("3-5k USD", .money, "3-5k USD"),
    .init("1,500-3,000 USDT", .money, "1,500-3,000 USDT"),
    .init("30 000 บาท", .money, "30 000 บาท"),
    .init("500 USDT a month", .money, "500 USDT"),
    .init("Rp 5 juta", .money, "Rp 5 juta"),
    .init("1500usd/tháng", .money, "1500usd"),
    .init("500k đ", .money, "500k đ"),
    .init("8千元", .money, "8千元"),
    .init("PHP 750 per day", .money, "PHP 750"),
    .init("$5", .money, "$5"),
    .init("USD 25", .money, "USD 25"),
  ]

  @Test("Money", arguments: money) func moneyCase(_ c: EntityCase) { check(c) }

  static let localDigitMoney: [EntityCase] = [
    .init("๓๐,๐๐๐ บาท", .money, "๓๐,๐๐๐ บาท"),
    .init("฿๒๕,๐๐๐", .money, "฿๒๕,๐๐๐"),
    .init("၅၀၀,၀၀၀ ကျပ်", .money, "၅၀၀,၀၀၀ ကျပ်"),
    .init("၅ သိန်း", .money, "၅ သိန်း"),
    .init("၈၀၀၀၀၀ကျပ်", .money, "၈၀၀၀၀၀ကျပ်"),
    .init("៥០០០០៛", .money, "៥០០០០៛"),
    .init("៥០០,០០០ រៀល", .money, "៥០០,០០០ រៀល"),
    .init("៛៤០០០០", .money, "៛៤០០០០"),
    .init("໕໐໐,໐໐໐ ກີບ", .money, "໕໐໐,໐໐໐ ກີບ"),
    .init("₭500,000", .money, "₭500,000"),
    .init("1,000,000 ກີບ", .money, "1,000,000 ກີບ"),
    .init("๒๕๖๗", .number, "๒๕๖๗"),
    .init("၂၀၂၄ ခုနှစ်", .number, "၂၀၂၄"),
    .init("២៥ឆ្នាំ", .number, "២៥"),
  ]

  @Test("Thai, Burmese, Khmer and Lao digits", arguments: localDigitMoney)
  func localDigits(_ c: EntityCase) { check(c) }

  static let numbers: [EntityCase] = [
    .init("2024", .number, "2024"),
    .init("2024.", .number, "2024"),
    .init("2024-01-05", .number, "2024"),
    .init("05-01-2024", .number, "05"),
    .init("05.01.2024 interview", .number, "05.01.2024"),
    .init("18-25 years old", .number, "18"),
    .init("9:00 am", .number, "9"),
    .init("1,500 workers", .number, "1,500"),
    .init("1.5 hours", .number, "1.5"),
    .init("8k", .number, "8k"),
    .init("8K followers", .number, "8K"),
    .init("12345678", .number, "12345678"),
    .init("123456789012", .number, "123456789012"),  // 12 digits, no 0 and no country code
    .init("2 000 people", .number, "2"),  // space grouping only counts before a currency
    .init("0.5", .number, "0.5"),
    .init("100%", .number, "100"),
    .init("25ปี", .number, "25"),
    .init("5 tháng", .number, "5"),
    .init("8千", .number, "8千"),  // like "8k": a multiplier, but no currency
    .init("2023-2024", .number, "2023"),
    .init("20k/tháng", .number, "20k"),
  ]

  @Test("Plain numbers, years, dates, ranges and times", arguments: numbers)
  func numberCase(_ c: EntityCase) { check(c) }

  static let nonEntities: [String] = [
    "communication", "hello", "a.m.", "e.g.", "i.e.", "U.S.", "Mr.Smith", "file.txt", "good.my",
    "work.In", "no.co", "24h", "3rd", "5g", "10am", "http://", "www.", "$", "$$$", "+5 points",
    "+", "(", "(see below)", "rmb", "USD", "usual", "Rp", "php developer", "t.me", "@ 5pm", "trang",
    "PHP 7.4 developer", "USD 5", "RM 2", "bit.ly", "salary.Info", "work.Online", "Good.Job",
  ]

  @Test("Ordinary words and punctuation are not entities", arguments: nonEntities)
  func nonEntity(_ text: String) {
    let m = entity(text)
    #expect(m == nil, "\(text) gave \(String(describing: m))")
  }

  @Test("Money after Han letters, where the tokenizer calls at the digit") func moneyAfterHan() {
    let text = "月薪8000-12000元，包吃住"
    #expect(entity(text, at: 0) == nil)
    let m = entity(text, at: 2)
    #expect(m?.kind == .money)
    #expect(m?.end == 13)
    #expect(entity("月薪1.5万", at: 2) == EntityMatch(kind: .money, end: 6))
  }

  @Test("Random input: no crash, sane extents, kinds match their text") func randomInput() {
    // Deterministic SplitMix64, so a failure can be reproduced.
    var state: UInt64 = 0x5EED_1234_ABCD_0001
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let alphabet = Array("0123456789๐๕០៥၀၅amotphswdurkbyjqIUSDRM .,-–~@+()/$฿€₫៛万千บาทđệ:?_%!#'\u{00A0}".unicodeScalars.map(\.value))
    var kinds: [TokenKind: Int] = [:]
    for _ in 0..<4000 {
      let n = Int(next() % 28)
      let scalars = (0..<n).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
      scalars.withUnsafeBufferPointer { buf in
        for i in 0..<buf.count {
          guard let m = EntityRecognizer.match(buf, at: i) else { continue }
          kinds[m.kind, default: 0] += 1
          #expect(m.end > i && m.end <= buf.count)
          #expect(EntityRecognizer.isAmbiguousStart(buf[i]))
          #expect(EntityRecognizer.match(buf, at: i) == m)
          let body = buf[i..<m.end]
          switch m.kind {
          case .number:
            #expect(body.allSatisfy { EntityRecognizer.digitValue($0) >= 0 || [0x2C, 0x2E, 0x6B, 0x4B, 0x5343].contains($0) })
          case .phone:
            #expect(body.allSatisfy { EntityRecognizer.digitValue($0) >= 0 || [0x20, 0xA0, 0x2D, 0x2E, 0x28, 0x29, 0x2B].contains($0) })
            #expect(body.filter { EntityRecognizer.digitValue($0) >= 0 }.count >= 8)
          case .handle: #expect(body.first == 0x40)
          case .email: #expect(body.filter { $0 == 0x40 }.count == 1)
          case .money: #expect(body.contains { EntityRecognizer.digitValue($0) >= 0 })
          case .url: #expect(body.contains(0x2E))
          case .word, .emoji: Issue.record("match returned \(m.kind)")
          }
        }
      }
    }
    // The alphabet is rich enough that the generator reaches most kinds.
    #expect(kinds[.number, default: 0] > 100)
    #expect(kinds[.money, default: 0] > 10)
    #expect(kinds[.handle, default: 0] > 10)
  }

  @Test("Not a URL when preceded by @ (e-mail domain)") func domainAfterAt() {
    #expect(entity("hr@company.com", at: 3) == nil)
    #expect(entity("see company.com", at: 4)?.kind == .url)
  }

  @Test("Out-of-range positions and empty buffers give nil") func outOfRange() {
    #expect(entity("", at: 0) == nil)
    #expect(entity("$100", at: 4) == nil)
    #expect(entity("$100", at: -1) == nil)
    #expect(entity("$100", at: 1)?.kind == .number)
  }

  @Test("Entities in mixed sentences") func sentences() {
    #expect(
      entitiesInSentence(
        "Hiring now! Salary $1,500-2,000/month, age 18-25. Contact @hr_01 or WhatsApp +66-81-234-5678, "
          + "apply at https://jobs.example.co.th/apply?id=7.")
        == [
          "money:$1,500-2,000", "number:18", "number:25", "handle:@hr_01", "phone:+66-81-234-5678",
          "url:https://jobs.example.co.th/apply?id=7",
        ])
    #expect(
      entitiesInSentence("Lowongan kerja Malaysia, gaji RM3.5k, hubungi 0812-3456-7890 atau t.me/joblink. Usia 20-35 tahun")
        == ["money:RM3.5k", "phone:0812-3456-7890", "url:t.me/joblink", "number:20", "number:35"])
    #expect(
      entitiesInSentence("Tuyển gấp, lương 20 triệu/tháng, liên hệ zalo 0912 345 678 hoặc email hr@vieclam.vn.")
        == ["money:20 triệu", "phone:0912 345 678", "email:hr@vieclam.vn"])
    #expect(
      entitiesInSentence("Interview on 2024-01-05 at 9:00 a.m., e.g. bring 2 photos. Communication skills.")
        == ["number:2024", "number:01", "number:05", "number:9", "number:00", "number:2"])
    #expect(
      entitiesInSentence("รับสมัครด่วน เงินเดือน 30,000บาท ติดต่อ 081 234 5678 line.me/ti/p/~abc")
        == ["money:30,000บาท", "phone:081 234 5678", "url:line.me/ti/p/~abc"])
    #expect(
      entitiesInSentence("Hiring po, sahod ₱25,000 kada buwan, message @joblink_asia or (+63) 917 123 4567!")
        == ["money:₱25,000", "handle:@joblink_asia", "phone:(+63) 917 123 4567"])
  }

  @Test("isAmbiguousStart is true wherever match finds an entity") func ambiguousStartIsExact() {
    let samples = EntitiesTests.urls.map(\.input) + EntitiesTests.emails.map(\.input)
      + EntitiesTests.handles.map(\.input) + EntitiesTests.phones.map(\.input)
      + EntitiesTests.money.map(\.input) + EntitiesTests.localDigitMoney.map(\.input)
      + EntitiesTests.numbers.map(\.input) + EntitiesTests.nonEntities
    var checked = 0
    for text in samples {
      let scalars = text.unicodeScalars.map(\.value)
      scalars.withUnsafeBufferPointer { buf in
        for i in 0..<buf.count where EntityRecognizer.match(buf, at: i) != nil {
          checked += 1
          #expect(EntityRecognizer.isAmbiguousStart(buf[i]), "\(text) at \(i)")
        }
      }
    }
    #expect(checked > 150)
    for c in "กขងកະကあ한é ,.!?-/\"'".unicodeScalars {
      #expect(!EntityRecognizer.isAmbiguousStart(c.value), "\(c)")
    }
    for c in "aZ09+(@$฿€£¥₫₱៛₭๑໑១၁".unicodeScalars {
      #expect(EntityRecognizer.isAmbiguousStart(c.value), "\(c)")
    }
  }
}
