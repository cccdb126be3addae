import Foundation
import Testing
import RedFlag
import RedFlagEval

/// Realistic short posts in four languages: risky ads share their chat-app and everything-paid
/// words, ordinary ads and warnings share theirs.
private let risky = [
  "Customer service job in Cambodia, free ticket and room, salary 1200 USD. Telegram only @hr_win88",
  "Typing job abroad, no experience, free ticket, chat Telegram @job_asia for details",
  "Easy job in Myawaddy, free ticket and food, Telegram @kk_work now",
  "รับสมัครงานแอดมิน กัมพูชา ฟรีตั๋ว ที่พักฟรี ทักไลน์ @work99",
  "งานพิมพ์ข้อมูล ต่างประเทศ ฟรีตั๋ว ทักไลน์ @job_th",
  "高薪客服 包吃包住 报销机票 联系飞机 @xg_hr",
  "西港打字员 包吃包住 联系飞机 @boss88",
  "Viec nhe luong cao o Campuchia, bao ve may bay, ib Tele @vl_hcm",
  "Tuyen gap, bao ve may bay, bao an o, ib Tele @job_vn",
  "Job in Poipet, free ticket, no interview, Telegram @poi_jobs",
]
private let ordinary = [
  "Licensed agency (licence 123/2026) hiring caregivers for Japan. Interview at our office. No placement fee.",
  "Hotel in Phnom Penh hiring receptionist. Apply at the front office with your CV. Licensed employer.",
  "Warning: scammers offer free tickets to Cambodia. Report them to the police hotline.",
  "กรมการจัดหางาน เตือน ระวังงานหลอกลวง แจ้งตำรวจหรือสำนักงานจัดหางาน",
  "โรงแรมรับสมัครพนักงานต้อนรับ สัมภาษณ์ที่สำนักงาน",
  "警惕！诈骗公司以高薪为诱饵，请报警",
  "酒店招聘前台，面试地址在公司办公室",
  "Canh bao lua dao xuat khau lao dong, hay bao cong an",
  "Khach san tuyen le tan, phong van tai van phong cong ty",
  "Licensed recruiter for Korea EPS, interview at the labour office, no fee.",
]

@Suite struct VocabularyTraining {
  func documents() throws -> ([Set<String>], [Bool]) {
    let scanner = RedFlag.Scanner(ruleSet: try shippedRuleSet())
    let docs = (risky + ordinary).map { scanner.vocabularyKeys(text: $0) }
    return (docs, risky.map { _ in true } + ordinary.map { _ in false })
  }

  @Test func learnsTheSignOfSharedWords() throws {
    let (docs, labels) = try documents()
    let w = VocabularyTrainer().fit(docs, labels: labels)
    // Words of risky ads, in every language, lean risky.
    for word in ["telegram", "<handle>", "ticket", "ฟรี", "ไลน์", "包吃包住", "飞机", "ve", "tele"] {
      #expect((w[word] ?? 0) > 0, "\(word): \(w[word].map { "\($0)" } ?? "absent")")
    }
    // Words of ordinary ads and warnings lean the other way.
    // Thai keys are NFKC forms (สำ becomes สํา), so the key is taken from the analyzer.
    let thaiOffice = try #require(RedFlag.Scanner(ruleSet: try shippedRuleSet()).vocabularyKeys(text: "สำนักงาน").first)
    for word in ["licensed", "interview", "office", thaiOffice, "公司", "cong"] {
      #expect((w[word] ?? 0) < 0, "\(word): \(w[word].map { "\($0)" } ?? "absent")")
    }
    // A word in only one record gets no weight.
    #expect(w["caregivers"] == nil)
    #expect(w["myawaddy"] == nil)
  }

  @Test func fitIsDeterministicAndSeparatesTheTrainingPosts() throws {
    let (docs, labels) = try documents()
    let a = VocabularyTrainer().fit(docs, labels: labels)
    let b = VocabularyTrainer().fit(docs, labels: labels)
    #expect(a == b)
    let z = VocabularyTrainer.logits(docs, weights: a)
    let minRisky = zip(z, labels).filter { $0.1 }.map(\.0).min()!
    let maxOrdinary = zip(z, labels).filter { !$0.1 }.map(\.0).max()!
    #expect(minRisky > maxOrdinary)
  }

  /// Cross-validation scores every record from a model that did not see it; the signal holds.
  @Test func crossValidatedFiguresAreHeldOut() throws {
    let (docs, labels) = try documents()
    let cv = VocabularyTrainer().crossValidated(docs, labels: labels, k: 5)
    let auc = try #require(cv.rocAUC)
    #expect(auc > 0.8 && auc <= 1)
    // Stronger regularisation shrinks every weight.
    var strong = VocabularyTrainer()
    strong.l2 = 0.1
    let loose = VocabularyTrainer().fit(docs, labels: labels)
    let tight = strong.fit(docs, labels: labels)
    #expect(tight.values.map(abs).max()! < loose.values.map(abs).max()!)
  }
}
