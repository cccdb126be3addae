import Foundation
import Yams

/// Loads and validates a rule set folder (docs/RULES.md).
///
/// - `load(directory:)` gives the definition or every diagnostic (errors and warnings).
/// - `loadReportingWarnings(directory:)` gives the definition together with its warnings.
///
/// Nothing is half-loaded: when any error exists the whole set is refused, and every error of every
/// file is reported at once.
public enum RuleSetLoader {
  /// The language codes a rule may use.
  public static let languageCodes: [String] = ["en", "id", "ms", "tl", "vi", "th", "km", "lo", "my", "zh"]

  /// Loads `<directory>/ruleset.yaml` and `<directory>/<category>/*.yaml`. Warnings are dropped
  /// on success; use `loadReportingWarnings` to get them.
  public static func load(directory: String) -> Result<RuleSetDefinition, RuleSetLoadError> {
    loadReportingWarnings(directory: directory).map(\.definition)
  }

  /// Like `load`, but keeps the warnings of a set that loaded.
  public static func loadReportingWarnings(directory: String) -> Result<LoadedRuleSet, RuleSetLoadError> {
    var loader = SetLoader(directory: directory)
    return loader.run()
  }

  /// Reads a weights overlay (see docs/RULES.md, "Weights overlay"). Throws `RuleSetLoadError`.
  public static func loadOverlay(path: String) throws -> WeightsOverlay {
    try WeightsOverlay.load(path: path)
  }
}

/// Reads a file as bytes, or nil.
/// Whether a path named in a rule set (a vocabulary or voice file) stays inside its folder: relative,
/// without "..".
func isPathInsideFolder(_ path: String) -> Bool {
  !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
}

func readBytes(_ path: String) -> [UInt8]? {
  guard let data = FileManager.default.contents(atPath: path) else { return nil }
  return [UInt8](data)
}

private struct RawRule {
  var file: String
  var id: String?
  var idNode: Node?
  var kind: RuleKind?
  var comboRefs: [(id: String, node: Node)] = []
  /// Set only when the file had no error.
  var rule: Rule?
}

private struct SetLoader {
  let directory: String
  var diagnostics: [Diagnostic] = []

  init(directory: String) { self.directory = directory }

  mutating func run() -> Result<LoadedRuleSet, RuleSetLoadError> {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
      return .failure(
        RuleSetLoadError(diagnostics: [
          Diagnostic(
            code: DiagnosticCode.missingFile, severity: .error,
            message: "rule set folder '\(directory)' does not exist or is not a folder",
            file: directory, line: 1, column: 1)
        ]))
    }

    // Every file that goes into the digest: relative path -> bytes.
    var hashed: [(path: String, bytes: [UInt8])] = []

    // ruleset.yaml
    var manifest: RuleSetManifest? = nil
    var categories: Set<String>? = nil
    let manifestPath = directory + "/ruleset.yaml"
    if let bytes = readBytes(manifestPath) {
      hashed.append(("ruleset.yaml", bytes))
      var reader = YAMLReader(file: "ruleset.yaml")
      (manifest, categories) = ManifestReader.read(bytes, &reader)
      diagnostics += reader.diagnostics
    } else {
      diagnostics.append(
        Diagnostic(
          code: DiagnosticCode.missingFile, severity: .error,
          message: "the rule set has no ruleset.yaml",
          hint: "create ruleset.yaml with name, version, bias, thresholds, flag_level and categories",
          file: "ruleset.yaml", line: 1, column: 1))
    }

