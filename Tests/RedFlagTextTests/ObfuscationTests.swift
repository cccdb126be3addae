import Testing
@testable import RedFlagText

/// An input word and the single token it must give, with its de-obfuscated form.
struct DeobfuscationCase: CustomTestStringConvertible, Sendable {
  let input: String
  let expected: String
  var testDescription: String { "\(input.debugDescription) -> \(expected)" }
  init(_ input: String, _ expected: String) { self.input = input; self.expected = expected }
}

@Suite("Obfuscation")
struct ObfuscationTests {
  static func single(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) -> Token? {
    let doc = TextAnalyzer().analyze(s)
    #expect(doc.tokens.count == 1, "\(s.debugDescription): \(doc.tokens.map(\.text))", sourceLocation: sourceLocation)
    return doc.tokens.count == 1 ? doc.tokens[0] : nil
  }

  static let homoglyphs: [DeobfuscationCase] = [
    .init("Теlеgrаm", "telegram"),  // Cyrillic Т, е, е, а
    .init("ТЕLЕGRАМ", "telegram"),  // Cyrillic capitals
    .init("ΤΕLΕGRΑΜ", "telegram"),  // Greek capitals
    .init("WhatsАрр", "whatsapp"),  // Cyrillic А, р, р
    .init("раssроrt", "passport"),  // Cyrillic р, а, о
    .init("Kаmbоdiа", "kambodia"),
  ]

  @Test("Cyrillic and Greek look-alikes become Latin letters", arguments: homoglyphs)
  func homoglyph(_ c: DeobfuscationCase) {
    guard let t = Self.single(c.input) else { return }
    #expect(t.kind == .word)
    #expect(t.deobfuscated == c.expected)
    #expect(t.script == .latin)
    #expect(t.text == c.input)
  }

  @Test("Real Cyrillic and Greek words are left alone")
  func realCyrillicAndGreek() {
    let doc = TextAnalyzer().analyze("работа за границей εργασία")
    #expect(doc.tokens.map(\.text) == ["работа", "за", "границей", "εργασία"])
    #expect(doc.tokens.allSatisfy { $0.deobfuscated == nil })
    #expect(doc.tokens.map(\.script) == [.cyrillic, .cyrillic, .cyrillic, .greek])
  }

  static let leet: [DeobfuscationCase] = [
    .init("s3rvice", "service"),
    .init("K@mbodia", "kambodia"),
    .init("ca$h", "cash"),
    .init("exp3rience", "experience"),
    .init("Cust0mer", "customer"),
    .init("fr!ends", "friends"),
    .init("v1sa", "visa"),
    .init("pa55port", "passport"),
  ]

  @Test("Leetspeak inside words", arguments: leet)
  func leetspeak(_ c: DeobfuscationCase) {
    guard let t = Self.single(c.input) else { return }
    #expect(t.kind == .word)
    #expect(t.deobfuscated == c.expected)
    #expect(t.text == c.input)
    #expect(t.span == TextSpan(start: 0, end: c.input.unicodeScalars.count, utf8Start: 0, utf8End: c.input.utf8.count))
  }

  @Test("Leetspeak across a phrase: n0 exp3rience")
  func leetPhrase() {
    let doc = TextAnalyzer().analyze("n0 exp3rience needed, get ca$h daily")
    #expect(doc.tokens.map { $0.deobfuscated ?? $0.norm } == ["no", "experience", "needed", "get", "cash", "daily"])
    #expect(doc.tokens.map(\.text) == ["n0", "exp3rience", "needed", "get", "ca$h", "daily"])
  }

