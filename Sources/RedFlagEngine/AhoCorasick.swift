/// A byte-level Aho-Corasick automaton for the words of spaceless scripts (Thai, Khmer, Lao,
/// Burmese, Chinese), which are matched on the normalised text rather than token by token.
///
/// Transitions are stored sparsely (sorted bytes per state); failure links make one pass over the
/// text find every occurrence of every word: linear in the text plus the matches.
struct AhoCorasick: Sendable {
  /// Per state: range into `edgeBytes`/`edgeTargets`.
  private var edgeStart: [Int32] = [0]
  private var edgeBytes: [UInt8] = []
  private var edgeTargets: [Int32] = []
  private var failure: [Int32] = []
  /// Per state: index into `outputs` of the first output, -1 when none (outputs chain via `nextOutput`).
  private var firstOutput: [Int32] = []
  /// Output entries: (symbol, byte length of the word, next output index or -1).
  private var outputs: [(symbol: Int32, length: Int32, next: Int32)] = []

  var isEmpty: Bool { outputs.isEmpty }
  var stateCount: Int { failure.count }
  var memoryBytes: Int { edgeStart.count * 4 + edgeBytes.count + edgeTargets.count * 4 + failure.count * 8 + outputs.count * 12 }

  init() {}

  /// Builds the automaton for `words` (UTF-8 byte strings, each with its symbol id).
  init(words: [(bytes: [UInt8], symbol: Int32)]) {
    // Build a trie with dictionary children first.
    var children: [[UInt8: Int32]] = [[:]]
    var outs: [[(Int32, Int32)]] = [[]]
    for w in words where !w.bytes.isEmpty {
      var s: Int32 = 0
      for b in w.bytes {
        if let t = children[Int(s)][b] {
          s = t
        } else {
          let t = Int32(children.count)
          children.append([:])
          outs.append([])
          children[Int(s)][b] = t
          s = t
        }
      }
      if !outs[Int(s)].contains(where: { $0.0 == w.symbol }) {
        outs[Int(s)].append((w.symbol, Int32(w.bytes.count)))
      }
    }
    let n = children.count
    var fail = [Int32](repeating: 0, count: n)
    // Breadth-first order for failure links; outputs of the failure state are inherited by chaining.
    var order: [Int32] = []
    order.reserveCapacity(n)
    for (_, t) in children[0].sorted(by: { $0.key < $1.key }) { order.append(t) }
    var head = 0
    while head < order.count {
      let s = order[head]
      head += 1
      for (b, t) in children[Int(s)].sorted(by: { $0.key < $1.key }) {
        order.append(t)
        var f = fail[Int(s)]
        while true {
          if let g = children[Int(f)][b], g != t {
            fail[Int(t)] = g
            break
          }
          if f == 0 {
            fail[Int(t)] = 0
            break
          }
          f = fail[Int(f)]
        }
      }
    }
    // Flatten.
    edgeStart = [0]
    for s in 0..<n {
      for (b, t) in children[s].sorted(by: { $0.key < $1.key }) {
        edgeBytes.append(b)
        edgeTargets.append(t)
      }
      edgeStart.append(Int32(edgeBytes.count))
    }
    failure = fail
    firstOutput = [Int32](repeating: -1, count: n)
    // Outputs of a state: its own, then those of its failure chain (linked by index).
    var ownFirst = [Int32](repeating: -1, count: n)
    for s in 0..<n {
      var prev: Int32 = -1
      for (sym, len) in outs[s].reversed() {
        outputs.append((sym, len, prev))
        prev = Int32(outputs.count - 1)
      }
      ownFirst[s] = prev
    }
    // Link the last own output of each state to the first output of its failure state, in BFS
    // order so the failure state's chain is complete first.
    firstOutput = ownFirst
    for s32 in order {
      let s = Int(s32)
      let f = Int(fail[s])
      let inherited = firstOutput[f]
      if ownFirst[s] < 0 {
        firstOutput[s] = inherited
      } else if inherited >= 0 {
        var k = Int(ownFirst[s])
        while outputs[k].next >= 0 { k = Int(outputs[k].next) }
        outputs[k].next = inherited
      }
    }
  }

  @inline(__always)
  private func step(_ s: Int32, _ b: UInt8) -> Int32? {
    let lo = Int(edgeStart[Int(s)])
    let hi = Int(edgeStart[Int(s) + 1])
    var i = lo
    // Few children per state: linear scan is fastest.
    while i < hi {
      let e = edgeBytes[i]
      if e == b { return edgeTargets[i] }
      if e > b { return nil }
      i += 1
    }
    return nil
  }

  /// Calls `body(start, end, symbol)` for every occurrence (byte offsets into `text`).
  func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int32) -> Void) {
    var s: Int32 = 0
    for (i, b) in text.enumerated() {
      while true {
        if let t = step(s, b) { s = t; break }
        if s == 0 { break }
        s = failure[Int(s)]
      }
      var o = firstOutput[Int(s)]
      while o >= 0 {
        let out = outputs[Int(o)]
        body(i + 1 - Int(out.length), i + 1, out.symbol)
        o = out.next
      }
    }
  }
}