    // <category>/*.yaml, sorted.
    var raws: [RawRule] = []
    let folders = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).filter {
      !$0.hasPrefix(".")
    }.sorted(by: utf8Less)
    for folder in folders {
      var sub: ObjCBool = false
      guard fm.fileExists(atPath: directory + "/" + folder, isDirectory: &sub), sub.boolValue else {
        continue
      }
      let names = ((try? fm.contentsOfDirectory(atPath: directory + "/" + folder)) ?? []).filter {
        !$0.hasPrefix(".") && $0.hasSuffix(".yaml")
      }.sorted(by: utf8Less)
      for name in names {
        let rel = folder + "/" + name
        guard let bytes = readBytes(directory + "/" + rel) else {
          diagnostics.append(
            Diagnostic(
              code: DiagnosticCode.missingFile, severity: .error, message: "cannot read \(rel)",
              file: rel, line: 1, column: 1))
          continue
        }
        hashed.append((rel, bytes))
        var reader = YAMLReader(file: rel)
        var ruleReader = RuleReader(
          reader: reader, folder: folder, fileStem: String(name.dropLast(5)), categories: categories)
        let raw = ruleReader.read(bytes)
        reader = ruleReader.reader
        diagnostics += reader.diagnostics
        raws.append(raw)
      }
    }
    if raws.isEmpty {
      diagnostics.append(
        Diagnostic(
          code: DiagnosticCode.noRules, severity: .warning,
          message: "the rule set has no rule files",
          hint: "put rules in <category>/<rule-id>.yaml", file: "ruleset.yaml", line: 1, column: 1))
    }

    crossCheck(raws)

    var vocabulary: VocabularyModel? = nil
    if let spec = manifest?.vocabulary {
      vocabulary = readWordWeights(
        spec.file, cap: spec.cap, namedIn: "ruleset.yaml", what: "the vocabulary file",
        hint: "write it with `redflag calibrate --vocabulary`, or remove 'vocabulary' from ruleset.yaml",
        hashed: &hashed)
    }
    // The context rules' voice files (several rules may share one; each is read once).
    var voices: [String: VocabularyModel] = [:]
    var voiceFilesRead = Set<String>()
    for raw in raws {
      guard let rule = raw.rule, let spec = rule.voice, voiceFilesRead.insert(spec.file).inserted else { continue }
      voices[spec.file] = readWordWeights(
        spec.file, cap: .infinity, pairs: true, namedIn: rule.file, what: "the voice file",
        hint: "write it with `redflag calibrate --voice`, or remove 'voice' from the rule", hashed: &hashed)
    }

    let sorted = Diagnostic.sorted(diagnostics)
    if sorted.contains(where: \.isError) {
      return .failure(RuleSetLoadError(diagnostics: sorted))
    }
    guard let manifest else {
      // Unreachable: a missing manifest is always reported as an error.
      return .failure(RuleSetLoadError(diagnostics: sorted))
    }
    let rules = raws.compactMap(\.rule).sorted { $0.id < $1.id }
    let definition = RuleSetDefinition(
      manifest: manifest, rules: rules, sha256: Self.digest(hashed), vocabulary: vocabulary, voices: voices)
    return .success(LoadedRuleSet(definition: definition, warnings: sorted))
  }

  /// Reads a word-weights file (ruleset.yaml's vocabulary or a context rule's voice, which may
  /// hold word pairs), adds it to the digest and parses it; a file that cannot be read and every
  /// bad line are RF035 errors.
  mutating func readWordWeights(
    _ file: String, cap: Double, pairs: Bool = false, namedIn: String, what: String, hint: String,
    hashed: inout [(path: String, bytes: [UInt8])]
  ) -> VocabularyModel? {
    guard let bytes = readBytes(directory + "/" + file) else {
      diagnostics.append(
        Diagnostic(
          code: DiagnosticCode.badVocabulary, severity: .error,
          message: "\(namedIn) names \(what) '\(file)', which cannot be read", hint: hint,
          file: namedIn, line: 1, column: 1))
      return nil
    }
    hashed.append((file, bytes))
    var problems: [Diagnostic] = []
    let model = VocabularyFile.parse(bytes, file: file, cap: cap, pairs: pairs, diagnostics: &problems)
    diagnostics += problems
    return model
  }

  /// Duplicate ids, and combos that name unknown or non-phrase rules.
  mutating func crossCheck(_ raws: [RawRule]) {
    var firstFile: [String: String] = [:]
    var kinds: [String: RuleKind?] = [:]
    for raw in raws {
      guard let id = raw.id else { continue }
      if let first = firstFile[id] {
        let (line, column) = YAMLReader.position(raw.idNode)
        diagnostics.append(
          Diagnostic(
            code: DiagnosticCode.duplicateId, severity: .error,
            message: "rule id '\(id)' is already used by \(first)",
            hint: "rule ids must be unique in the set", file: raw.file, line: line, column: column))
      } else {
        firstFile[id] = raw.file
        kinds[id] = raw.kind
      }
    }
    let allIds = Array(firstFile.keys).sorted()
    for raw in raws {
      for ref in raw.comboRefs {
        let (line, column) = YAMLReader.position(ref.node)
        if ref.id == raw.id {
          diagnostics.append(
            Diagnostic(
              code: DiagnosticCode.comboNotPhraseRule, severity: .error,
              message: "combo '\(ref.id)' lists itself", file: raw.file, line: line, column: column))
          continue
        }
        guard let kind = kinds[ref.id] else {
          let near = YAMLReader.nearest(ref.id, in: allIds)
          diagnostics.append(
            Diagnostic(
              code: DiagnosticCode.comboUnknownRule, severity: .error,
              message: "combo lists unknown rule '\(ref.id)'",
              hint: near.map { "did you mean '\($0)'?" }, file: raw.file, line: line,
              column: column))
          continue
        }
        if let kind, kind != .phrase {
          diagnostics.append(
            Diagnostic(
              code: DiagnosticCode.comboNotPhraseRule, severity: .error,
              message: "combo lists '\(ref.id)', a \(kind.rawValue) rule; a combo may list only phrase rules",
              file: raw.file, line: line, column: column))
        }
      }
    }
  }

  /// SHA-256 over the files sorted by relative path: for each, its path (UTF-8), a 0 byte, its
  /// length as 8 bytes big-endian, then its bytes.
  static func digest(_ files: [(path: String, bytes: [UInt8])]) -> String {
    var h = SHA256()
    for f in files.sorted(by: { utf8Less($0.path, $1.path) }) {
      h.update(Array(f.path.utf8))
      h.update([0])
      let n = UInt64(f.bytes.count)
      h.update((0..<8).reversed().map { UInt8(truncatingIfNeeded: n >> (UInt64($0) * 8)) })
      h.update(f.bytes)
    }
    return SHA256.hexString(h.finalize())
  }
}

