import RedFlagRules
import RedFlagText

/// Why a rule set could not be compiled.
public struct CompileError: Error, Sendable, CustomStringConvertible {
  public var rule: String
  public var phrase: String
  public var message: String
  public var description: String { "rule \(rule): phrase \"\(phrase)\": \(message)" }
}

/// Configures how a rule set is compiled.
public struct RuleSetCompiler: Sendable {
  /// Compile rules whose status is `experimental` (default true).
  public var includeExperimental = true
  /// Compile rules whose status is `deprecated` (default false).
  public var includeDeprecated = false

  public init() {}

  public func includingExperimental(_ on: Bool) -> RuleSetCompiler { var c = self; c.includeExperimental = on; return c }
  public func includingDeprecated(_ on: Bool) -> RuleSetCompiler { var c = self; c.includeDeprecated = on; return c }

  /// Compiles a validated rule set into an immutable matcher and scorer.
  public func compile(_ definition: RuleSetDefinition) throws(CompileError) -> CompiledRuleSet {
    try CompiledRuleSet(definition: definition, options: self)
  }
}

/// Symbols a token offers to the automaton. Words are interned; classes and "any" are reserved.
enum Symbol {
  static let any: Int32 = 0
  static func entity(_ c: EntityClass) -> Int32 {
    switch c {
    case .money: 1
    case .phone: 2
    case .handle: 3
    case .url: 4
    case .email: 5
    case .number: 6
    case .emoji: 7
    }
  }
  static func entity(kind: TokenKind) -> Int32? {
    switch kind {
    case .money: 1
    case .phone: 2
    case .handle: 3
    case .url: 4
    case .email: 5
    case .number: 6
    case .emoji: 7
    case .word: nil
    }
  }
  static let firstWord: Int32 = 16
}

/// One phrase of one rule, as compiled.
struct PhraseRef: Sendable {
  var rule: Int32
  var source: String
}

/// The flattened automaton, in memory the scan loop reads without bounds checks or reference
/// counting per access. State `s` has the ranges `states[s]`, packed side by side so a scan step
/// reads one cache line per live state: its symbols are `edgeSymbols[edgeLo..<edgeHi]` (sorted),
/// its "any" targets, for gaps, `anyTargets[anyLo..<anyHi]`, and it accepts the phrases
/// `acceptList[acceptLo..<acceptHi]`; edge `e` goes to the states
/// `targets[targetStart[e]..<targetStart[e+1]]`. The start state has an edge for nearly every
/// first word of every phrase, so `startEdge[symbol]` gives its edge directly (-1: none) instead
/// of a binary search among thousands of symbols for every token.
final class NFATables: @unchecked Sendable {
  let states: UnsafeBufferPointer<StateRanges>
  let edgeSymbols: UnsafeBufferPointer<Int32>
  let targetStart: UnsafeBufferPointer<Int32>
  let targets: UnsafeBufferPointer<Int32>
  let anyTargets: UnsafeBufferPointer<Int32>
  let acceptList: UnsafeBufferPointer<Int32>
  let startEdge: UnsafeBufferPointer<Int32>
  private var owned: [UnsafeMutablePointer<Int32>] = []
  private let ownedStates: UnsafeMutablePointer<StateRanges>

  struct StateRanges {
    var edgeLo: Int32, edgeHi: Int32
    var anyLo: Int32, anyHi: Int32
    var acceptLo: Int32, acceptHi: Int32
  }

