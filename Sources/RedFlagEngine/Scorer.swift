#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RedFlagRules
import RedFlagText

/// A rule that fired, with the weight that counted and where.
public struct RuleFinding: Sendable, Hashable {
  public var rule: Rule
  /// The weight that counted in the score (after the context discount).
  public var weight: Double
  /// The first occurrence's span in the original text (for combos: from the first to the last part).
  public var span: TextSpan
  /// The matched text as it stands in the original.
  public var text: String
  /// For combos: the ids of the rules that made it fire.
  public var parts: [String]
}

/// The engine's verdict on one document.
public struct Evaluation: Sendable {
  public var logit: Double
  public var score: Double
  public var level: RiskLevel
  public var flagged: Bool
  /// Score of each category that had a finding.
  public var categories: [String: Double]
  /// In order of appearance in the text.
  public var findings: [RuleFinding]
  /// The smallest discount of the context rules that fired (1 when none fired).
  public var discount: Double
  /// Every phrase occurrence (for tools that need all of them).
  public var matches: [PhraseMatch]
  /// The word evidence that counted in `logit`: only when the rule set has a vocabulary and a
  /// positive phrase or combo rule fired (words never flag a post on their own).
  public var vocabulary: VocabularyEvidence? = nil
  /// The word evidence of a `voice` context rule that fired: the post's words read like a warning
  /// or a news report (only looked at when a positive phrase or combo rule fired).
  public var voice: VocabularyEvidence? = nil
}

extension CompiledRuleSet {
  static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  /// The level a score reaches under the manifest's thresholds.
  public func level(forScore score: Double) -> RiskLevel {
    var level = RiskLevel.none
    for l in [RiskLevel.low, .medium, .high, .critical] {
      if let t = definition.manifest.thresholds[l], score >= t { level = l }
    }
    return level
  }

  /// Matches and scores an analysed document.
  public func evaluate(_ doc: AnalyzedText) -> Evaluation {
    let tokens = doc.tokens
    let matches = match(tokens)
    var first: [Int: PhraseMatch] = [:]
    var byRule: [Int: [PhraseMatch]] = [:]
    for m in matches {
      if first[m.rule] == nil { first[m.rule] = m }
      byRule[m.rule, default: []].append(m)
    }
    // Combos.
    var comboParts: [Int: [PhraseMatch]] = [:]
    for c in comboRules {
      guard let spec = rules[Int(c)].combo else { continue }
      let parts = spec.rules.compactMap { ruleIndex[$0].map(Int.init) }
      if let used = Self.comboFires(spec: spec, parts: parts, byRule: byRule, tokens: tokens) {
        comboParts[Int(c)] = used
      }
    }
    // The lures: the positive phrase rules found, in rule order.
    let lures = first.keys.filter { rules[$0].kind == .phrase && rules[$0].weight > 0 }.sorted()
    let quoted = quotedContexts(first: first, lures: lures, tokens: tokens, text: doc.text)
    // A lure or a positive combo: the voice and the full vocabulary cap need one.
    let hasLure = !lures.isEmpty || comboParts.keys.contains { rules[$0].weight > 0 }
    // Without a lure, words count only when the rule set allows it (`cap_alone`), and only to order
    // posts below the lowest level.
    let capAlone = definition.manifest.vocabulary?.capAlone ?? 0
    let wordsCount = hasLure || capAlone > 0
    let keys = wordsCount && definition.vocabulary != nil ? VocabularyKeys.keys(tokens) : []
    let voiced =
      hasLure && !voiceRules.isEmpty
      ? voiceContexts(first: first, quoted: quoted, keys: voiceKeys(tokens, matches: matches)) : [:]
    var discount = 1.0
    for c in contextRules where first[Int(c)] != nil || quoted[Int(c)] != nil || voiced[Int(c)] != nil {
      discount = min(discount, rules[Int(c)].discount ?? 1)
    }
    var logit = definition.manifest.bias
    var findings: [RuleFinding] = []
    var categoryLogits: [String: Double] = [:]
    func add(_ r: Int, span: TextSpan, parts: [String]) {
      let rule = rules[r]
      let w = rule.weight > 0 && rule.kind != .context ? rule.weight * discount : rule.weight
      logit += w
      categoryLogits[rule.category, default: definition.manifest.bias] += w
      let text = Self.slice(doc.text, span)
      findings.append(RuleFinding(rule: rule, weight: w, span: span, text: text, parts: parts))
    }
    // Add in rule order, so the floating-point sum is the same on every run.
    for r in first.keys.sorted() {
      let m = first[r]!
      add(r, span: Self.span(tokens, m.startToken, m.endToken), parts: [])
    }
    for c in comboParts.keys.sorted() {
      let used = comboParts[c]!
      let a = used.map(\.startToken).min()!
      let b = used.map(\.endToken).max()!
      let ids = Array(Set(used.map { rules[$0.rule].id })).sorted()
      add(c, span: Self.span(tokens, a, b), parts: ids)
    }
    // A quotation context is shown at the first lure it found quoted, naming every quoted lure.
    for c in quoted.keys.sorted() {
      let lures = quoted[c]!
      let shown = lures.min { first[$0]!.startToken < first[$1]!.startToken }!
      let m = first[shown]!
      add(c, span: Self.span(tokens, m.startToken, m.endToken), parts: lures.map { rules[$0].id }.sorted())
    }
    // A voice context is shown at the first lure it discounts.
    for c in voiced.keys.sorted() {
      if let lure = lures.min(by: { (first[$0]!.startToken, $0) < (first[$1]!.startToken, $1) }) {
        let m = first[lure]!
        add(c, span: Self.span(tokens, m.startToken, m.endToken), parts: [])
      } else if let combo = findings.first(where: { $0.rule.kind == .combo && $0.weight > 0 }) {
        add(c, span: combo.span, parts: [])
      }
    }
    findings.sort { ($0.span.start, $0.span.end, $0.rule.id) < ($1.span.start, $1.span.end, $1.rule.id) }
    var vocabulary: VocabularyEvidence? = nil
    if let model = definition.vocabulary, wordsCount {
      vocabulary = model.evidence(keys: keys)
      if !hasLure, let v = vocabulary { vocabulary?.weight = min(capAlone, max(-capAlone, v.weight)) }
      logit += vocabulary?.weight ?? 0
    }
    let score = Self.sigmoid(logit)
    let level = level(forScore: score)
    let categories = categoryLogits.mapValues { Self.sigmoid($0) }
    return Evaluation(
      logit: logit, score: score, level: level, flagged: level >= definition.manifest.flagLevel,
      categories: categories, findings: findings, discount: discount, matches: matches,
      vocabulary: vocabulary, voice: voiced.keys.min().flatMap { voiced[$0] })
  }