/// Byte-wise order of UTF-8, independent of locale and Unicode collation.
func utf8Less(_ a: String, _ b: String) -> Bool {
  a.utf8.lexicographicallyPrecedes(b.utf8)
}

// MARK: ruleset.yaml

private enum ManifestReader {
  static let keys = ["name", "version", "bias", "thresholds", "flag_level", "categories"]
  static let optionalKeys = ["vocabulary"]
  static let levels: [RiskLevel] = [.low, .medium, .high, .critical]

  /// The manifest when it is valid, and the category ids when they could be read (so rules can be
  /// checked against them even when another part of the manifest is wrong).
  static func read(_ bytes: [UInt8], _ r: inout YAMLReader) -> (RuleSetManifest?, Set<String>?) {
    guard let root = r.compose(bytes, expecting: "the rule set's name, version, bias, thresholds, flag_level and categories"),
      let entries = r.mapping(root, "ruleset.yaml")
    else { return (nil, nil) }
    let before = r.diagnostics.count
    r.checkKeys(entries, of: root, what: "ruleset.yaml", allowed: keys + optionalKeys, required: keys)
    var name: String?, version: String?, bias: Double?, flag: RiskLevel?
    var vocabulary: VocabularySpec?
    var thresholds: [RiskLevel: Double]?
    var vocabularyNode: Node? = nil
    var categories: [CategoryInfo]?
    var categoryIds: Set<String>?
    for e in entries {
      switch e.key {
      case "name": name = r.nonEmptyString(e.value, "name")
      case "version": version = r.nonEmptyString(e.value, "version")
      case "bias":
        if let b = r.number(e.value, "bias") {
          if b.isFinite { bias = b } else {
            r.report(DiagnosticCode.badWeight, "'bias' must be a finite number", at: e.value)
          }
        }
      case "thresholds": thresholds = readThresholds(e.value, &r)
      case "flag_level":
        if let s = r.string(e.value, "flag_level") {
          if let level = RiskLevel(rawValue: s), level != .none {
            flag = level
          } else {
            r.report(
              DiagnosticCode.badFlagLevel, "unknown flag_level '\(s)'",
              hint: "use one of: low, medium, high, critical", at: e.value)
          }
        }
      case "categories":
        (categories, categoryIds) = readCategories(e.value, &r)
      case "vocabulary":
        vocabulary = readVocabulary(e.value, &r)
        vocabularyNode = e.value
      default: break
      }
    }
    // Words without a finding may order posts but never raise one to a level.
    if let spec = vocabulary, spec.capAlone > 0, let bias, let thresholds, let low = thresholds.values.min(),
      let vocabularyNode, 1 / (1 + exp(-(bias + spec.capAlone))) >= low
    {
      r.report(
        DiagnosticCode.badVocabulary,
        "vocabulary.cap_alone \(spec.capAlone) lets words alone raise a post from the bias \(bias) to the lowest level (\(low))",
        hint: "keep bias + cap_alone below the logit of the lowest threshold", at: vocabularyNode)
    }
    guard r.diagnostics.count == before, let name, let version, let bias, let thresholds,
      let flag, let categories
    else { return (nil, categoryIds) }
    return (
      RuleSetManifest(
        name: name, version: version, categories: categories, bias: bias,
        thresholds: thresholds, flagLevel: flag, vocabulary: vocabulary),
      categoryIds
    )
  }

  /// `vocabulary: {file: words.tsv, cap: 1.5, cap_alone: 1.2}`: a relative path inside the rule
  /// set folder, a positive cap and an optional cap for posts without a finding (0 to `cap`).
  static func readVocabulary(_ node: Node, _ r: inout YAMLReader) -> VocabularySpec? {
    guard let entries = r.mapping(node, "vocabulary") else { return nil }
    let before = r.diagnostics.count
    r.checkKeys(entries, of: node, what: "vocabulary", allowed: ["file", "cap", "cap_alone"], required: ["file", "cap"])
    var file: String?, cap: Double?, capAlone = 0.0
    var capAloneNode: Node? = nil
    for e in entries {
      switch e.key {
      case "file":
        if let f = r.nonEmptyString(e.value, "vocabulary.file") {
          if !isPathInsideFolder(f) {
            r.report(
              DiagnosticCode.badVocabulary, "vocabulary.file '\(f)' must be a path inside the rule set folder",
              hint: "write it relative to ruleset.yaml, e.g. 'vocabulary.tsv'", at: e.value)
          } else {
            file = f
          }
        }
      case "cap":
        if let c = r.number(e.value, "vocabulary.cap") {
          if c.isFinite && c > 0 { cap = c } else {
            r.report(
              DiagnosticCode.badVocabulary, "vocabulary.cap must be a number above 0, found \(e.value.string ?? "?")",
              hint: "keep it below the weight a record needs to reach the flag level, so words never decide alone",
              at: e.value)
          }
        }
      case "cap_alone":
        capAloneNode = e.value
        if let c = r.number(e.value, "vocabulary.cap_alone") {
          if c.isFinite && c >= 0 { capAlone = c } else {
            r.report(
              DiagnosticCode.badVocabulary, "vocabulary.cap_alone must be 0 or more, found \(e.value.string ?? "?")",
              at: e.value)
          }
        }
      default: break
      }
    }
    if let cap, let capAloneNode, capAlone > cap {
      r.report(
        DiagnosticCode.badVocabulary, "vocabulary.cap_alone (\(capAlone)) must not be above vocabulary.cap (\(cap))",
        at: capAloneNode)
    }
    guard r.diagnostics.count == before, let file, let cap else { return nil }
    return VocabularySpec(file: file, cap: cap, capAlone: capAlone)
  }