  init(_ r: NFABuilder.Result, symbolCount: Int) {
    var owned: [UnsafeMutablePointer<Int32>] = []
    func copy(_ a: [Int32]) -> UnsafeBufferPointer<Int32> {
      let p = UnsafeMutablePointer<Int32>.allocate(capacity: max(a.count, 1))
      p.initialize(from: a, count: a.count)
      owned.append(p)
      return UnsafeBufferPointer(start: p, count: a.count)
    }
    edgeSymbols = copy(r.edgeSymbols)
    targetStart = copy(r.targetStart)
    targets = copy(r.targets)
    anyTargets = copy(r.anyTargets)
    acceptList = copy(r.acceptList)
    var direct = [Int32](repeating: -1, count: max(symbolCount, Int(Symbol.firstWord)))
    if r.edgeStart.count > 1 {
      for e in Int(r.edgeStart[0])..<Int(r.edgeStart[1]) { direct[Int(r.edgeSymbols[e])] = Int32(e) }
    }
    startEdge = copy(direct)
    self.owned = owned
    let n = max(r.edgeStart.count - 1, 0)
    let packed = UnsafeMutablePointer<StateRanges>.allocate(capacity: max(n, 1))
    for s in 0..<n {
      (packed + s).initialize(
        to: StateRanges(
          edgeLo: r.edgeStart[s], edgeHi: r.edgeStart[s + 1], anyLo: r.anyStart[s], anyHi: r.anyEnd[s],
          acceptLo: r.acceptStart[s], acceptHi: r.acceptStart[s + 1]))
    }
    ownedStates = packed
    states = UnsafeBufferPointer(start: packed, count: n)
  }

  var byteCount: Int {
    4 * (edgeSymbols.count + targetStart.count + targets.count + anyTargets.count + acceptList.count + startEdge.count)
      + MemoryLayout<StateRanges>.stride * states.count
  }

  deinit {
    for p in owned { p.deallocate() }
    ownedStates.deallocate()
  }
}

/// A rule set compiled once into an immutable automaton over interned token symbols, shared by
/// every thread.
///
/// Design: every phrase becomes a Thompson NFA over token symbols (words interned to integers,
/// entity classes, "any" for gaps); all phrases share one start state. Scanning simulates the NFA
/// over the document's token lattice, keeping at most one entry per NFA state (the latest start),
/// so the work per token is bounded by the number of live states, which depends on the rule set
/// and never on the text: matching is linear in the text, with no backtracking. Words of
/// spaceless scripts are found by a byte-level Aho-Corasick pass over the concatenated normalised
/// tokens and enter the lattice as edges that may span several ICU tokens, accepted only when they
/// start and end on token boundaries.
public struct CompiledRuleSet: Sendable {
  public let definition: RuleSetDefinition
  /// The rules that were compiled, in order (index = rule number used inside the engine).
  public let rules: [Rule]
  let ruleIndex: [String: Int32]

  // Vocabulary.
  let exactWords: [WordKey: Int32]
  let foldedWords: [WordKey: Int32]
  let prefixes: [WordKey: Int32]
  let prefixLengths: [Int]
  let spaceless: AhoCorasick

  // NFA, flattened into arrays (epsilon moves already closed); see `NFATables`.
  let nfa: NFATables
  let phrases: [PhraseRef]
  /// First three scalars of every prefix pattern, packed, to skip tokens no prefix can match.
  let prefixHeads: Set<UInt64>

  // Scoring.
  let comboRules: [Int32]
  let contextRules: [Int32]
  /// The context rules that fire on quotation (`quoted_share`), so scoring need not look for them.
  let quotationRules: [Int32]
  /// The context rules that fire on the post's words (`voice`).
  let voiceRules: [Int32]

  /// Rough size of the compiled tables in bytes.
  public let memoryBytes: Int
  public var stateCount: Int { nfa.states.count }
  public var phraseCount: Int { phrases.count }

