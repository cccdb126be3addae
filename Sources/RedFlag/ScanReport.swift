import RedFlagEngine
import RedFlagRules

/// One finding: a rule that fired, where, and why it matters.
public struct Finding: Sendable, Hashable {
  public var rule: String
  public var revision: Int
  public var category: String
  public var indicator: String
  /// The weight that counted (after any overlay and context discount).
  public var weight: Double
  /// The matched text, as it stands in the original input.
  public var text: String
  /// Half-open span in Unicode code points of the original text.
  public var start: Int
  public var end: Int
  /// Half-open span in UTF-8 bytes of the original input.
  public var utf8Start: Int
  public var utf8End: Int
  public var explanation: String
  public init(
    rule: String, revision: Int, category: String, indicator: String, weight: Double, text: String,
    start: Int, end: Int, utf8Start: Int, utf8End: Int, explanation: String
  ) {
    self.rule = rule; self.revision = revision; self.category = category; self.indicator = indicator
    self.weight = weight; self.text = text; self.start = start; self.end = end
    self.utf8Start = utf8Start; self.utf8End = utf8End; self.explanation = explanation
  }
}

/// An entity found in the text: a phone number, chat handle, link, e-mail address or money amount.
public struct EntityReport: Sendable, Hashable {
  public var kind: String
  public var text: String
  public var start: Int
  public var end: Int
  public var utf8Start: Int
  public var utf8End: Int
  public init(kind: String, text: String, start: Int, end: Int, utf8Start: Int, utf8End: Int) {
    self.kind = kind; self.text = text; self.start = start; self.end = end
    self.utf8Start = utf8Start; self.utf8End = utf8End
  }
}

/// The wording evidence: how much the post's words, learned from labelled posts, moved the score.
public struct VocabularyReport: Sendable, Hashable {
  public struct Word: Sendable, Hashable {
    public var word: String
    public var weight: Double
    public init(word: String, weight: Double) { self.word = word; self.weight = weight }
    /// The word for people: the word itself, or what stands for a kind of token (`<handle>` is
    /// "a chat handle").
    public var label: String {
      switch word {
      case "<handle>": "a chat handle"
      case "<url>": "a link"
      case "<emoji>": "emoji"
      case "<number>": "a number"
      case "<money>": "a sum of money"
      case "<phone>": "a phone number"
      case "<email>": "an e-mail address"
      default: "\u{201C}" + word + "\u{201D}"
      }
    }
  }
  /// The log-odds it added (positive) or took away (negative), within the rule set's cap.
  public var weight: Double
  /// The words that pushed most that way, with their weights, strongest first.
  public var words: [Word]
  public init(weight: Double, words: [Word]) { self.weight = weight; self.words = words }
  /// The words as people read them, strongest first: `“they” +0.31, a chat handle -0.42`.
  public var wordList: String {
    words.map { "\($0.label) \(String(format: "%+.2f", $0.weight))" }.joined(separator: ", ")
  }
  /// The report of the engine's word evidence.
  public init(_ evidence: VocabularyEvidence) {
    self.init(weight: evidence.weight, words: evidence.words.map { Word(word: $0.word, weight: $0.weight) })
  }
  /// Which posts the words are more common in, for the sentence that explains them ("the words of
  /// this post are more common in ... of RedFlag's labelled examples").
  public var comparison: String {
    weight >= 0 ? "risky ads than in other posts" : "warnings, news and ordinary ads than in risky ads"
  }
  /// The sentence that explains the wording, for `check` ("finding") and the web page ("sign");
  /// `words` is the list of words as the caller shows them, `risky` whether a finding raised the
  /// score. Without one the words only order the post among others without one (the rule set's
  /// `cap_alone`), and the sentence says so.
  public func wordingSentence(words: String, risky: Bool, finding: String) -> String {
    let list = words.isEmpty ? "" : " (" + words + ")"
    if risky {
      return "Beside the \(finding)s above, the words of this post are more common in \(comparison) of RedFlag's "
        + "labelled examples\(list). Words count only beside a \(finding) and never flag an ad on their own."
    }
    return "No \(finding) of risk was found; the words of this post are more common in \(comparison) of "
      + "RedFlag's labelled examples\(list). Without such a \(finding) they only order the post among others "
      + "without one, below the lowest level: they never raise its level or flag it."
  }
  /// The sentence that explains a voice report (a context rule's `voice` fired), for `check` and
  /// the web page; `words` is the list of words as the caller shows them.
  public static func voiceSentence(words: String) -> String {
    "Apart from the lures it names, the words of this post read like the warnings, questions, "
      + "survivors' stories and news reports of RedFlag's labelled examples"
      + (words.isEmpty ? "" : " (" + words + ")")
      + ", so it is taken to be about these lures rather than making them, and they count for less. "
      + "Read it: a recruiter can write like this too."
  }
}

/// Which rule set produced a report.
public struct RuleSetStamp: Sendable, Hashable {
  public var name: String
  public var version: String
  public var sha256: String
  public init(name: String, version: String, sha256: String) {
    self.name = name; self.version = version; self.sha256 = sha256
  }
}

/// Why a record could not be scanned.
public struct RecordError: Sendable, Hashable, Error {
  /// A stable code such as `invalid_json`, `missing_field`, `invalid_utf8`, `empty_record`.
  public var code: String
  /// What is wrong and where (file, line, field).
  public var message: String
  public init(code: String, message: String) { self.code = code; self.message = message }
}

/// The result of scanning one document: the output record of DESIGN.md.
public struct ScanReport: Sendable, Hashable {
  public var id: String
  public var score: Double
  public var level: RiskLevel
  public var flagged: Bool
  /// Best guess of the document's main language (`en`, `th`, ...; `und` when unknown).
  public var language: String
  /// Score of each category that had a finding.
  public var categories: [String: Double]
  public var findings: [Finding]
  public var entities: [EntityReport]
  public var ruleset: RuleSetStamp
  /// Set when the record could not be processed; then score is 0 and there are no findings.
  public var error: RecordError?
  /// Set when the rule set's vocabulary counted in the score (see `VocabularyReport`).
  public var vocabulary: VocabularyReport?
  /// Set when a context rule's `voice` fired: the post's words outside the lures read like a
  /// warning or a news report. `weight` is the voice score (not a log-odds added to the score; the
  /// rule's discount and weight are in `findings`), `words` the words that raised it most.
  public var voice: VocabularyReport?

  public init(
    id: String, score: Double, level: RiskLevel, flagged: Bool, language: String,
    categories: [String: Double], findings: [Finding], entities: [EntityReport],
    ruleset: RuleSetStamp, error: RecordError? = nil, vocabulary: VocabularyReport? = nil,
    voice: VocabularyReport? = nil
  ) {
    self.id = id; self.score = score; self.level = level; self.flagged = flagged
    self.language = language; self.categories = categories; self.findings = findings
    self.entities = entities; self.ruleset = ruleset; self.error = error; self.vocabulary = vocabulary
    self.voice = voice
  }

  /// A report for a record that could not be processed.
  public static func failed(id: String, error: RecordError, ruleset: RuleSetStamp) -> ScanReport {
    ScanReport(
      id: id, score: 0, level: .none, flagged: false, language: "und", categories: [:],
      findings: [], entities: [], ruleset: ruleset, error: error)
  }
}