  static func readThresholds(_ node: Node, _ r: inout YAMLReader) -> [RiskLevel: Double]? {
    guard let entries = r.mapping(node, "thresholds") else { return nil }
    let names = levels.map(\.rawValue)
    let before = r.diagnostics.count
    r.checkKeys(entries, of: node, what: "thresholds", allowed: names, required: names)
    var out: [RiskLevel: Double] = [:]
    var nodes: [RiskLevel: Node] = [:]
    for e in entries {
      guard let level = RiskLevel(rawValue: e.key), level != .none,
        let v = r.number(e.value, "thresholds.\(e.key)")
      else { continue }
      if !(v > 0 && v < 1) {
        r.report(
          DiagnosticCode.badThresholds, "threshold '\(e.key)' is \(e.value.string ?? "?"); it must be between 0 and 1 (exclusive)",
          at: e.value)
        continue
      }
      out[level] = v
      nodes[level] = e.value
    }
    // Order is checked between neighbours that are both present and in range.
    for i in 1..<levels.count {
      let lo = levels[i - 1], hi = levels[i]
      if let a = out[lo], let b = out[hi], !(a < b) {
        r.report(
          DiagnosticCode.badThresholds,
          "threshold '\(hi.rawValue)' (\(nodes[hi]?.string ?? "")) must be greater than '\(lo.rawValue)' (\(nodes[lo]?.string ?? ""))",
          hint: "thresholds must increase: low < medium < high < critical", at: nodes[hi])
      }
    }
    return r.diagnostics.count == before ? out : nil
  }

  static func readCategories(_ node: Node, _ r: inout YAMLReader) -> ([CategoryInfo]?, Set<String>?) {
    guard let items = r.sequence(node, "categories") else { return (nil, nil) }
    if items.isEmpty {
      r.report(DiagnosticCode.emptyValue, "'categories' is empty", at: node)
      return (nil, nil)
    }
    var out: [CategoryInfo] = []
    var ids: Set<String> = []
    for item in items {
      guard let entries = r.mapping(item, "a category") else { continue }
      r.checkKeys(entries, of: item, what: "a category", allowed: ["id", "title"], required: ["id", "title"])
      var id: String?, title: String?
      for e in entries {
        if e.key == "id" {
          guard let s = r.nonEmptyString(e.value, "id") else { continue }
          if !s.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || $0 == "_" }) {
            r.report(
              DiagnosticCode.badCategoryList, "category id '\(s)' must be lowercase letters and '_'",
              at: e.value)
          } else if ids.contains(s) {
            r.report(DiagnosticCode.badCategoryList, "category '\(s)' is listed twice", at: e.value)
          } else {
            id = s
          }
          ids.insert(s)
        } else if e.key == "title" {
          title = r.nonEmptyString(e.value, "title")
        }
      }
      if let id, let title { out.append(CategoryInfo(id: id, title: title)) }
    }
    return (out.count == items.count ? out : nil, ids)
  }
}

// MARK: rule files

private struct RuleReader {
  var reader: YAMLReader
  let folder: String
  let fileStem: String
  let categories: Set<String>?

  static let common = [
    "id", "revision", "title", "category", "indicator", "weight", "status", "kind", "explanation",
    "references", "tests",
  ]
  static let perKind: [RuleKind: [String]] = [
    .phrase: ["languages"], .context: ["languages", "discount", "quoted_share", "voice"], .combo: ["combo"],
  ]
  static let required: [RuleKind: [String]] = [
    .phrase: ["id", "title", "category", "indicator", "weight", "explanation", "languages"],
    .context: ["id", "title", "category", "weight", "explanation"],
    .combo: ["id", "title", "category", "weight", "explanation", "combo"],
  ]
  static let kindOnly: [String: String] = [
    "languages": "applies only to phrase and context rules",
    "discount": "applies only to context rules",
    "quoted_share": "applies only to context rules",
    "voice": "applies only to context rules",
    "combo": "applies only to combo rules (kind: combo)",
  ]