  init(definition: RuleSetDefinition, options: RuleSetCompiler) throws(CompileError) {
    self.definition = definition
    let selected = definition.rules.filter { r in
      switch r.status {
      case .stable: true
      case .experimental: options.includeExperimental
      case .deprecated: options.includeDeprecated
      }
    }
    rules = selected
    var index: [String: Int32] = [:]
    for (k, r) in selected.enumerated() { index[r.id] = Int32(k) }
    ruleIndex = index

    var builder = NFABuilder()
    let analyzer = TextAnalyzer()
    for (k, rule) in selected.enumerated() where rule.kind != .combo {
      for lang in rule.languages {
        for phrase in lang.phrases {
          let pattern: Pattern
          if let parsed = phrase.pattern {
            pattern = parsed
          } else {
            do throws(PatternError) {
              pattern = try PatternParser.parse(phrase.text)
            } catch {
              throw CompileError(rule: rule.id, phrase: phrase.text, message: error.description)
            }
          }
          try builder.addPhrase(pattern, rule: Int32(k), analyzer: analyzer, ruleID: rule.id)
        }
      }
    }
    let flat = builder.finish()
    exactWords = builder.exact
    foldedWords = builder.folded
    prefixes = builder.prefixes
    prefixLengths = Array(Set(builder.prefixes.keys.map { $0.text.unicodeScalars.count })).sorted()
    spaceless = AhoCorasick(words: builder.spacelessWords)
    self.nfa = NFATables(flat, symbolCount: Int(builder.nextSymbol))
    phrases = builder.phraseRefs
    prefixHeads = Set(builder.prefixes.keys.map { Self.head(Array($0.text.unicodeScalars.map(\.value))) })
    comboRules = selected.indices.filter { selected[$0].kind == .combo }.map(Int32.init)
    contextRules = selected.indices.filter { selected[$0].kind == .context }.map(Int32.init)
    quotationRules = contextRules.filter { selected[Int($0)].quotedShare != nil }
    voiceRules = contextRules.filter { selected[Int($0)].voice != nil }
    var bytes = spaceless.memoryBytes
    bytes += nfa.byteCount
    bytes += (exactWords.count + foldedWords.count + prefixes.count) * 48
    bytes += exactWords.keys.reduce(0) { $0 + $1.text.utf8.count }
    memoryBytes = bytes
  }

  /// The first three scalars of a word packed into 63 bits (21 bits each).
  static func head(_ scalars: some Collection<UInt32>) -> UInt64 {
    // Prefix patterns have at least three letters (the parser enforces it), so three scalars
    // always fill the key.
    var h: UInt64 = 0
    for v in scalars.prefix(3) { h = (h << 21) | UInt64(v & 0x1F_FFFF) }
    return h
  }

  /// The number of a rule by id.
  public func ruleNumber(_ id: String) -> Int? { ruleIndex[id].map(Int.init) }
}

/// Builds one NFA for all phrases (Thompson construction), then closes epsilon moves.
struct NFABuilder {
  var exact: [WordKey: Int32] = [:]
  var folded: [WordKey: Int32] = [:]
  var prefixes: [WordKey: Int32] = [:]
  var spacelessIDs: [WordKey: Int32] = [:]
  var spacelessWords: [(bytes: [UInt8], symbol: Int32)] = []
  var nextSymbol = Symbol.firstWord
  var phraseRefs: [PhraseRef] = []
  /// Pattern words already analysed (words repeat across phrases and rules).
  var analysedWords: [WordKey: [Token]] = [:]

  // Raw NFA.
  var epsilon: [[Int32]] = [[]]  // state 0 = start
  var edges: [[(Int32, Int32)]] = [[]]  // (symbol, target)
  var acceptOf: [Int32: [Int32]] = [:]

  mutating func newState() -> Int32 {
    epsilon.append([])
    edges.append([])
    return Int32(epsilon.count - 1)
  }

  /// The symbol of `w` in one of the vocabularies, a new one if `w` is not in it yet.
  private mutating func intern(_ w: String, _ table: WritableKeyPath<NFABuilder, [WordKey: Int32]>) -> (Int32, isNew: Bool) {
    let k = WordKey(w)
    if let s = self[keyPath: table][k] { return (s, false) }
    let s = nextSymbol
    nextSymbol += 1
    self[keyPath: table][k] = s
    return (s, true)
  }
  mutating func symbol(exact w: String) -> Int32 { intern(w, \.exact).0 }
  mutating func symbol(folded w: String) -> Int32 { intern(w, \.folded).0 }
  mutating func symbol(prefix w: String) -> Int32 { intern(w, \.prefixes).0 }
  mutating func symbol(spaceless w: String) -> Int32 {
    let (s, isNew) = intern(w, \.spacelessIDs)
    if isNew { spacelessWords.append((Array(w.utf8), s)) }
    return s
  }

