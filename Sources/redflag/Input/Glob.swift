/// A small glob matcher for `--include` / `--exclude`.
///
/// Syntax: `*` any run of characters except `/`; `**` any run including `/` (and `**/` also
/// matches nothing, so `**/x.txt` matches `x.txt`); `?` one character except `/`; `[abc]`,
/// `[a-z]`, `[!abc]` / `[^abc]` a character class. Anything else matches itself.
/// A pattern without `/` is matched against the file's name only; a pattern with `/` against
/// the path relative to the folder that was given on the command line.
struct Glob: Sendable {
  private enum Part: Sendable, Equatable {
    case literal(Unicode.Scalar)
    case any  // ?
    case star  // *
    case globstar  // **
    case globstarSlash  // **/
    case set(ranges: [ClosedRange<UInt32>], negated: Bool)
  }

  let pattern: String
  let matchesPath: Bool
  private let parts: [Part]

  init(_ pattern: String) {
    self.pattern = pattern
    self.matchesPath = pattern.contains("/")
    var parts: [Part] = []
    let s = Array(pattern.unicodeScalars)
    var i = 0
    while i < s.count {
      let c = s[i]
      if c == "*" {
        if i + 1 < s.count && s[i + 1] == "*" {
          i += 2
          while i < s.count && s[i] == "*" { i += 1 }
          if i < s.count && s[i] == "/" {
            parts.append(.globstarSlash); i += 1
          } else {
            parts.append(.globstar)
          }
        } else {
          parts.append(.star); i += 1
        }
      } else if c == "?" {
        parts.append(.any); i += 1
      } else if c == "[", let close = Glob.classEnd(s, from: i) {
        var j = i + 1
        var negated = false
        if s[j] == "!" || s[j] == "^" { negated = true; j += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        while j < close {
          let lo = s[j]
          if j + 2 < close && s[j + 1] == "-" {
            let hi = s[j + 2]
            if lo.value <= hi.value { ranges.append(lo.value...hi.value) }
            j += 3
          } else {
            ranges.append(lo.value...lo.value); j += 1
          }
        }
        parts.append(.set(ranges: ranges, negated: negated))
        i = close + 1
      } else {
        parts.append(.literal(c)); i += 1
      }
    }
    self.parts = parts
  }

  /// The index of the `]` that closes the class opened at `open`, if any. A `]` right after
  /// `[` or `[!` is a member, not the end.
  private static func classEnd(_ s: [Unicode.Scalar], from open: Int) -> Int? {
    var j = open + 1
    if j < s.count && (s[j] == "!" || s[j] == "^") { j += 1 }
    if j < s.count && s[j] == "]" { j += 1 }
    while j < s.count {
      if s[j] == "]" { return j }
      j += 1
    }
    return nil
  }

  /// Whether `relativePath` (with `/` separators) matches.
  func matches(relativePath: String) -> Bool {
    let subject: Substring
    if matchesPath {
      subject = Substring(relativePath)
    } else if let slash = relativePath.lastIndex(of: "/") {
      subject = relativePath[relativePath.index(after: slash)...]
    } else {
      subject = Substring(relativePath)
    }
    let text = Array(subject.unicodeScalars)
    var failed = Set<Int>()
    return match(0, 0, text, &failed)
  }

  private func match(_ p: Int, _ t: Int, _ text: [Unicode.Scalar], _ failed: inout Set<Int>) -> Bool {
    let key = p &* (text.count + 1) &+ t
    if failed.contains(key) { return false }
    let ok: Bool
    if p == parts.count {
      ok = t == text.count
    } else {
      switch parts[p] {
      case .literal(let c):
        ok = t < text.count && text[t] == c && match(p + 1, t + 1, text, &failed)
      case .any:
        ok = t < text.count && text[t] != "/" && match(p + 1, t + 1, text, &failed)
      case .set(let ranges, let negated):
        if t < text.count && text[t] != "/" {
          let v = text[t].value
          let inSet = ranges.contains { $0.contains(v) }
          ok = inSet != negated && match(p + 1, t + 1, text, &failed)
        } else {
          ok = false
        }
      case .star:
        var u = t
        var found = false
        while true {
          if match(p + 1, u, text, &failed) { found = true; break }
          if u == text.count || text[u] == "/" { break }
          u += 1
        }
        ok = found
      case .globstar:
        var u = t
        var found = false
        while u <= text.count {
          if match(p + 1, u, text, &failed) { found = true; break }
          u += 1
        }
        ok = found
      case .globstarSlash:
        // Zero folders, or any run that ends just after a `/`.
        if match(p + 1, t, text, &failed) {
          ok = true
        } else {
          var u = t
          var found = false
          while u < text.count {
            if text[u] == "/" && match(p + 1, u + 1, text, &failed) { found = true; break }
            u += 1
          }
          ok = found
        }
      }
    }
    if !ok { failed.insert(key) }
    return ok
  }
}
