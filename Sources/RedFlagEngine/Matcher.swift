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
    if let s = exactWords[WordKey(t.norm)] { out.append(s) }
    if let d = t.deobfuscated, let s = exactWords[WordKey(d)] { out.append(s) }
    if let f = t.folded, let s = foldedWords[WordKey(f)] { out.append(s) }
    if t.kind == .url, let s = exactWords[WordKey(Self.host(of: t.norm))] { out.append(s) }
    if !prefixLengths.isEmpty && t.kind == .word && t.script == .latin {
      addPrefixes(t.norm, into: &out)
      if let d = t.deobfuscated { addPrefixes(d, into: &out) }
      if let f = t.folded { addPrefixes(f, into: &out) }
    }
  }

  private func addPrefixes(_ word: String, into out: inout [Int32]) {
    let scalars = word.unicodeScalars
    guard prefixHeads.contains(Self.head(scalars.lazy.map(\.value))) else { return }
    let count = scalars.count
    for len in prefixLengths where len <= count {
      let p = String(String.UnicodeScalarView(scalars.prefix(len)))
      if let s = prefixes[WordKey(p)], !out.contains(s) { out.append(s) }
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
    var far: [Int: [(Int, Int32)]] = [:]
    for (a, b, sym) in spacelessEdges(tokens) { far[a, default: []].append((b, sym)) }
    var current = ActiveSet()
    var next = ActiveSet()
    var out: [PhraseMatch] = []
    var perRule = [Int](repeating: 0, count: rules.count)
    var seen: Set<PhraseMatch> = []
    var pending: [Int: ActiveSet] = [:]
    var syms: [Int32] = []

    let t = nfa

    /// The edge labelled `sym` among the sorted edges `lo..<end` of one state, or -1: a short linear
    /// search for the usual handful, a binary search for states with many.
    @inline(__always)
    func find(_ sym: Int32, _ lo0: Int, _ end: Int) -> Int {
      var lo = lo0
      if end - lo <= 8 {
        while lo < end {
          let v = t.edgeSymbols[lo]
          if v == sym { return lo }
          if v > sym { return -1 }
          lo += 1
        }
        return -1
      }
      if sym < t.edgeSymbols[lo] || sym > t.edgeSymbols[end - 1] { return -1 }
      var hi = end
      while lo < hi {
        let mid = (lo + hi) >> 1
        if t.edgeSymbols[mid] < sym { lo = mid + 1 } else { hi = mid }
      }
      return lo < end && t.edgeSymbols[lo] == sym ? lo : -1
    }

    /// The edge of state `s` labelled `sym`, or -1; the start state, which has an edge for nearly
    /// every first word, answers from a direct table.
    @inline(__always)
    func edge(_ s: Int, _ sym: Int32) -> Int {
      if s == 0 { return Int(t.startEdge[Int(sym)]) }
      let r = t.states[s]
      return find(sym, Int(r.edgeLo), Int(r.edgeHi))
    }

    for i in 0...n {
      if let p = pending.removeValue(forKey: i) {
        for k in 0..<p.count { current.arrive(p.states[k], p.starts[k]) }
      }
      // Report the accepts of states that arrived here.
      for k in 0..<current.count {
        let s = Int(current.states[k])
        let r = t.states[s]
        let a0 = Int(r.acceptLo)
        let a1 = Int(r.acceptHi)
        if a0 == a1 { continue }
        for a in a0..<a1 {
          let ph = t.acceptList[a]
          let rule = Int(phrases[Int(ph)].rule)
          guard perRule[rule] < limitPerRule else { continue }
          let m = PhraseMatch(rule: rule, phrase: Int(ph), startToken: Int(current.starts[k]), endToken: i)
          if seen.insert(m).inserted {
            out.append(m)
            perRule[rule] += 1
          }
        }
      }
      if i == n { break }
      current.arrive(0, Int32(i))
      symbols(of: tokens[i], into: &syms)
      next.clear()
      let farEdges = far.isEmpty ? nil : far[i]
      for k in 0..<current.count {
        let s = Int(current.states[k])
        let start = current.starts[k]
        let r = t.states[s]
        let lo = Int(r.edgeLo)
        let hi = Int(r.edgeHi)
        if lo < hi {
          for sym in syms {
            let e = s == 0 ? Int(t.startEdge[Int(sym)]) : find(sym, lo, hi)
            if e < 0 { continue }
            for x in Int(t.targetStart[e])..<Int(t.targetStart[e + 1]) { next.arrive(t.targets[x], start) }
          }
        }
        let y0 = Int(r.anyLo)
        let y1 = Int(r.anyHi)
        if y0 < y1 {
          for x in y0..<y1 { next.arrive(t.anyTargets[x], start) }
        }
        if let edges = farEdges {
          for (b, sym) in edges {
            let e = edge(s, sym)
            if e < 0 { continue }
            for x in Int(t.targetStart[e])..<Int(t.targetStart[e + 1]) {
              if b == i + 1 {
                next.arrive(t.targets[x], start)
              } else {
                pending[b, default: ActiveSet()].arrive(t.targets[x], start)
              }
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

/// A set of live NFA states with the latest start of each. Few states are live at once (most
/// tokens start nothing), so membership is a linear search: no per-document tables to allocate.
struct ActiveSet {
  var states: [Int32] = []
  var starts: [Int32] = []
  var count: Int { states.count }

  init() {
    states.reserveCapacity(32)
    starts.reserveCapacity(32)
  }

  mutating func clear() {
    states.removeAll(keepingCapacity: true)
    starts.removeAll(keepingCapacity: true)
  }

  @inline(__always)
  mutating func arrive(_ state: Int32, _ start: Int32) {
    for k in 0..<states.count where states[k] == state {
      if starts[k] < start { starts[k] = start }
      return
    }
    states.append(state)
    starts.append(start)
  }
}