  mutating func addPhrase(_ pattern: Pattern, rule: Int32, analyzer: TextAnalyzer, ruleID: String) throws(CompileError) {
    let phraseID = Int32(phraseRefs.count)
    phraseRefs.append(PhraseRef(rule: rule, source: pattern.source))
    let start = newState()
    epsilon[0].append(start)
    var end = start
    for item in pattern.items {
      end = try build(item, from: end, analyzer: analyzer, ruleID: ruleID, source: pattern.source)
    }
    acceptOf[end, default: []].append(phraseID)
  }

  /// Adds the NFA fragment of `node` starting at `from`; returns its end state.
  /// `into`, when given, is the state the node's last step must reach (words, prefixes and entities
  /// only): a one-item alternative then ends on its group's end state directly.
  mutating func build(
    _ node: PatternNode, from: Int32, into: Int32? = nil, analyzer: TextAnalyzer, ruleID: String, source: String
  ) throws(CompileError) -> Int32 {
    switch node {
    case .word(let w):
      return try buildWord(w, from: from, into: into, analyzer: analyzer, ruleID: ruleID, source: source)
    case .prefix(let w):
      let n = Normalization.normalizeWord(w)
      let to = into ?? newState()
      edges[Int(from)].append((symbol(prefix: n.norm), to))
      if let f = n.folded { edges[Int(from)].append((symbol(prefix: f), to)) }
      return to
    case .entity(let c):
      let to = into ?? newState()
      edges[Int(from)].append((Symbol.entity(c), to))
      return to
    case .optional(let inner):
      let end = try build(inner, from: from, analyzer: analyzer, ruleID: ruleID, source: source)
      epsilon[Int(from)].append(end)
      return end
    case .gap(let n):
      let end = newState()
      var s = from
      epsilon[Int(s)].append(end)
      for _ in 0..<n {
        let t = newState()
        edges[Int(s)].append((Symbol.any, t))
        epsilon[Int(t)].append(end)
        s = t
      }
      return end
    case .alternatives(let alts):
      let end = newState()
      for alt in alts {
        // The usual alternative is one word: its edges leave `from` and reach `end` directly. (An
        // entry state and a target state of its own, joined by epsilon moves, would match the same
        // texts, but every such target repeats the whole closure of `end` after flattening.)
        if alt.count == 1 {
          switch alt[0] {
          case .word, .prefix, .entity:
            let reached = try build(alt[0], from: from, into: end, analyzer: analyzer, ruleID: ruleID, source: source)
            if reached != end { epsilon[Int(reached)].append(end) }  // a word of punctuation only
            continue
          default: break
          }
        }
        var s = from
        // Each alternative gets its own entry state so epsilon moves stay local.
        let entry = newState()
        epsilon[Int(s)].append(entry)
        s = entry
        for item in alt { s = try build(item, from: s, analyzer: analyzer, ruleID: ruleID, source: source) }
        epsilon[Int(s)].append(end)
      }
      return end
    }
  }

