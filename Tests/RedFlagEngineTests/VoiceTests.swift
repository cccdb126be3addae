import Testing
import RedFlagEngine
import RedFlagRules
import RedFlagText

/// Lures in several languages and a voice context whose words mark warnings (positive) and offers
/// (negative). The voice weights are written by hand here; `redflag calibrate --voice` learns them.
private func voiceSet(threshold: Double = 1.0, weights: [String: Double]? = nil) -> RuleSetDefinition {
  let voice = Rule(
    id: "warning-voice", title: "voice", category: "context", indicator: "context.voice", weight: -1.0,
    explanation: "worded like a warning", kind: .context, discount: 0.2)
  var withVoice = voice
  withVoice.voice = VoiceSpec(file: "voice.tsv", threshold: threshold)
  var def = makeRuleSet(
    [
      ("free-ticket", ["free (flight|ticket)", "(tiket|tiket pesawat) gratis", "ฟรีตั๋ว", "包机票", "bao vé máy bay", "bao ve may bay"]),
      ("no-experience", ["no experience (needed)?", "tanpa pengalaman", "ไม่ต้องมีประสบการณ์", "不用经验", "không cần kinh nghiệm"]),
    ],
    weights: ["free-ticket": 2.0, "no-experience": 2.0], extra: [withVoice], bias: -2.5)
  def.voices["voice.tsv"] =
    VocabularyModel(
      weights: weights ?? [
        // en
        "my": 0.8, "brother": 0.9, "they": 0.9, "said": 1.0, "took": 0.8, "hiring": -1.0, "now": -0.4, "dm": -0.8,
        // id
        "adikku": 1.0, "bilang": 0.9, "katanya": 0.9, "diambil": 0.8, "japri": -1.0, "minat": -0.9,
        // th
        "บอก": 0.9, "ว่า": 0.8, "ถูก": 0.9, "รับ": -0.8, "ด่วน": -0.6,
        // zh
        "我": 0.7, "弟弟": 0.9, "说": 0.9, "被": 1.0, "急": -0.7, "招": -0.9,
        // vi, with its marks: "báo" (a report) is not "bao" (covers)
        "báo": 1.0, "đưa": 0.6, "tin": 0.5, "tuyển": -1.0, "gấp": -0.6,
      ], cap: .infinity)
  return def
}

private func evaluate(_ def: RuleSetDefinition, _ text: String) throws -> Evaluation {
  try RuleSetCompiler().compile(def).evaluate(TextAnalyzer().analyze(text))
}

private func voiceFired(_ e: Evaluation) -> Bool { e.findings.contains { $0.rule.id == "warning-voice" } }

@Suite struct Voice {
  /// A relative's story that retells two lures: the voice fires, every lure counts for a fifth, and
  /// the rule's own weight is added.
  @Test func a_story_that_retells_the_lures_is_discounted() throws {
    let e = try evaluate(voiceSet(), "My brother saw a post, they said free flight and no experience needed. They took his passport.")
    #expect(voiceFired(e))
    let v = try #require(e.voice)
    #expect(v.weight >= 1.0)
    #expect(e.discount == 0.2)
    #expect(abs(e.logit - (-2.5 + 2.0 * 0.2 + 2.0 * 0.2 - 1.0)) < 1e-9)
    #expect(!e.flagged)
    // The same two lures said as an offer stay at full weight and flag the post.
    let ad = try evaluate(voiceSet(), "Hiring now! Free flight, no experience needed. DM now")
    #expect(!voiceFired(ad))
    #expect(ad.voice == nil)
    #expect(ad.flagged)
  }

  @Test func indonesian_thai_and_chinese_voices() throws {
    let id = try evaluate(voiceSet(), "Adikku katanya dapat tiket gratis, tanpa pengalaman, terus paspornya diambil.")
    #expect(voiceFired(id))
    let idAd = try evaluate(voiceSet(), "Tiket gratis, tanpa pengalaman. Minat japri.")
    #expect(!voiceFired(idAd) && idAd.flagged)
    let th = try evaluate(voiceSet(), "เขาบอกว่าฟรีตั๋ว ไม่ต้องมีประสบการณ์ สุดท้ายถูกยึดพาสปอร์ต")
    #expect(voiceFired(th))
    let thAd = try evaluate(voiceSet(), "รับด่วน ฟรีตั๋ว ไม่ต้องมีประสบการณ์")
    #expect(!voiceFired(thAd) && thAd.flagged)
    let zh = try evaluate(voiceSet(), "我弟弟说对方包机票、不用经验，结果护照被收走了")
    #expect(voiceFired(zh))
    let zhAd = try evaluate(voiceSet(), "急招！包机票，不用经验")
    #expect(!voiceFired(zhAd) && zhAd.flagged)
  }

  /// Vietnamese keeps its marks in the voice: a news report ("báo ... đưa tin") is not an offer that
  /// "covers" the ticket ("bao vé"), and the toneless lure is still a lure.
  @Test func vietnamese_keeps_its_marks() throws {
    let news = try evaluate(voiceSet(), "Báo Thanh Niên đưa tin: nhiều người bị lừa vì lời hứa bao vé máy bay, không cần kinh nghiệm.")
    #expect(voiceFired(news))
    let ad = try evaluate(voiceSet(), "Tuyển gấp, bao ve may bay, không cần kinh nghiệm")
    #expect(!voiceFired(ad))
    #expect(ad.flagged)
  }

