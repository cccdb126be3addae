import RedFlagRules
import RedFlagText

/// One occurrence of a phrase: tokens `[startToken, endToken)`.
public struct PhraseMatch: Sendable, Hashable {
  public var rule: Int
  public var phrase: Int
  public var startToken: Int
  public var endToken: Int
}

extension CompiledRuleSet {
  /// The symbols token `t` offers to the automaton (besides "any").
  @inline(__always)
  func symbols(of t: Token, into out: inout [Int32]) {
    out.removeAll(keepingCapacity: true)
    if let c = Symbol.entity(kind: t.kind) { out.append(c) }
    if t.script.isSpaceless && t.kind == .word { return }
    if let s = exactWords[t.norm] { out.append(s) }
    if let d = t.deobfuscated, let s = exactWords[d] { out.append(s) }
    if let f = t.folded, let s = foldedWords[f] { out.append(s) }
    if t.kind == .url, let s = exactWords[Self.host(of: t.norm)] { out.append(s) }
    if !prefixLengths.isEmpty && t.kind == .word && t.script == .latin {
      addPrefixes(t.norm, into: &out)
      if let d = t.deobfuscated { addPrefixes(d, into: &out) }
      if let f = t.folded { addPrefixes(f, into: &out) }
    }
  }

  private func addPrefixes(_ word: String, into out: inout [Int32]) {
    let scalars = word.unicodeScalars
    let count = scalars.count
    for len in prefixLengths where len <= count {
      let p = String(String.UnicodeScalarView(scalars.prefix(len)))
      if let s = prefixes[p], !out.contains(s) { out.append(s) }
    }
  }

  /// The host of a URL token, without scheme and "www.", for patterns such as `t.me` or `wa.me`.
  static func host(of url: String) -> String {
    var s = Substring(url)
    for scheme in ["https://", "http://"] where s.hasPrefix(scheme) { s = s.dropFirst(scheme.count) }
    if s.hasPrefix("www.") { s = s.dropFirst(4) }
    if let slash = s.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { s = s[..<slash] }
    return String(s)
  }

  /// Edges for words of spaceless scripts: (fromToken, toToken, symbol).
  func spacelessEdges(_ tokens: [Token]) -> [(Int, Int, Int32)] {
    guard !spaceless.isEmpty else { return [] }
    var edges: [(Int, Int, Int32)] = []
    var i = 0
    let n = tokens.count
    while i < n {
      guard tokens[i].kind == .word && tokens[i].script.isSpaceless else { i += 1; continue }
      var j = i
      var bytes: [UInt8] = []
      var boundaryToken: [Int32: Int] = [0: i]
      while j < n && tokens[j].kind == .word && tokens[j].script.isSpaceless {
        bytes.append(contentsOf: tokens[j].norm.utf8)
        j += 1
        boundaryToken[Int32(bytes.count)] = j
      }
      bytes.withUnsafeBufferPointer { buf in
        spaceless.forEachMatch(in: buf) { a, b, sym in
          if let ta = boundaryToken[Int32(a)], let tb = boundaryToken[Int32(b)] {
            edges.append((ta, tb, sym))
          }
        }
      }
      i = j
    }
    return edges
  }

  /// Finds every phrase occurrence in the tokens (at most `limitPerRule` per rule, earliest first).
  public func match(_ tokens: [Token], limitPerRule: Int = 16) -> [PhraseMatch] {
    let n = tokens.count
    guard n > 0, !phrases.isEmpty else { return [] }
    var edgesFrom: [Int: [(Int, Int32)]] = [:]
    for (a, b, sym) in spacelessEdges(tokens) { edgesFrom[a, default: []].append((b, sym)) }

    var out: [PhraseMatch] = []
    var perRule: [Int32: Int] = [:]
    var seen: Set<PhraseMatch> = []
    // Live states at each boundary: state -> latest start token. Far arrivals (spaceless words
    // spanning several tokens) wait in `pending`.
    var current: [Int32: Int] = [:]
    var next: [Int32: Int] = [:]
    var pending: [Int: [Int32: Int]] = [:]
    var syms: [Int32] = []

    @inline(__always)
    func arrive(_ into: inout [Int32: Int], _ targets: [Int32], _ start: Int) {
      for t in targets {
        if let old = into[t], old >= start { continue }
        into[t] = start
      }
    }

    for i in 0...n {
      if let p = pending.removeValue(forKey: i) {
        for (s, st) in p where (current[s] ?? -1) < st { current[s] = st }
      }
      // Report accepts of states that arrived here.
      for (s, st) in current where !accepts[Int(s)].isEmpty && Int(s) != 0 {
        for ph in accepts[Int(s)] {
          let rule = phrases[Int(ph)].rule
          let m = PhraseMatch(rule: Int(rule), phrase: Int(ph), startToken: st, endToken: i)
          if (perRule[rule] ?? 0) < limitPerRule, !seen.contains(m) {
            seen.insert(m)
            out.append(m)
            perRule[rule, default: 0] += 1
          }
        }
      }
      if i == n { break }
      current[0] = i
      symbols(of: tokens[i], into: &syms)
      next.removeAll(keepingCapacity: true)
      for (s, st) in current {
        let table = transitions[Int(s)]
        for sym in syms {
          if let targets = table[sym] { arrive(&next, targets, st) }
        }
        let anyT = anyTransitions[Int(s)]
        if !anyT.isEmpty { arrive(&next, anyT, st) }
      }
      if let far = edgesFrom[i] {
        for (b, sym) in far {
          for (s, st) in current {
            guard let targets = transitions[Int(s)][sym] else { continue }
            if b == i + 1 {
              arrive(&next, targets, st)
            } else {
              var p = pending[b] ?? [:]
              arrive(&p, targets, st)
              pending[b] = p
            }
          }
        }
      }
      swap(&current, &next)
    }
    out.sort { ($0.startToken, $0.endToken, $0.rule) < ($1.startToken, $1.endToken, $1.rule) }
    return out
  }
}