  /// A pattern word: one token, several tokens (a word the tokenizer splits, e.g. "full-time"), or a
  /// spaceless-script word matched on text.
  mutating func buildWord(
    _ w: String, from: Int32, into: Int32? = nil, analyzer: TextAnalyzer, ruleID: String, source: String
  ) throws(CompileError) -> Int32 {
    let tokens: [Token]
    if let cached = analysedWords[WordKey(w)] {
      tokens = cached
    } else {
      tokens = analyzer.analyze(w, guessLanguage: false).tokens
      analysedWords[WordKey(w)] = tokens
    }
    // Punctuation is ignored between tokens, so a word of punctuation only ("&") matches nothing
    // and takes no token: it is an empty step.
    guard !tokens.isEmpty else { return from }
    if tokens.allSatisfy({ $0.script.isSpaceless && $0.kind == .word }) {
      // Matched on the normalised text; the tokenizer normalises spaceless tokens one by one.
      let norm = tokens.map(\.norm).joined()
      let to = into ?? newState()
      edges[Int(from)].append((symbol(spaceless: norm), to))
      return to
    }
    var s = from
    for (k, t) in tokens.enumerated() {
      let to = k == tokens.count - 1 ? (into ?? newState()) : newState()
      if t.script.isSpaceless && t.kind == .word {
        edges[Int(s)].append((symbol(spaceless: t.norm), to))
      } else if t.kind == .word || t.kind == .number {
        edges[Int(s)].append((symbol(exact: t.norm), to))
        if let f = t.folded {
          // Written with marks: also matches the word typed without any marks.
          edges[Int(s)].append((symbol(exact: f), to))
        } else if t.script == .latin {
          // Written without marks: matches the word with any marks.
          edges[Int(s)].append((symbol(folded: t.norm), to))
        }
      } else {
        // An entity written literally in a pattern (a domain such as "t.me"): match its text.
        edges[Int(s)].append((symbol(exact: t.norm), to))
      }
      s = to
    }
    return s
  }

  /// The automaton in the flat layout `CompiledRuleSet` scans with (`NFATables` says what each array holds).
  struct Result {
    var edgeStart: [Int32] = [0]
    var edgeSymbols: [Int32] = []
    var targetStart: [Int32] = [0]
    var targets: [Int32] = []
    var anyStart: [Int32] = []
    var anyEnd: [Int32] = []
    var anyTargets: [Int32] = []
    var acceptStart: [Int32] = [0]
    var acceptList: [Int32] = []
  }

  /// Closes epsilon moves: each state's edges become those of every state in its closure, sorted
  /// by symbol and target with duplicates removed, and written straight into the flat layout.
  func finish() -> Result {
    let n = epsilon.count
    // Only the start state and the targets of symbol edges can be live during a scan; the other
    // states are passed through by epsilon moves only and get no edges of their own.
    var live = [Bool](repeating: false, count: n)
    live[0] = true
    for list in edges { for (_, to) in list { live[Int(to)] = true } }
    var r = Result()
    var mark = [Int32](repeating: -1, count: n)
    var stack: [Int32] = []
    var pairs: [(Int32, Int32)] = []
    var any: [Int32] = []
    var acc: [Int32] = []
    for s in 0..<n {
      pairs.removeAll(keepingCapacity: true)
      any.removeAll(keepingCapacity: true)
      acc.removeAll(keepingCapacity: true)
      if live[s] {
        stack.append(Int32(s))
        mark[s] = Int32(s)
        while let x = stack.popLast() {
          for (sym, to) in edges[Int(x)] {
            if sym == Symbol.any { any.append(to) } else { pairs.append((sym, to)) }
          }
          if let ph = acceptOf[x] { acc.append(contentsOf: ph) }
          for y in epsilon[Int(x)] where mark[Int(y)] != Int32(s) {
            mark[Int(y)] = Int32(s)
            stack.append(y)
          }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var previous: (Int32, Int32)? = nil
        for p in pairs {
          if let q = previous, q == p { continue }
          if previous?.0 != p.0 {
            if previous != nil { r.targetStart.append(Int32(r.targets.count)) }
            r.edgeSymbols.append(p.0)
          }
          r.targets.append(p.1)
          previous = p
        }
        if previous != nil { r.targetStart.append(Int32(r.targets.count)) }
      }
      r.edgeStart.append(Int32(r.edgeSymbols.count))
      r.anyStart.append(Int32(r.anyTargets.count))
      r.anyTargets.append(contentsOf: Array(Set(any)).sorted())
      r.anyEnd.append(Int32(r.anyTargets.count))
      r.acceptList.append(contentsOf: Array(Set(acc)).sorted())
      r.acceptStart.append(Int32(r.acceptList.count))
    }
    return r
  }
}