  init(reader: YAMLReader, folder: String, fileStem: String, categories: Set<String>?) {
    self.reader = reader; self.folder = folder; self.fileStem = fileStem; self.categories = categories
  }

  mutating func read(_ bytes: [UInt8]) -> RawRule {
    var raw = RawRule(file: reader.file)
    guard let root = reader.compose(bytes, expecting: "a rule (id, title, category, weight, ...)"),
      let entries = reader.mapping(root, "a rule")
    else { return raw }
    func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    // Kind first: it decides which keys are allowed.
    var kind: RuleKind = .phrase
    var kindKnown = true
    if let node = value("kind"), let s = reader.string(node, "kind") {
      if let k = RuleKind(rawValue: s) { kind = k } else {
        kindKnown = false
        reader.report(
          DiagnosticCode.badEnumValue, "unknown kind '\(s)'",
          hint: "use one of: phrase, combo, context", at: node)
      }
    }
    raw.kind = kindKnown ? kind : nil
    let allowed = Self.common + (Self.perKind[kind] ?? [])
    var kindOnly = Self.kindOnly
    for key in allowed { kindOnly[key] = nil }
    // With an unknown kind, ask only for what every kind needs.
    let required =
      kindKnown
      ? (Self.required[kind] ?? [])
      : Self.common.filter { key in Self.required.values.allSatisfy { $0.contains(key) } }
    reader.checkKeys(
      entries, of: root, what: "the rule", allowed: kindKnown ? allowed : Self.common + ["languages", "discount", "combo"],
      required: required, otherKinds: kindKnown ? kindOnly : [:])

    var rule = Rule(id: "", title: "", category: "", indicator: "", weight: 0, explanation: "", kind: kind, file: reader.file)
    var langsWithPhrases: [String: Node] = [:]
    var weightNode: Node?
    var discountSeen = false

    for e in entries {
      let v = e.value
      switch e.key {
      case "id":
        guard let s = reader.nonEmptyString(v, "id") else { break }
        raw.id = s
        raw.idNode = v
        rule.id = s
        if !Self.isSlug(s) {
          reader.report(
            DiagnosticCode.badId, "rule id '\(s)' is not a slug",
            hint: "use lowercase letters, digits and single '-' between them, e.g. passport-retention",
            at: v)
        } else if s != fileStem {
          reader.report(
            DiagnosticCode.fileNameMismatch, "rule '\(s)' is in a file named '\(fileStem).yaml'",
            hint: "name the file \(s).yaml", at: v, severity: .warning)
        }
      case "revision":
        guard let n = reader.integer(v, "revision") else { break }
        if n < 1 {
          reader.report(DiagnosticCode.badRevision, "revision must be 1 or more, found \(n)", at: v)
        }
        rule.revision = n
      case "title": rule.title = reader.nonEmptyString(v, "title") ?? ""
      case "indicator": rule.indicator = reader.nonEmptyString(v, "indicator") ?? ""
      case "explanation": rule.explanation = reader.nonEmptyString(v, "explanation") ?? ""
      case "category":
        guard let s = reader.nonEmptyString(v, "category") else { break }
        rule.category = s
        if let categories, !categories.contains(s) {
          let near = YAMLReader.nearest(s, in: categories.sorted())
          reader.report(
            DiagnosticCode.unknownCategory, "unknown category '\(s)'",
            hint: near.map { "did you mean '\($0)'? (categories are listed in ruleset.yaml)" }
              ?? "add it to the categories of ruleset.yaml", at: v)
        } else if s != folder {
          reader.report(
            DiagnosticCode.folderMismatch, "rule of category '\(s)' is in folder '\(folder)'",
            hint: "move it to \(s)/", at: v, severity: .warning)
        }
      case "weight":
        weightNode = v
        if let w = reader.number(v, "weight") { rule.weight = w }
      case "status":
        guard let s = reader.string(v, "status") else { break }
        if let st = RuleStatus(rawValue: s) { rule.status = st } else {
          reader.report(
            DiagnosticCode.badEnumValue, "unknown status '\(s)'",
            hint: "use one of: experimental, stable, deprecated", at: v)
        }
      case "references":
        if let list = reader.strings(v, "references") { rule.references = list.map(\.0) }
      case "languages" where kind != .combo:
        rule.languages = readLanguages(v, &langsWithPhrases)
      case "discount" where kind == .context:
        discountSeen = true
        guard let d = reader.number(v, "discount") else { break }
        if d > 0 && d <= 1 { rule.discount = d } else {
          reader.report(
            DiagnosticCode.badDiscount, "discount must be more than 0 and at most 1, found \(v.string ?? "?")",
            at: v)
        }
      case "quoted_share" where kind == .context:
        guard let q = reader.number(v, "quoted_share") else { break }
        if q > 0 && q <= 1 { rule.quotedShare = q } else {
          reader.report(
            DiagnosticCode.badQuotedShare,
            "quoted_share must be more than 0 and at most 1, found \(v.string ?? "?")", at: v)
        }
      case "voice" where kind == .context:
        rule.voice = readVoice(v)
      case "combo" where kind == .combo:
        rule.combo = readCombo(v, &raw)
      case "tests":
        rule.tests = readTests(v)
      default: break
      }
    }

    if kind == .context && !discountSeen {
      reader.report(
        DiagnosticCode.badDiscount, "a context rule needs a 'discount' (more than 0, at most 1)",
        hint: "add e.g. 'discount: 0.25'", at: root)
    }
    if kind == .context && value("languages") == nil && value("quoted_share") == nil && value("voice") == nil {
      reader.report(
        DiagnosticCode.badQuotedShare, "a context rule needs 'languages' (its phrases), 'quoted_share' or 'voice'",
        hint: "list the phrases that mark a warning, or add e.g. 'quoted_share: 0.5'", at: root)
    }
    if let weightNode, YAMLReader.parseNumber(weightNode) != nil {
      checkWeight(rule.weight, kind: kind, at: weightNode)
    }
    checkExamples(rule, kind: kind, langsWithPhrases: langsWithPhrases, root: root, comboNode: value("combo"))

    if !reader.hasErrors && kindKnown { raw.rule = rule }
    return raw
  }

