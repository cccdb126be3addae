/// The rule model: what a rule file and `ruleset.yaml` say, after validation.
///
/// These types are plain values. `RuleSetLoader` builds them from YAML; the engine compiles them.

/// A language code as written in a rule file (`en`, `th`, `zh`, `zh-Hant`, ...). Always a string.
public typealias LanguageCode = String

/// The lifecycle state of a rule.
public enum RuleStatus: String, Sendable, Codable, CaseIterable {
  case experimental, stable, deprecated
}

/// What kind of rule it is.
public enum RuleKind: String, Sendable, Codable {
  /// Fires when any of its phrases matches.
  case phrase
  /// Fires when at least `min` of the listed rules fired (optionally close together).
  case combo
  /// Marks warning, news or awareness language; discounts the lures quoted near it. It fires on
  /// its phrases, or (with `quoted_share`) when the lures found stand inside quotation marks.
  case context
}

/// One example text in a rule's embedded tests.
public struct RuleExample: Sendable, Hashable, Codable {
  public var lang: LanguageCode
  public var text: String
  /// Where the example starts in its file (1-based), for messages.
  public var line: Int
  public var column: Int
  public init(lang: LanguageCode, text: String, line: Int = 0, column: Int = 0) {
    self.lang = lang; self.text = text; self.line = line; self.column = column
  }
}

/// The embedded tests of a rule.
public struct RuleTests: Sendable, Hashable, Codable {
  public var match: [RuleExample]
  public var noMatch: [RuleExample]
  /// Texts the rule should match but does not yet: reported, never a failure.
  public var knownMiss: [RuleExample]
  public init(match: [RuleExample] = [], noMatch: [RuleExample] = [], knownMiss: [RuleExample] = []) {
    self.match = match; self.noMatch = noMatch; self.knownMiss = knownMiss
  }
}

/// A phrase with its position in the rule file.
public struct PhraseSource: Sendable, Hashable, Codable {
  public var text: String { didSet { pattern = nil } }
  public var line: Int
  public var column: Int
  /// The phrase as parsed when its rule file was read (nil for phrases made in code), so the
  /// compiler need not parse it a second time. Not part of equality or coding: it follows `text`.
  public internal(set) var pattern: Pattern? = nil

  public init(text: String, line: Int = 0, column: Int = 0) {
    self.text = text; self.line = line; self.column = column
  }

  enum CodingKeys: String, CodingKey { case text, line, column }

  public static func == (a: PhraseSource, b: PhraseSource) -> Bool {
    a.text == b.text && a.line == b.line && a.column == b.column
  }

  public func hash(into h: inout Hasher) {
    h.combine(text)
    h.combine(line)
    h.combine(column)
  }
}

/// The phrases of one language.
public struct LanguagePhrases: Sendable, Hashable, Codable {
  public var lang: LanguageCode
  public var phrases: [PhraseSource]
  public init(lang: LanguageCode, phrases: [PhraseSource]) { self.lang = lang; self.phrases = phrases }
}

/// How close the parts of a combo must be.
public enum ComboScope: Sendable, Hashable, Codable {
  /// Anywhere in the document.
  case document
  /// Within one sentence.
  case sentence
  /// Within a window of this many tokens.
  case tokens(Int)
}

/// The combo part of a combo rule.
public struct ComboSpec: Sendable, Hashable, Codable {
  /// Ids of the rules it counts.
  public var rules: [String]
  /// How many of them must fire.
  public var min: Int
  public var scope: ComboScope
  public init(rules: [String], min: Int, scope: ComboScope = .document) {
    self.rules = rules; self.min = min; self.scope = scope
  }
}

/// One validated rule.
public struct Rule: Sendable, Hashable, Codable {
  public var id: String
  public var revision: Int
  public var title: String
  public var category: String
  /// The ILO / ILO-EC indicator it maps to, e.g. `ilo.retention_of_identity_documents`.
  public var indicator: String
  /// Log-odds contribution; negative for counter-indicators.
  public var weight: Double
  /// Plain words a moderator or inspector can read.
  public var explanation: String
  public var references: [String]
  public var status: RuleStatus
  public var kind: RuleKind
  public var languages: [LanguagePhrases]
  public var combo: ComboSpec?
  /// For context rules: the factor (0...1) by which a lure's positive weight is multiplied when
  /// this context is present.
  public var discount: Double?
  /// For context rules: fire when at least this share (0...1] of the positive phrase rules that
  /// fired were found inside quotation marks (the post quotes the lures rather than making them).
  public var quotedShare: Double?
  /// For context rules: fire when the post's words score at least a threshold on learned word
  /// weights that tell warnings and news reports from offers (`voice` in the rule file).
  public var voice: VoiceSpec? = nil
  public var tests: RuleTests
  /// The file the rule came from (relative to the rule set folder), for messages.
  public var file: String

  public init(
    id: String, revision: Int = 1, title: String, category: String, indicator: String,
    weight: Double, explanation: String, references: [String] = [],
    status: RuleStatus = .stable, kind: RuleKind = .phrase, languages: [LanguagePhrases] = [],
    combo: ComboSpec? = nil, discount: Double? = nil, quotedShare: Double? = nil,
    tests: RuleTests = RuleTests(), file: String = ""
  ) {
    self.id = id; self.revision = revision; self.title = title; self.category = category
    self.indicator = indicator; self.weight = weight; self.explanation = explanation
    self.references = references; self.status = status; self.kind = kind
    self.languages = languages; self.combo = combo; self.discount = discount
    self.quotedShare = quotedShare; self.tests = tests; self.file = file
  }
}

