import RedFlagEngine
import RedFlagRules
import RedFlagText

/// Builds a rule set in code: one phrase rule per entry (id -> phrases), all weight 1.
func makeRuleSet(
  _ rules: [(id: String, phrases: [String])], weights: [String: Double] = [:],
  extra: [Rule] = [], bias: Double = -4
) -> RuleSetDefinition {
  var all: [Rule] = rules.map { r in
    Rule(
      id: r.id, title: r.id, category: "test", indicator: "test.\(r.id)", weight: weights[r.id] ?? 1,
      explanation: "test rule \(r.id)", languages: [LanguagePhrases(lang: "en", phrases: r.phrases.map { PhraseSource(text: $0) })])
  }
  all.append(contentsOf: extra)
  let manifest = RuleSetManifest(
    name: "test", version: "1.10", categories: [CategoryInfo(id: "test", title: "Test"), CategoryInfo(id: "context", title: "Context")],
    bias: bias, thresholds: [.low: 0.15, .medium: 0.35, .high: 0.6, .critical: 0.85], flagLevel: .high)
  return RuleSetDefinition(manifest: manifest, rules: all, sha256: "0")
}

/// A slow, obviously correct matcher: tries every start token and every way through the pattern.
enum OracleMatcher {
  struct Triple: Hashable { var phrase: Int; var start: Int; var end: Int }

  static func wordForms(_ w: String) -> (norm: String, folded: String?) { Normalization.normalizeWord(w) }

  /// Token `t` matches pattern word `w` (one token).
  static func wordMatches(_ w: String, _ t: Token) -> Bool {
    let f = wordForms(w)
    if t.kind == .url {
      // A domain written in a pattern ("t.me") matches a link to it.
      var host = Substring(t.norm)
      for scheme in ["https://", "http://", "www."] where host.hasPrefix(scheme) { host = host.dropFirst(scheme.count) }
      host = host.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
      return t.norm == f.norm || String(host) == f.norm
    }
    if t.kind != .word && t.kind != .number { return t.norm == f.norm }
    if t.script.isSpaceless && t.kind == .word { return false }
    if t.norm == f.norm || t.deobfuscated == f.norm { return true }
    if let folded = f.folded, t.norm == folded || t.deobfuscated == folded { return true }
    if f.folded == nil, t.script == .latin, let tf = t.folded, tf == f.norm { return true }
    return false
  }

  static func isSpacelessWord(_ w: String) -> Bool {
    let a = TextAnalyzer().analyze(w)
    return !a.tokens.isEmpty && a.tokens.allSatisfy { $0.script.isSpaceless && $0.kind == .word }
  }

  /// End positions reachable by matching `items[k...]` from token `pos`.
  static func ends(_ items: ArraySlice<PatternNode>, _ pos: Int, _ tokens: [Token]) -> Set<Int> {
    guard let first = items.first else { return [pos] }
    let rest = items.dropFirst()
    var out: Set<Int> = []
    for mid in step(first, pos, tokens) { out.formUnion(ends(rest, mid, tokens)) }
    return out
  }

  static func step(_ node: PatternNode, _ pos: Int, _ tokens: [Token]) -> Set<Int> {
    let n = tokens.count
    switch node {
    case .word(let w):
      if isSpacelessWord(w) {
        let target = TextAnalyzer().analyze(w).tokens.map(\.norm).joined()
        var out: Set<Int> = []
        var acc = ""
        var j = pos
        while j < n, tokens[j].kind == .word, tokens[j].script.isSpaceless {
          acc += tokens[j].norm
          j += 1
          if acc == target { out.insert(j) }
          if acc.utf8.count >= target.utf8.count { break }
        }
        return out
      }
      return pos < n && wordMatches(w, tokens[pos]) ? [pos + 1] : []
    case .prefix(let p):
      guard pos < n, tokens[pos].kind == .word, tokens[pos].script == .latin else { return [] }
      let f = wordForms(p)
      let t = tokens[pos]
      let forms = [t.norm, t.deobfuscated, t.folded].compactMap { $0 }
      let prefixes = [f.norm, f.folded].compactMap { $0 }
      return forms.contains { form in prefixes.contains { form.hasPrefix($0) } } ? [pos + 1] : []
    case .entity(let c):
      guard pos < n else { return [] }
      return tokens[pos].kind.rawValue == c.rawValue ? [pos + 1] : []
    case .optional(let inner):
      return step(inner, pos, tokens).union([pos])
    case .gap(let g):
      return Set((0...g).map { pos + $0 }.filter { $0 <= n })
    case .alternatives(let alts):
      var out: Set<Int> = []
      for alt in alts { out.formUnion(ends(alt[...], pos, tokens)) }
      return out
    }
  }

  /// Every (phrase, start, end) with end > start.
  static func matches(_ patterns: [Pattern], _ tokens: [Token]) -> Set<Triple> {
    var out: Set<Triple> = []
    for (k, p) in patterns.enumerated() {
      for start in 0..<tokens.count {
        for end in ends(p.items[...], start, tokens) where end > start {
          out.insert(Triple(phrase: k, start: start, end: end))
        }
      }
    }
    return out
  }
}