  /// `voice: {file: voice.tsv, threshold: 1.0, min_words: 5}`: a word-weights file inside the rule
  /// set folder, the finite score at which the context fires, and (optional) how many known words
  /// outside the lures it needs.
  mutating func readVoice(_ node: Node) -> VoiceSpec? {
    guard let entries = reader.mapping(node, "voice") else { return nil }
    let before = reader.diagnostics.count
    reader.checkKeys(
      entries, of: node, what: "voice", allowed: ["file", "threshold", "min_words"], required: ["file", "threshold"])
    var file: String?, threshold: Double?, minWords = 1
    for e in entries {
      switch e.key {
      case "file":
        if let f = reader.nonEmptyString(e.value, "voice.file") {
          if !isPathInsideFolder(f) {
            reader.report(
              DiagnosticCode.badVocabulary, "voice.file '\(f)' must be a path inside the rule set folder",
              hint: "write it relative to ruleset.yaml, e.g. 'voice.tsv'", at: e.value)
          } else {
            file = f
          }
        }
      case "threshold":
        if let t = reader.number(e.value, "voice.threshold") {
          if t.isFinite { threshold = t } else {
            reader.report(DiagnosticCode.badVocabulary, "voice.threshold must be a finite number", at: e.value)
          }
        }
      case "min_words":
        if let n = reader.integer(e.value, "voice.min_words") {
          if n >= 1 { minWords = n } else {
            reader.report(DiagnosticCode.badVocabulary, "voice.min_words must be 1 or more, found \(n)", at: e.value)
          }
        }
      default: break
      }
    }
    guard reader.diagnostics.count == before, let file, let threshold else { return nil }
    return VoiceSpec(file: file, threshold: threshold, minWords: minWords)
  }