  /// "!" or "|" between Chinese, Thai or Burmese words is punctuation, not leetspeak: the words
  /// stay apart (they were glued into "招!包" and "高薪!包吃", which no phrase could match).
  @Test func bangBetweenSpacelessWordsIsPunctuation() {
    let zh = TextAnalyzer().analyze("急招！包机票，高薪!包吃住")
    #expect(!zh.tokens.contains { $0.text.contains("！") || $0.text.contains("!") })
    #expect(zh.tokens.map(\.text).contains("机票"))
    let th = TextAnalyzer().analyze("รับด่วน!ฟรีตั๋ว|ไม่ต้องมีประสบการณ์")
    #expect(!th.tokens.contains { $0.text.contains("!") || $0.text.contains("|") })
    let my = TextAnalyzer().analyze("အလုပ်ခေါ်နေပါတယ်!လစာကောင်း")
    #expect(!my.tokens.contains { $0.text.contains("!") })
    // Latin leetspeak still joins.
    #expect(TextAnalyzer().analyze("fr!ends ca$h").tokens.map(\.text) == ["fr!ends", "ca$h"])
  }

  static let spread: [DeobfuscationCase] = [
    .init("T e l e g r a m", "telegram"),
    .init("c.u.s.t.o.m.e.r", "customer"),
    .init("W-h-a-t-s-A-p-p", "whatsapp"),
    .init("L I N E", "line"),
    .init("p a s s p o r t", "passport"),
  ]

  @Test("Letters spread out with separators are one token", arguments: spread)
  func spreadLetters(_ c: DeobfuscationCase) {
    guard let t = Self.single(c.input) else { return }
    #expect(t.kind == .word)
    #expect(t.deobfuscated == c.expected)
    #expect(t.text == c.input)
    #expect(t.span.start == 0 && t.span.end == c.input.unicodeScalars.count)
  }

  @Test("Partly dotted words are joined; abbreviations are left alone")
  func partlyDotted() {
    #expect(Self.single("T.e.l.egram")?.deobfuscated == "telegram")
    #expect(Self.single("e.g")?.deobfuscated == nil)
    #expect(Self.single("hr_01")?.deobfuscated == nil)
  }

  @Test("Letters spread out with underscores are one token")
  func underscoreSpread() {
    let t = Self.single("v_i_s_a")
    #expect(t?.deobfuscated == "visa")
  }