  /// The context rules with a `voice` that fire: the post has at least the rule's `min_words` known
  /// voice keys (`voiceKeys`) and they score at least its threshold on its voice weights. A context
  /// rule that already fired otherwise is left out.
  func voiceContexts(first: [Int: PhraseMatch], quoted: [Int: [Int]], keys: Set<String>) -> [Int: VocabularyEvidence] {
    var out: [Int: VocabularyEvidence] = [:]
    for c in voiceRules.map(Int.init) where first[c] == nil && quoted[c] == nil {
      guard let spec = rules[c].voice, let model = definition.voices[spec.file],
        let evidence = model.evidence(keys: keys), evidence.known >= spec.minWords, evidence.weight >= spec.threshold
      else { continue }
      out[c] = evidence
    }
    return out
  }

  /// The context rules with a `quoted_share` that fire: at least that share of the positive phrase
  /// rules found have their (first, shown) match inside quotation marks. Each maps to the quoted
  /// lure rules. A context rule that already fired on its own phrases is left out.
  func quotedContexts(first: [Int: PhraseMatch], lures: [Int], tokens: [Token], text: String) -> [Int: [Int]] {
    let candidates = quotationRules.map(Int.init).filter { first[$0] == nil }
    guard !candidates.isEmpty, !lures.isEmpty else { return [:] }
    let ranges = QuotedSpans.ranges(in: text)
    guard !ranges.isEmpty else { return [:] }
    let inQuotes = lures.filter { r in
      let m = first[r]!
      let span = Self.span(tokens, m.startToken, m.endToken)
      return QuotedSpans.contains(ranges, start: span.start, end: span.end)
    }
    guard !inQuotes.isEmpty else { return [:] }
    var out: [Int: [Int]] = [:]
    for c in candidates where Double(inQuotes.count) >= rules[c].quotedShare! * Double(lures.count) {
      out[c] = inQuotes
    }
    return out
  }

  static func span(_ tokens: [Token], _ a: Int, _ b: Int) -> TextSpan {
    let s = tokens[a].span
    let e = tokens[b - 1].span
    return TextSpan(start: s.start, end: e.end, utf8Start: s.utf8Start, utf8End: e.utf8End)
  }

  /// The text at a span, by UTF-8 offsets.
  static func slice(_ text: String, _ span: TextSpan) -> String {
    let u = text.utf8
    let a = u.index(u.startIndex, offsetBy: span.utf8Start, limitedBy: u.endIndex) ?? u.endIndex
    let b = u.index(u.startIndex, offsetBy: span.utf8End, limitedBy: u.endIndex) ?? u.endIndex
    return String(Substring(u[a..<b]))
  }

  /// Whether a combo fires; returns the matches of the parts that made it fire.
  static func comboFires(spec: ComboSpec, parts: [Int], byRule: [Int: [PhraseMatch]], tokens: [Token]) -> [PhraseMatch]? {
    let present = parts.filter { byRule[$0] != nil }
    guard present.count >= spec.min else { return nil }
    switch spec.scope {
    case .document:
      return present.compactMap { byRule[$0]?.first }
    case .sentence:
      var bySentence: [Int: [Int: PhraseMatch]] = [:]
      for r in present {
        for m in byRule[r]! {
          let s = tokens[m.startToken].sentence
          if bySentence[s]?[r] == nil { bySentence[s, default: [:]][r] = m }
        }
      }
      for s in bySentence.keys.sorted() where bySentence[s]!.count >= spec.min {
        return Array(bySentence[s]!.values)
      }
      return nil
    case .tokens(let window):
      var all: [PhraseMatch] = []
      for r in present { all.append(contentsOf: byRule[r]!) }
      all.sort { $0.startToken < $1.startToken }
      var lo = 0
      var counts: [Int: Int] = [:]
      for hi in all.indices {
        counts[all[hi].rule, default: 0] += 1
        while all[hi].endToken - all[lo].startToken > window {
          counts[all[lo].rule]! -= 1
          if counts[all[lo].rule]! == 0 { counts.removeValue(forKey: all[lo].rule) }
          lo += 1
        }
        if counts.count >= spec.min {
          var used: [Int: PhraseMatch] = [:]
          for m in all[lo...hi] where used[m.rule] == nil { used[m.rule] = m }
          return Array(used.values)
        }
      }
      return nil
    }
  }
}