  /// The words inside the lures never count: a post made only of lure words has no voice words.
  @Test func words_inside_the_lures_do_not_count() throws {
    let def = voiceSet(weights: ["free": 5, "flight": 5, "no": 5, "experience": 5, "needed": 5])
    let e = try evaluate(def, "free flight, no experience needed")
    #expect(e.voice == nil)
    #expect(!voiceFired(e))
    let keys = try RuleSetCompiler().compile(def).voiceKeys(TextAnalyzer().analyze("Free flight!! Call 0812 3456 789, t.me/abc"))
    #expect(keys == ["call"])
  }

  /// Too few known words outside the lures: a short ad whose two other words happen to lean toward
  /// warnings has no voice when the rule asks for more words.
  @Test func min_words_keeps_short_ads_out() throws {
    let words: [String: Double] = ["my": 1, "brother": 1, "said": 1, "they": 1, "took": 1]
    let short = "My brother: free flight, no experience needed"
    #expect(voiceFired(try evaluate(voiceSet(weights: words), short)))
    var def = voiceSet(weights: words)
    let k = def.rules.firstIndex { $0.id == "warning-voice" }!
    def.rules[k].voice?.minWords = 3
    let e = try evaluate(def, short)
    #expect(!voiceFired(e) && e.voice == nil && e.flagged)
    #expect(voiceFired(try evaluate(def, "My brother said free flight, no experience needed, they took his passport")))
  }

  /// Two words outside the lures that follow each other in a sentence also give a pair key; a lure
  /// between them, or a sentence end, leaves the pair out.
  @Test func neighbouring_words_give_pairs() throws {
    let set = try RuleSetCompiler().compile(voiceSet())
    let en = set.voiceKeys(TextAnalyzer().analyze("My brother said free flight, they took it. He left. Nobody knew"))
    #expect(en.isSuperset(of: ["my brother", "brother said", "they took", "took it", "he left", "nobody knew"]))
    #expect(!en.contains("said they"))  // "free flight" (a lure) is between them
    #expect(!en.contains("left nobody") && !en.contains("it he"))  // sentence ends
    #expect(en.allSatisfy { $0.split(separator: " ").count <= 2 })
    // Thai has no spaces: the pairs come from ICU's words ("เขา|บอก|ว่า|ฟรีตั๋ว…").
    let th = set.voiceKeys(TextAnalyzer().analyze("เขาบอกว่าฟรีตั๋ว ไม่ต้องมีประสบการณ์ สุดท้ายถูกยึดพาสปอร์ต"))
    #expect(th.isSuperset(of: ["เขา", "บอก", "ว่า", "เขา บอก", "บอก ว่า", "ถูก ยึด"]))
    #expect(!th.contains("ว่า ฟรี") && !th.contains("ฟรี"))
    let zh = set.voiceKeys(TextAnalyzer().analyze("我弟弟说对方包机票"))
    #expect(zh.isSuperset(of: ["我 弟弟", "弟弟 说", "说 对方"]), "\(zh)")
    #expect(!zh.contains { $0.hasPrefix("对方 ") })  // 包机票 is a lure
  }

  /// A pair weighs on its own: "บอก ว่า" (told that) marks a story, while the same two words
  /// apart do not; and `min_words` counts single words only, never pairs.
  @Test func a_pair_weighs_and_min_words_counts_words() throws {
    let weights: [String: Double] = ["บอก ว่า": 3.0, "เขา บอก": 3.0, "บอก": 0, "ว่า": 0, "เขา": 0, "รับ": -0.2]
    let story = "เขาบอกว่าฟรีตั๋ว ไม่ต้องมีประสบการณ์"
    let e = try evaluate(voiceSet(weights: weights), story)
    #expect(voiceFired(e) && !e.flagged)
    let v = try #require(e.voice)
    #expect(v.known == 3)  // เขา, บอก, ว่า: the two pairs are not counted
    #expect(v.words.contains { $0.word == "บอก ว่า" })
    // The words without the pair: "ว่า" and "บอก" far apart, no pair, no voice.
    let apart = try evaluate(voiceSet(weights: weights), "รับด่วน ฟรีตั๋ว บอก ไม่ต้องมีประสบการณ์ ว่า")
    #expect(!voiceFired(apart) && apart.flagged)
    var def = voiceSet(weights: weights)
    let k = def.rules.firstIndex { $0.id == "warning-voice" }!
    def.rules[k].voice?.minWords = 4
    #expect(!voiceFired(try evaluate(def, story)))
  }

  /// No lure, no voice: a warning with nothing to discount is left alone, and the threshold decides.
  @Test func no_lure_and_threshold() throws {
    let e = try evaluate(voiceSet(), "My brother said they took his passport.")
    #expect(e.findings.isEmpty && e.voice == nil)
    let high = try evaluate(voiceSet(threshold: 5), "My brother said free flight, no experience needed.")
    #expect(!voiceFired(high))
    #expect(high.discount == 1)
  }
}
