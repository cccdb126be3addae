/// Located, coded messages about rule files. See docs/RULES.md, "Diagnostic codes".

public enum DiagnosticSeverity: String, Sendable, Hashable, Codable {
  /// The rule set is refused.
  case error
  /// Reported; the rule set still loads.
  case warning
}

/// One problem found in a rule set, an overlay or a rule file, with where it is.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
  /// Stable code, e.g. `RF012`. See `DiagnosticCode`.
  public var code: String
  public var severity: DiagnosticSeverity
  public var message: String
  /// What to do about it, when there is something specific to say.
  public var hint: String?
  /// The file, relative to the rule set folder (or as given, for an overlay).
  public var file: String
  /// 1-based line and column (columns count Unicode scalars, as libyaml does).
  public var line: Int
  public var column: Int

  public init(
    code: String, severity: DiagnosticSeverity, message: String, hint: String? = nil,
    file: String, line: Int, column: Int
  ) {
    self.code = code; self.severity = severity; self.message = message; self.hint = hint
    self.file = file; self.line = line; self.column = column
  }

  /// `file:line:col: error[RF012]: message`, then `\n  hint: ...` when there is a hint.
  public var description: String {
    var s = "\(file):\(line):\(column): \(severity.rawValue)[\(code)]: \(message)"
    if let hint { s += "\n  hint: \(hint)" }
    return s
  }

  public var isError: Bool { severity == .error }

  /// Orders diagnostics by file, line, column, then code and message, so output is deterministic.
  public static func sorted(_ list: [Diagnostic]) -> [Diagnostic] {
    list.sorted { a, b in
      if a.file != b.file { return a.file < b.file }
      if a.line != b.line { return a.line < b.line }
      if a.column != b.column { return a.column < b.column }
      if a.code != b.code { return a.code < b.code }
      return a.message < b.message
    }
  }
}

/// The stable diagnostic codes. Never renumber: tools and people filter on them.
public enum DiagnosticCode {
  public static let yamlSyntax = "RF001"
  public static let missingFile = "RF002"
  public static let unknownKey = "RF003"
  public static let missingKey = "RF004"
  public static let wrongType = "RF005"
  public static let duplicateKey = "RF006"
  public static let keyNotForKind = "RF007"
  public static let emptyValue = "RF008"
  public static let badId = "RF009"
  public static let duplicateId = "RF010"
  public static let badCategoryList = "RF011"
  public static let unknownCategory = "RF012"
  public static let unknownLanguage = "RF013"
  public static let duplicateLanguage = "RF014"
  public static let patternSyntax = "RF015"
  public static let patternCannotMatch = "RF016"
  public static let badWeight = "RF017"
  public static let badRevision = "RF018"
  public static let badEnumValue = "RF019"
  public static let comboUnknownRule = "RF020"
  public static let comboNotPhraseRule = "RF021"
  public static let comboBadMin = "RF022"
  public static let comboBadWithin = "RF023"
  public static let badDiscount = "RF024"
  public static let badThresholds = "RF025"
  public static let badFlagLevel = "RF026"
  public static let missingExamples = "RF027"
  /// Warning.
  public static let exampleWithoutPhrases = "RF028"
  /// Warning.
  public static let fileNameMismatch = "RF029"
  /// Warning.
  public static let folderMismatch = "RF030"
  /// Warning.
  public static let duplicatePhrase = "RF031"
  /// Warning.
  public static let noRules = "RF032"
  /// Warning.
  public static let punctuationWord = "RF033"
  /// A context rule with a `quoted_share` out of (0, 1], or with neither phrases nor `quoted_share`.
  public static let badQuotedShare = "RF034"
  /// ruleset.yaml's `vocabulary` or its weights file is wrong (missing file, bad line, bad cap).
  public static let badVocabulary = "RF035"
  public static let overlayUnknownRule = "RF040"
  public static let overlayNotFinite = "RF041"
  public static let overlayWrongRuleSet = "RF042"

  /// Every code above, in order.
  public static let all: [String] = [
    yamlSyntax, missingFile, unknownKey, missingKey, wrongType, duplicateKey, keyNotForKind,
    emptyValue, badId, duplicateId, badCategoryList, unknownCategory, unknownLanguage,
    duplicateLanguage, patternSyntax, patternCannotMatch, badWeight, badRevision, badEnumValue,
    comboUnknownRule, comboNotPhraseRule, comboBadMin, comboBadWithin, badDiscount, badThresholds,
    badFlagLevel, missingExamples, exampleWithoutPhrases, fileNameMismatch, folderMismatch,
    duplicatePhrase, noRules, punctuationWord, badQuotedShare, badVocabulary, overlayUnknownRule, overlayNotFinite, overlayWrongRuleSet,
  ]

  /// Codes whose diagnostics are warnings (the set still loads).
  public static let warnings: Set<String> = [
    exampleWithoutPhrases, fileNameMismatch, folderMismatch, duplicatePhrase, noRules, punctuationWord,
  ]
}

/// Every diagnostic of a refused rule set (or overlay): all errors and all warnings, sorted.
public struct RuleSetLoadError: Error, Sendable, Hashable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]
  public init(diagnostics: [Diagnostic]) { self.diagnostics = Diagnostic.sorted(diagnostics) }
  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
  public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
  /// One diagnostic per line (hints on their own indented lines).
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A rule set that loaded, with the warnings found on the way.
public struct LoadedRuleSet: Sendable, Hashable {
  public var definition: RuleSetDefinition
  /// Sorted; empty when the set is clean.
  public var warnings: [Diagnostic]
  public init(definition: RuleSetDefinition, warnings: [Diagnostic]) {
    self.definition = definition; self.warnings = warnings
  }
}
