import Yams

/// Fitted weights that replace a rule set's bias and rule weights (docs/RULES.md, "Weights overlay").
///
/// ```yaml
/// ruleset: redflag-core     # optional: must equal the rule set's name when given
/// bias: -3.7                # optional
/// weights:
///   passport-retention: 2.3
/// ```
public struct WeightsOverlay: Sendable, Hashable {
  /// The name of the rule set it was fitted for.
  public var ruleset: String?
  public var bias: Double?
  /// Rule id -> new weight.
  public var weights: [String: Double]
  /// Where it came from, for messages ("" when built in code).
  public var file: String
  /// Line and column of each weight's key (for messages), when read from a file.
  public var locations: [String: SourceLocation]

  public init(
    ruleset: String? = nil, bias: Double? = nil, weights: [String: Double] = [:], file: String = "",
    locations: [String: SourceLocation] = [:]
  ) {
    self.ruleset = ruleset; self.bias = bias; self.weights = weights; self.file = file
    self.locations = locations
  }

  /// A 1-based line and column in a file.
  public struct SourceLocation: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
  }

  /// The definition with this overlay's bias and weights. Throws `RuleSetLoadError` listing every
  /// unknown rule id (RF040), non-finite value (RF041) and a rule set name mismatch (RF042).
  public func apply(to definition: RuleSetDefinition) throws -> RuleSetDefinition {
    var diagnostics: [Diagnostic] = []
    func report(_ code: String, _ message: String, hint: String? = nil, key: String?) {
      let loc = key.flatMap { locations[$0] } ?? (key == nil ? locations[Self.biasKey] : nil)
      diagnostics.append(
        Diagnostic(
          code: code, severity: .error, message: message, hint: hint,
          file: file.isEmpty ? "<overlay>" : file, line: loc?.line ?? 1, column: loc?.column ?? 1))
    }
    if let ruleset, ruleset != definition.manifest.name {
      diagnostics.append(
        Diagnostic(
          code: DiagnosticCode.overlayWrongRuleSet, severity: .error,
          message: "overlay is for rule set '\(ruleset)', but the loaded set is '\(definition.manifest.name)'",
          file: file.isEmpty ? "<overlay>" : file, line: locations[Self.rulesetKey]?.line ?? 1,
          column: locations[Self.rulesetKey]?.column ?? 1))
    }
    if let bias, !bias.isFinite {
      report(DiagnosticCode.overlayNotFinite, "bias is \(bias); it must be a finite number", key: nil)
    }
    var index: [String: Int] = [:]
    for (i, rule) in definition.rules.enumerated() { index[rule.id] = i }
    let ids = definition.rules.map(\.id)
    for id in weights.keys.sorted() {
      let w = weights[id]!
      if index[id] == nil {
        let near = YAMLReader.nearest(id, in: ids)
        report(
          DiagnosticCode.overlayUnknownRule, "overlay sets a weight for unknown rule '\(id)'",
          hint: near.map { "did you mean '\($0)'?" }, key: id)
      } else if !w.isFinite {
        report(
          DiagnosticCode.overlayNotFinite, "weight of '\(id)' is \(w); it must be a finite number",
          key: id)
      }
    }
    if !diagnostics.isEmpty { throw RuleSetLoadError(diagnostics: diagnostics) }
    var out = definition
    if let bias { out.manifest.bias = bias }
    for (id, w) in weights { out.rules[index[id]!].weight = w }
    return out
  }

  static let biasKey = "\u{0}bias"
  static let rulesetKey = "\u{0}ruleset"

  /// Reads an overlay file. Throws `RuleSetLoadError` with every problem found.
  public static func load(path: String) throws -> WeightsOverlay {
    guard let bytes = readBytes(path) else {
      throw RuleSetLoadError(diagnostics: [
        Diagnostic(
          code: DiagnosticCode.missingFile, severity: .error,
          message: "cannot read weights overlay '\(path)'", file: path, line: 1, column: 1)
      ])
    }
    var r = YAMLReader(file: path)
    var overlay = WeightsOverlay(file: path)
    if let root = r.compose(bytes, expecting: "a weights overlay (ruleset, bias, weights)"),
      let entries = r.mapping(root, "the overlay")
    {
      r.checkKeys(
        entries, of: root, what: "the overlay", allowed: ["ruleset", "bias", "weights"],
        required: ["weights"])
      for e in entries {
        let (line, column) = YAMLReader.position(e.keyNode)
        switch e.key {
        case "ruleset":
          overlay.ruleset = r.nonEmptyString(e.value, "ruleset")
          overlay.locations[rulesetKey] = SourceLocation(line: line, column: column)
        case "bias":
          overlay.locations[biasKey] = SourceLocation(line: line, column: column)
          if let b = r.number(e.value, "bias") {
            if b.isFinite { overlay.bias = b } else {
              r.report(DiagnosticCode.overlayNotFinite, "bias must be a finite number", at: e.value)
            }
          }
        case "weights":
          guard let ws = r.mapping(e.value, "weights") else { break }
          for w in ws {
            let (l, c) = YAMLReader.position(w.keyNode)
            guard let v = r.number(w.value, "weights.\(w.key)") else { continue }
            if !v.isFinite {
              r.report(
                DiagnosticCode.overlayNotFinite, "weight of '\(w.key)' must be a finite number",
                at: w.value)
              continue
            }
            overlay.weights[w.key] = v
            overlay.locations[w.key] = SourceLocation(line: l, column: c)
          }
        default: break
        }
      }
    }
    if r.hasErrors { throw RuleSetLoadError(diagnostics: r.diagnostics) }
    return overlay
  }
}