  @Test("Spread letters inside a sentence keep the words around them")
  func spreadInSentence() {
    let doc = TextAnalyzer().analyze("Contact us on T e l e g r a m now for c.u.s.t.o.m.e.r s.e.r.v.i.c.e jobs")
    #expect(
      doc.tokens.map { $0.deobfuscated ?? $0.norm }
        == ["contact", "us", "on", "telegram", "now", "for", "customer", "service", "jobs"])
    let tg = doc.tokens[3]
    #expect(tg.span.start == 14 && tg.span.end == 29)
  }

  static let repeats: [DeobfuscationCase] = [
    .init("freeee", "free"),
    .init("FREEEEE", "free"),
    .init("urgentttt", "urgentt"),
    .init("gooood", "good"),
  ]

  @Test("Runs of three or more equal letters shrink to two", arguments: repeats)
  func repeatedLetters(_ c: DeobfuscationCase) {
    guard let t = Self.single(c.input) else { return }
    #expect(t.deobfuscated == c.expected)
  }

  @Test("Ordinary words are not de-obfuscated")
  func ordinaryWords() {
    let a = TextAnalyzer()
    let doc = a.analyze("Free visa and food, good pay, see the boss. I am ready; we need 3 staff")
    #expect(doc.tokens.allSatisfy { $0.deobfuscated == nil }, "\(doc.tokens.filter { $0.deobfuscated != nil }.map(\.text))")
    // Two single letters are not a spread word.
    let ab = a.analyze("Plan A B then")
    #expect(ab.tokens.map(\.text) == ["Plan", "A", "B", "then"])
    #expect(ab.tokens.allSatisfy { $0.deobfuscated == nil })
    let iam = a.analyze("I am")
    #expect(iam.tokens.map(\.text) == ["I", "am"])
    // "e.g." has only two letters: it stays as written.
    let eg = a.analyze("e.g. cooking")
    #expect(eg.tokens.first?.text == "e.g")
    #expect(eg.tokens.first?.deobfuscated == nil)
    // A digit that is not leetspeak (9) keeps the word as it is.
    let covid = a.analyze("covid19 test")
    #expect(covid.tokens.first?.text == "covid19")
    #expect(covid.tokens.first?.deobfuscated == nil)
    // Double letters are normal spelling.
    #expect(a.analyze("coffee").tokens.first?.deobfuscated == nil)
    // Numbers and money stay numbers.
    let money = a.analyze("$1,500 per month")
    #expect(money.tokens.first?.kind == .money)
    #expect(money.tokens.first?.deobfuscated == nil)
  }

  @Test("Letters followed by digits keep their norm even when a leet form is added")
  func alphanumericNorm() {
    let doc = TextAnalyzer().analyze("mp3 room101 hr01")
    #expect(doc.tokens.map(\.norm) == ["mp3", "room101", "hr01"])
    #expect(doc.tokens.map(\.text) == ["mp3", "room101", "hr01"])
  }

  @Test("Vietnamese words get a form without diacritics")
  func vietnameseFolded() {
    let doc = TextAnalyzer().analyze("Việc nhẹ lương cao, đi làm ngay")
    #expect(doc.tokens.map { $0.folded ?? $0.norm } == ["viec", "nhe", "luong", "cao", "di", "lam", "ngay"])
    #expect(doc.tokens.map(\.norm) == ["việc", "nhẹ", "lương", "cao", "đi", "làm", "ngay"])
    // Words without marks have no separate folded form.
    #expect(doc.tokens[3].folded == nil)
    #expect(TextAnalyzer().analyze("ĐI").tokens.first?.folded == "di")
  }

  @Test("Thai, Khmer, Lao and Burmese tokens never lose their marks")
  func noFoldingForAbugidas() {
    let texts = [
      "ทำงานที่กัมพูชา เงินเดือนดี ไม่ต้องมีประสบการณ์",
      "ត្រូវការបុគ្គលិកធ្វើការនៅប្រទេសថៃ ប្រាក់ខែខ្ពស់",
      "ຮັບສະໝັກພະນັກງານ ເຮັດວຽກຢູ່ຕ່າງປະເທດ",
      "အမျိုးသမီးများ လိုအပ်သည် အတွေ့အကြုံမလိုပါ",
    ]
    for s in texts {
      let doc = TextAnalyzer().analyze(s)
      #expect(!doc.tokens.isEmpty)
      for t in doc.tokens {
        #expect(t.folded == nil, "\(t.text)")
        #expect(t.deobfuscated == nil, "\(t.text)")
        // The norm keeps every combining mark of the text (NFKC may only decompose SARA AM / ligatures).
        let marks = { (x: String) in x.unicodeScalars.filter { $0.properties.generalCategory == .nonspacingMark }.count }
        #expect(marks(t.norm) >= marks(t.text), "\(t.text)")
      }
    }
  }

  @Test("Emoji used as words")
  func emojiWords() {
    let doc = TextAnalyzer().analyze("✈️ 💰 🇰🇭 🛂 🏠 👍")
    #expect(doc.tokens.allSatisfy { $0.kind == .emoji })
    #expect(doc.tokens.map(\.deobfuscated) == ["flight", "money", "cambodia", "passport", "accommodation", nil])
    #expect(doc.tokens.map(\.text) == ["✈️", "💰", "🇰🇭", "🛂", "🏠", "👍"])
    // A flag is two regional indicators: one token spanning both.
    #expect(doc.tokens[2].span.end - doc.tokens[2].span.start == 2)
    // Emoji glued to a word are separate tokens.
    let glued = TextAnalyzer().analyze("Cambodia🇰🇭free✈️")
    #expect(glued.tokens.map { $0.deobfuscated ?? $0.norm } == ["cambodia", "cambodia", "free", "flight"])
  }

  @Test("Obfuscations combined in one post")
  func combined() {
    let doc = TextAnalyzer().analyze("Ｆｒｅｅ ✈️ to K@mbodia! Сontact Т е l е g r а m, n0 exp3rience, ca$h daily 💰💰")
    #expect(
      doc.tokens.map { $0.deobfuscated ?? $0.norm }
        == ["free", "flight", "to", "kambodia", "contact", "telegram", "no", "experience", "cash", "daily", "money", "money"])
  }
}