  static func isSlug(_ s: String) -> Bool {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    return parts.allSatisfy { part in
      !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
  }

  mutating func checkWeight(_ w: Double, kind: RuleKind, at node: Node) {
    let shown = node.string ?? "?"
    if !w.isFinite {
      reader.report(DiagnosticCode.badWeight, "weight must be a finite number, found \(shown)", at: node)
    } else if abs(w) > 10 {
      reader.report(
        DiagnosticCode.badWeight, "weight \(shown) is out of range; |weight| must be at most 10",
        at: node)
    } else if w == 0 && kind == .phrase {
      reader.report(
        DiagnosticCode.badWeight, "a phrase rule's weight cannot be 0",
        hint: "use a negative weight for a counter-indicator, or set status: deprecated", at: node)
    } else if w > 0 && kind == .context {
      reader.report(
        DiagnosticCode.badWeight, "a context rule's weight must be 0 or negative, found \(shown)",
        at: node)
    }
  }

  mutating func readLanguages(_ node: Node, _ withPhrases: inout [String: Node]) -> [LanguagePhrases] {
    guard let items = reader.sequence(node, "languages") else { return [] }
    if items.isEmpty {
      reader.report(DiagnosticCode.emptyValue, "'languages' is empty", at: node)
      return []
    }
    var out: [LanguagePhrases] = []
    for item in items {
      guard let entries = reader.mapping(item, "a language entry") else { continue }
      reader.checkKeys(
        entries, of: item, what: "a language entry", allowed: ["lang", "phrases"],
        required: ["lang", "phrases"])
      var lang: String?
      var langNode: Node?
      var phrases: [PhraseSource] = []
      for e in entries where e.key == "lang" {
        guard let s = reader.string(e.value, "lang") else { continue }
        if !RuleSetLoader.languageCodes.contains(s) {
          reader.report(
            DiagnosticCode.unknownLanguage, "unknown language code '\(s)'",
            hint: "use one of: \(RuleSetLoader.languageCodes.joined(separator: " "))", at: e.value)
        } else if let first = withPhrases[s] {
          let (line, _) = YAMLReader.position(first)
          reader.report(
            DiagnosticCode.duplicateLanguage,
            "language '\(s)' is listed twice (first at line \(line))",
            hint: "put all its phrases in one entry", at: e.value)
        } else {
          lang = s
          langNode = e.value
        }
      }
      for e in entries where e.key == "phrases" {
        phrases = readPhrases(e.value)
      }
      if let lang, let langNode {
        withPhrases[lang] = langNode
        out.append(LanguagePhrases(lang: lang, phrases: phrases))
      }
    }
    return out
  }

  mutating func readPhrases(_ node: Node) -> [PhraseSource] {
    guard let items = reader.sequence(node, "phrases") else { return [] }
    if items.isEmpty {
      reader.report(DiagnosticCode.emptyValue, "'phrases' is empty", hint: "list at least one phrase", at: node)
      return []
    }
    var out: [PhraseSource] = []
    var seen: [String: Int] = [:]
    for item in items {
      guard let text = reader.string(item, "phrase") else { continue }
      let (line, column) = YAMLReader.position(item)
      if text.allSatisfy(\.isWhitespace) {
        reader.report(DiagnosticCode.emptyValue, "empty phrase", at: item)
        continue
      }
      let pattern: Pattern
      do {
        pattern = try PatternParser.parse(text)
      } catch {
        // Column of the error in the file: the phrase's column, past an opening quote, plus the
        // scalars before the error inside the phrase.
        var quote = 0
        if case .scalar(let s) = item, s.style == .singleQuoted || s.style == .doubleQuoted { quote = 1 }
        let offset = text.prefix(error.column - 1).unicodeScalars.count
        let code =
          error.code == .matchesEmpty ? DiagnosticCode.patternCannotMatch : DiagnosticCode.patternSyntax
        reader.report(
          code, "in phrase \"\(text)\": \(error.message)", line: line, column: column + quote + offset)
        continue
      }
      if let w = Self.punctuationAlternative(pattern.items) {
        reader.report(
          DiagnosticCode.punctuationWord,
          "in phrase \"\(text)\": the alternative '\(w)' has no letter or digit, so it matches no token and makes its group optional",
          hint: "drop it (and write '?' after the group if the group is meant to be optional)", at: item,
          severity: .warning)
      }
      let key = text.split(whereSeparator: PatternParser.isSpace).joined(separator: " ")
      if let firstLine = seen[key] {
        reader.report(
          DiagnosticCode.duplicatePhrase, "phrase \"\(text)\" is listed twice (first at line \(firstLine))",
          at: item, severity: .warning)
        continue
      }
      seen[key] = line
      var source = PhraseSource(text: text, line: line, column: column)
      source.pattern = pattern
      out.append(source)
    }
    return out
  }

  /// The first alternative made only of punctuation words ("&", "/", "-") in a group that is not
  /// itself optional: tokens never consist of punctuation, so such an alternative is empty and
  /// silently makes its whole group optional ("(sehari|/)" then matches without the period).
  static func punctuationAlternative(_ items: [PatternNode]) -> String? {
    // Punctuation and math signs ("&", "/", "-", "+"); not emoji or currency signs, which the
    // tokenizer keeps as tokens.
    func isPunctuation(_ w: String) -> Bool {
      w.unicodeScalars.allSatisfy { s in
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
          .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol:
          return true
        default:
          return false
        }
      }
    }
    for item in items {
      switch item {
      case .alternatives(let alts):
        for alt in alts {
          let words = alt.compactMap { node -> String? in if case .word(let w) = node { return w } else { return nil } }
          if !alt.isEmpty && words.count == alt.count && words.allSatisfy(isPunctuation) {
            return words.joined(separator: " ")
          }
          if let w = punctuationAlternative(alt) { return w }
        }
      case .optional(let inner):
        // "(and|&)?" is optional anyway: only look inside its alternatives.
        if case .alternatives(let alts) = inner {
          for alt in alts { if let w = punctuationAlternative(alt) { return w } }
        } else if let w = punctuationAlternative([inner]) {
          return w
        }
      default: break
      }
    }
    return nil
  }

