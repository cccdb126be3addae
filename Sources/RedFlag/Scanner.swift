import Foundation
import RedFlagEngine
import RedFlagHTML
import RedFlagRules
import RedFlagText

/// A loaded and compiled rule set, shared by all scanners and threads.
public struct RuleSet: Sendable {
  /// The validated rules and manifest (after any weights overlay).
  public let definition: RuleSetDefinition
  /// The compiled matcher and scorer.
  public let compiled: CompiledRuleSet
  /// Warnings found while loading (the set loaded anyway).
  public let warnings: [Diagnostic]
  /// Name, version and digest, stamped on every report.
  public var stamp: RuleSetStamp {
    RuleSetStamp(name: definition.manifest.name, version: definition.manifest.version, sha256: definition.sha256)
  }

  /// Compiles a definition.
  public init(definition: RuleSetDefinition, compiler: RuleSetCompiler = RuleSetCompiler(), warnings: [Diagnostic] = []) throws {
    self.definition = definition
    self.compiled = try compiler.compile(definition)
    self.warnings = warnings
  }

  /// Loads `DIR/ruleset.yaml` and the rules under it, and applies a weights overlay when given.
  ///
  /// Throws `RuleSetLoadError` (every diagnostic, each with file, line and column) when the set or
  /// the overlay is invalid, or `CompileError`.
  public static func load(from directory: String, weights: String? = nil) throws -> RuleSet {
    let loaded: LoadedRuleSet
    switch RuleSetLoader.loadReportingWarnings(directory: directory) {
    case .success(let l): loaded = l
    case .failure(let e): throw e
    }
    var definition = loaded.definition
    if let weights {
      let overlay = try RuleSetLoader.loadOverlay(path: weights)
      definition = try overlay.apply(to: definition)
    }
    return try RuleSet(definition: definition, warnings: loaded.warnings)
  }
}

/// Scans documents with one rule set. Thread-safe: share one scanner across threads; it keeps a
/// small pool of text analyzers (which own ICU iterators) internally.
public final class Scanner: @unchecked Sendable {
  public let ruleSet: RuleSet
  private let lock = NSLock()
  private var pool: [TextAnalyzer] = []

  public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

  private func withAnalyzer<T>(_ body: (TextAnalyzer) -> T) -> T {
    lock.lock()
    let analyzer = pool.popLast() ?? TextAnalyzer()
    lock.unlock()
    let result = body(analyzer)
    lock.lock()
    pool.append(analyzer)
    lock.unlock()
    return result
  }

  /// Analyzes text without scoring it (tokens, language).
  public func analyze(text: String) -> AnalyzedText { withAnalyzer { $0.analyze(text) } }

  /// Scans plain text. Spans in the report index into `text`.
  public func scan(text: String, id: String = "") -> ScanReport {
    report(id: id, withAnalyzer { $0.analyze(text) })
  }

  /// Scans an HTML document: its visible text, link targets, alt/title texts and JSON-LD job
  /// postings. Spans in the report index into the extracted text (`HTMLExtractor.extract`).
  public func scan(html: String, id: String = "") -> ScanReport {
    scan(text: HTMLExtractor.extract(html: html).text, id: id)
  }

  /// Scans HTML given as bytes, honouring its `<meta charset>` (or `charset` when given).
  public func scan(htmlBytes: [UInt8], charset: String? = nil, id: String = "") -> ScanReport {
    scan(text: HTMLExtractor.extract(html: htmlBytes, declaredCharset: charset).text, id: id)
  }

  /// Scans raw bytes that should be UTF-8; invalid sequences are repaired with U+FFFD, and byte
  /// offsets in the report still refer to `bytes`.
  public func scan(utf8 bytes: [UInt8], id: String = "") -> ScanReport {
    report(id: id, withAnalyzer { $0.analyze(utf8: bytes) })
  }

  /// The distinct vocabulary keys of a text (what `redflag calibrate --vocabulary` learns on).
  public func vocabularyKeys(text: String) -> Set<String> {
    VocabularyKeys.keys(analyze(text: text).tokens)
  }

  /// The voice keys of a text: its words outside the lures the rule set finds (what `redflag
  /// calibrate --voice` learns on).
  public func voiceKeys(text: String) -> Set<String> {
    ruleSet.compiled.voiceKeys(analyze(text: text))
  }

  /// The voice keys of an HTML document's extracted text.
  public func voiceKeys(html: String) -> Set<String> {
    voiceKeys(text: HTMLExtractor.extract(html: html).text)
  }

  /// The distinct vocabulary keys of an HTML document's extracted text.
  public func vocabularyKeys(html: String) -> Set<String> {
    vocabularyKeys(text: HTMLExtractor.extract(html: html).text)
  }

  /// Scans and also returns the engine's evaluation and the analysed text (for tools).
  public func evaluate(text: String) -> (AnalyzedText, Evaluation) {
    let doc = withAnalyzer { $0.analyze(text) }
    return (doc, ruleSet.compiled.evaluate(doc))
  }

  private func report(id: String, _ doc: AnalyzedText) -> ScanReport {
    let eval = ruleSet.compiled.evaluate(doc)
    return ScanReport(id: id, document: doc, evaluation: eval, ruleset: ruleSet.stamp)
  }
}

extension ScanReport {
  /// Builds the output record from the engine's verdict.
  public init(id: String, document doc: AnalyzedText, evaluation eval: Evaluation, ruleset: RuleSetStamp) {
    let findings = eval.findings.map { f in
      Finding(
        rule: f.rule.id, revision: f.rule.revision, category: f.rule.category, indicator: f.rule.indicator,
        weight: f.weight, text: f.text, start: f.span.start, end: f.span.end, utf8Start: f.span.utf8Start,
        utf8End: f.span.utf8End, explanation: f.rule.explanation)
    }
    var entities: [EntityReport] = []
    for t in doc.tokens {
      switch t.kind {
      case .phone, .handle, .url, .email, .money:
        entities.append(
          EntityReport(
            kind: t.kind.rawValue, text: t.text, start: t.span.start, end: t.span.end,
            utf8Start: t.span.utf8Start, utf8End: t.span.utf8End))
      default: break
      }
    }
    self.init(
      id: id, score: eval.score, level: eval.level, flagged: eval.flagged, language: doc.language.code,
      categories: eval.categories, findings: findings, entities: entities, ruleset: ruleset,
      vocabulary: eval.vocabulary.map(VocabularyReport.init), voice: eval.voice.map(VocabularyReport.init))
  }
}