/// A risk level, ordered.
public enum RiskLevel: String, Sendable, Codable, CaseIterable, Comparable {
  case none, low, medium, high, critical
  public var rank: Int {
    switch self {
    case .none: 0
    case .low: 1
    case .medium: 2
    case .high: 3
    case .critical: 4
    }
  }
  public static func < (a: RiskLevel, b: RiskLevel) -> Bool { a.rank < b.rank }
}

/// A category of indicators, as listed in `ruleset.yaml`.
public struct CategoryInfo: Sendable, Hashable, Codable {
  public var id: String
  public var title: String
  public init(id: String, title: String) { self.id = id; self.title = title }
}

/// What `ruleset.yaml` says.
public struct RuleSetManifest: Sendable, Hashable, Codable {
  public var name: String
  public var version: String
  public var categories: [CategoryInfo]
  /// The score's starting log-odds before any rule fires.
  public var bias: Double
  /// The lowest score (0...1) of each level above `none`: low, medium, high, critical.
  public var thresholds: [RiskLevel: Double]
  /// The level at and above which a record is `flagged`.
  public var flagLevel: RiskLevel
  /// Where the word weights are and how much they may move a score (`vocabulary` in ruleset.yaml).
  public var vocabulary: VocabularySpec?
  public init(
    name: String, version: String, categories: [CategoryInfo], bias: Double,
    thresholds: [RiskLevel: Double], flagLevel: RiskLevel, vocabulary: VocabularySpec? = nil
  ) {
    self.name = name; self.version = version; self.categories = categories; self.bias = bias
    self.thresholds = thresholds; self.flagLevel = flagLevel; self.vocabulary = vocabulary
  }
}

/// A context rule's `voice`: a file of word weights learned to tell warning, awareness and news
/// posts (positive weights) from risky offers (`redflag calibrate --voice`), and the score at which
/// the rule fires. The score is the vocabulary's: the sum of the weights of the post's distinct
/// known words over the square root of their number.
public struct VoiceSpec: Sendable, Hashable, Codable {
  /// Path of the weights file, relative to the rule set folder.
  public var file: String
  /// The rule fires when the score is at least this.
  public var threshold: Double
  /// ... and the post has at least this many known words outside its lures (`min_words`, default
  /// 1): two or three words are too little to tell a story from a short ad.
  public var minWords: Int
  public init(file: String, threshold: Double, minWords: Int = 1) {
    self.file = file; self.threshold = threshold; self.minWords = minWords
  }
}

/// ruleset.yaml's `vocabulary`: a file of word weights learned from labelled posts
/// (`redflag calibrate --vocabulary`), and the most they may add to or take from a record's log-odds.
public struct VocabularySpec: Sendable, Hashable, Codable {
  /// Path of the weights file, relative to the rule set folder.
  public var file: String
  /// The largest absolute log-odds the words may contribute.
  public var cap: Double
  /// The largest absolute log-odds the words contribute to a post where no positive rule fired
  /// (`cap_alone`, default 0: words count only beside a finding). The loader keeps the bias plus
  /// this below the lowest level, so such words order unflagged posts and never raise a level.
  public var capAlone: Double
  public init(file: String, cap: Double, capAlone: Double = 0) {
    self.file = file; self.cap = cap; self.capAlone = capAlone
  }
}

/// Word weights learned from labelled posts. A record's vocabulary evidence is the sum of the
/// weights of the distinct known words in it divided by the square root of their number, clamped
/// to `cap`; it counts only when a positive indicator rule fired, so words alone never flag a post.
public struct VocabularyModel: Sendable, Hashable {
  /// Word key (see `VocabularyKeys` in RedFlagEngine) -> log-odds weight.
  public var weights: [String: Double]
  public var cap: Double
  public init(weights: [String: Double], cap: Double) { self.weights = weights; self.cap = cap }

  /// The evidence of a document's distinct word keys: the sum of the known words' weights over
  /// the square root of their number, clamped to the cap, and the known words sorted by key (so
  /// the sum does not depend on set order); nil when no word is known.
  public func score(_ keys: Set<String>) -> (weight: Double, known: [(word: String, weight: Double)])? {
    var found: [(word: String, weight: Double)] = []
    for k in keys {
      if let w = weights[k] { found.append((k, w)) }
    }
    guard !found.isEmpty else { return nil }
    found.sort { $0.word.utf8.lexicographicallyPrecedes($1.word.utf8) }
    let sum = found.reduce(0.0) { $0 + $1.weight }
    let raw = sum / Double(found.count).squareRoot()
    return (min(cap, max(-cap, raw)), found)
  }
}

/// A complete, validated rule set: the manifest, the rules, and the digest of the files it was read from.
public struct RuleSetDefinition: Sendable, Hashable {
  public var manifest: RuleSetManifest
  public var rules: [Rule]
  /// Lowercase hex SHA-256 over the rule set's files (sorted by path; each path and content hashed).
  public var sha256: String
  /// The word weights named by the manifest's `vocabulary`, when it names a file.
  public var vocabulary: VocabularyModel?
  /// The word weights of the context rules' `voice` files, by file path (uncapped).
  public var voices: [String: VocabularyModel]
  public init(
    manifest: RuleSetManifest, rules: [Rule], sha256: String, vocabulary: VocabularyModel? = nil,
    voices: [String: VocabularyModel] = [:]
  ) {
    self.manifest = manifest; self.rules = rules; self.sha256 = sha256; self.vocabulary = vocabulary
    self.voices = voices
  }
}