  mutating func readCombo(_ node: Node, _ raw: inout RawRule) -> ComboSpec? {
    guard let entries = reader.mapping(node, "combo") else { return nil }
    reader.checkKeys(
      entries, of: node, what: "combo", allowed: ["rules", "min", "within"], required: ["rules", "min"])
    var rules: [String] = []
    var minValue: Int?
    var minNode: Node?
    var scope = ComboScope.document
    for e in entries {
      switch e.key {
      case "rules":
        guard let list = reader.strings(e.value, "combo.rules") else { break }
        if list.isEmpty {
          reader.report(DiagnosticCode.emptyValue, "'combo.rules' is empty", at: e.value)
        }
        for (id, n) in list {
          if rules.contains(id) {
            reader.report(DiagnosticCode.comboBadMin, "combo lists '\(id)' twice", at: n)
            continue
          }
          rules.append(id)
          raw.comboRefs.append((id, n))
        }
      case "min":
        minNode = e.value
        minValue = reader.integer(e.value, "combo.min")
      case "within":
        guard let s = reader.string(e.value, "combo.within") else { break }
        if s == "document" { scope = .document } else if s == "sentence" { scope = .sentence } else if let n = Int(s), n >= 2, n <= 1000 {
          scope = .tokens(n)
        } else {
          reader.report(
            DiagnosticCode.comboBadWithin, "combo 'within' must be document, sentence or a number of tokens from 2 to 1000, found '\(s)'",
            at: e.value)
        }
      default: break
      }
    }
    if let minValue, let minNode, !rules.isEmpty, minValue < 1 || minValue > rules.count {
      reader.report(
        DiagnosticCode.comboBadMin, "combo min is \(minValue) but it lists \(rules.count) rules",
        hint: "min must be from 1 to the number of listed rules", at: minNode)
    }
    return ComboSpec(rules: rules, min: minValue ?? 1, scope: scope)
  }

  mutating func readTests(_ node: Node) -> RuleTests {
    guard let entries = reader.mapping(node, "tests") else { return RuleTests() }
    reader.checkKeys(
      entries, of: node, what: "tests", allowed: ["match", "no_match", "known_miss"], required: [])
    var tests = RuleTests()
    for e in entries {
      switch e.key {
      case "match": tests.match = readExamples(e.value, "tests.match")
      case "no_match": tests.noMatch = readExamples(e.value, "tests.no_match")
      case "known_miss": tests.knownMiss = readExamples(e.value, "tests.known_miss")
      default: break
      }
    }
    return tests
  }

  mutating func readExamples(_ node: Node, _ field: String) -> [RuleExample] {
    if YAMLReader.isNull(node) { return [] }
    guard let items = reader.sequence(node, field) else { return [] }
    var out: [RuleExample] = []
    for item in items {
      guard let entries = reader.mapping(item, "an example") else { continue }
      reader.checkKeys(
        entries, of: item, what: "an example", allowed: ["lang", "text"], required: ["lang", "text"])
      var lang: String?, text: String?
      for e in entries {
        if e.key == "lang", let s = reader.string(e.value, "lang") {
          if RuleSetLoader.languageCodes.contains(s) { lang = s } else {
            reader.report(
              DiagnosticCode.unknownLanguage, "unknown language code '\(s)'",
              hint: "use one of: \(RuleSetLoader.languageCodes.joined(separator: " "))", at: e.value)
          }
        } else if e.key == "text" {
          text = reader.nonEmptyString(e.value, "text")
        }
      }
      let (line, column) = YAMLReader.position(item)
      if let lang, let text { out.append(RuleExample(lang: lang, text: text, line: line, column: column)) }
    }
    return out
  }

  /// Every language with phrases needs a match and a no_match example; examples in a language
  /// without phrases are suspicious (warning). Combos need one of each.
  mutating func checkExamples(
    _ rule: Rule, kind: RuleKind, langsWithPhrases: [String: Node], root: Node, comboNode: Node?
  ) {
    if kind == .combo {
      guard let comboNode else { return }
      if rule.tests.match.isEmpty {
        reader.report(
          DiagnosticCode.missingExamples, "combo rule has no 'match' example",
          hint: "add a whole ad that must set it off under tests.match", at: comboNode)
      }
      if rule.tests.noMatch.isEmpty {
        reader.report(
          DiagnosticCode.missingExamples, "combo rule has no 'no_match' example",
          hint: "add an ad that must not set it off under tests.no_match", at: comboNode)
      }
      return
    }
    for lp in rule.languages where !lp.phrases.isEmpty {
      guard let node = langsWithPhrases[lp.lang] else { continue }
      let hasMatch = rule.tests.match.contains { $0.lang == lp.lang }
      let hasNoMatch = rule.tests.noMatch.contains { $0.lang == lp.lang }
      var missing: [String] = []
      if !hasMatch { missing.append("'match'") }
      if !hasNoMatch { missing.append("'no_match'") }
      if !missing.isEmpty {
        reader.report(
          DiagnosticCode.missingExamples,
          "language '\(lp.lang)' has phrases but no \(missing.joined(separator: " or ")) example",
          hint: "add {lang: \(lp.lang), text: ...} under tests", at: node)
      }
    }
    // A quotation or voice context has no phrases: it applies to every language its examples are in.
    if (rule.quotedShare != nil || rule.voice != nil) && rule.languages.isEmpty { return }
    let langs = Set(rule.languages.map(\.lang))
    for ex in rule.tests.match + rule.tests.noMatch + rule.tests.knownMiss where !langs.contains(ex.lang) {
      reader.report(
        DiagnosticCode.exampleWithoutPhrases,
        "example in '\(ex.lang)', but the rule has no '\(ex.lang)' phrases", line: ex.line,
        column: ex.column, severity: .warning)
    }
  }
}
