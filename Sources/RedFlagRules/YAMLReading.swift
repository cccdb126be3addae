import Yams

/// Reads Yams `Node` trees into values while collecting located diagnostics.
///
/// Scalars are always taken as written (`Node.Scalar.string`): `no` stays the text "no" and
/// `1.10` stays "1.10"; numbers are parsed here, from the original text, only where a number is wanted.
struct YAMLReader {
  let file: String
  var diagnostics: [Diagnostic] = []

  init(file: String) { self.file = file }

  struct Entry {
    let key: String
    let keyNode: Node
    let value: Node
  }

  // MARK: reporting

  static func position(_ node: Node?) -> (line: Int, column: Int) {
    guard let mark = node?.mark else { return (1, 1) }
    return (max(mark.line, 1), max(mark.column, 1))
  }

  mutating func report(
    _ code: String, _ message: String, hint: String? = nil, at node: Node?,
    severity: DiagnosticSeverity = .error, columnOffset: Int = 0
  ) {
    let (line, column) = Self.position(node)
    report(code, message, hint: hint, line: line, column: column + columnOffset, severity: severity)
  }

  mutating func report(
    _ code: String, _ message: String, hint: String? = nil, line: Int, column: Int,
    severity: DiagnosticSeverity = .error
  ) {
    diagnostics.append(
      Diagnostic(
        code: code, severity: severity, message: message, hint: hint, file: file, line: line,
        column: column))
  }

  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  // MARK: documents

  /// Decodes UTF-8 and composes the first YAML document. Reports RF001 on bad bytes or syntax,
  /// RF005 on an empty document. Returns nil after reporting.
  mutating func compose(_ bytes: [UInt8], expecting what: String) -> Node? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var scalars = String.UnicodeScalarView()
    var line = 1
    var column = 1
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let s):
        scalars.append(s)
        if s == "\n" { line += 1; column = 1 } else { column += 1 }
      case .emptyInput:
        break decoding
      case .error:
        report(
          DiagnosticCode.yamlSyntax, "the file is not valid UTF-8", hint: "save it as UTF-8",
          line: line, column: column)
        return nil
      }
    }
    let text = String(scalars)
    do {
      // The basic resolver: values are read from their text (so `no` and `1.10` stay strings), and
      // the default one would match every scalar against regular expressions for nothing.
      guard let node = try Yams.compose(yaml: text, .basic) else {
        report(DiagnosticCode.wrongType, "the file is empty; expected \(what)", line: 1, column: 1)
        return nil
      }
      return node
    } catch let error as YamlError {
      reportYAML(error)
      return nil
    } catch {
      report(DiagnosticCode.yamlSyntax, "cannot read YAML: \(error)", line: 1, column: 1)
      return nil
    }
  }

  private mutating func reportYAML(_ error: YamlError) {
    func text(_ context: YamlError.Context?, _ problem: String) -> String {
      if let context { return "\(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
      return problem
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      report(
        DiagnosticCode.yamlSyntax, "YAML syntax error: \(text(context, problem))",
        line: max(mark.line, 1), column: max(mark.column, 1))
    case .duplicatedKeysInMapping(let duplicates, let context):
      let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      report(
        DiagnosticCode.duplicateKey,
        "key \(names) appears more than once in the same mapping", hint: "keep one of them",
        line: max(context.mark.line, 1), column: max(context.mark.column, 1))
    case .reader(let problem, _, _, _):
      report(DiagnosticCode.yamlSyntax, "cannot read the file: \(problem)", line: 1, column: 1)
    default:
      report(DiagnosticCode.yamlSyntax, "YAML error: \(error)", line: 1, column: 1)
    }
  }

  // MARK: shapes

  static func isNull(_ node: Node) -> Bool {
    guard case .scalar(let s) = node else { return false }
    guard s.style == .plain || s.style == .any else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(s.string)
  }

  static func describe(_ node: Node) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    case .scalar(let s):
      if isNull(node) { return "nothing" }
      let shown = s.string.count > 40 ? String(s.string.prefix(40)) + "..." : s.string
      return "'\(shown)'"
    }
  }

  /// The entries of a mapping with string keys, or nil (reported) when `node` is not a mapping.
  mutating func mapping(_ node: Node, _ what: String) -> [Entry]? {
    guard case .mapping(let m) = node else {
      report(
        DiagnosticCode.wrongType, "\(what) must be a mapping of keys, found \(Self.describe(node))",
        at: node)
      return nil
    }
    var entries: [Entry] = []
    for (k, v) in m {
      guard case .scalar(let ks) = k else {
        report(DiagnosticCode.wrongType, "a key must be plain text, found \(Self.describe(k))", at: k)
        continue
      }
      entries.append(Entry(key: ks.string, keyNode: k, value: v))
    }
    return entries
  }

  /// Reports unknown keys (with the nearest valid one as a hint), keys that belong to another
  /// kind of rule, and missing required keys (at the mapping).
  mutating func checkKeys(
    _ entries: [Entry], of node: Node, what: String, allowed: [String], required: [String],
    otherKinds: [String: String] = [:]
  ) {
    for e in entries where !allowed.contains(e.key) {
      if let note = otherKinds[e.key] {
        report(DiagnosticCode.keyNotForKind, "key '\(e.key)' \(note)", at: e.keyNode)
        continue
      }
      var hint: String? = nil
      if let near = Self.nearest(e.key, in: allowed) { hint = "did you mean '\(near)'?" }
      report(DiagnosticCode.unknownKey, "unknown key '\(e.key)' in \(what)", hint: hint, at: e.keyNode)
    }
    let present = Set(entries.map(\.key))
    for key in required where !present.contains(key) {
      report(DiagnosticCode.missingKey, "\(what) has no '\(key)'", at: node)
    }
  }

  mutating func string(_ node: Node, _ field: String) -> String? {
    guard case .scalar(let s) = node, !Self.isNull(node) else {
      report(
        DiagnosticCode.wrongType, "'\(field)' must be text, found \(Self.describe(node))", at: node)
      return nil
    }
    return s.string
  }

  /// Text that must not be blank.
  mutating func nonEmptyString(_ node: Node, _ field: String) -> String? {
    guard let s = string(node, field) else { return nil }
    if s.allSatisfy(\.isWhitespace) {
      report(DiagnosticCode.emptyValue, "'\(field)' is empty", at: node)
      return nil
    }
    return s
  }

  /// A YAML 1.2 number from a plain scalar (ints, decimals, exponents, `.inf`, `.nan`).
  static func parseNumber(_ node: Node) -> Double? {
    guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return nil }
    let t = s.string
    switch t {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
    case "-.inf", "-.Inf", "-.INF": return -.infinity
    case ".nan", ".NaN", ".NAN": return .nan
    default: break
    }
    guard !t.isEmpty, t.allSatisfy({ "0123456789+-.eE".contains($0) }) else { return nil }
    return Double(t)
  }

  mutating func number(_ node: Node, _ field: String) -> Double? {
    guard let d = Self.parseNumber(node) else {
      report(
        DiagnosticCode.wrongType, "'\(field)' must be a number, found \(Self.describe(node))",
        at: node)
      return nil
    }
    return d
  }

  mutating func integer(_ node: Node, _ field: String) -> Int? {
    guard case .scalar(let s) = node, s.style == .plain || s.style == .any, let i = Int(s.string)
    else {
      report(
        DiagnosticCode.wrongType, "'\(field)' must be a whole number, found \(Self.describe(node))",
        at: node)
      return nil
    }
    return i
  }

  mutating func sequence(_ node: Node, _ field: String) -> [Node]? {
    guard case .sequence(let s) = node else {
      report(
        DiagnosticCode.wrongType, "'\(field)' must be a list, found \(Self.describe(node))", at: node)
      return nil
    }
    return Array(s)
  }

  /// A list of texts.
  mutating func strings(_ node: Node, _ field: String) -> [(String, Node)]? {
    guard let items = sequence(node, field) else { return nil }
    var out: [(String, Node)] = []
    for item in items {
      if let s = string(item, field) { out.append((s, item)) }
    }
    return out
  }

  // MARK: hints

  /// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo.
  static func nearest(_ word: String, in candidates: [String]) -> String? {
    var best: (String, Int)? = nil
    for c in candidates {
      let d = editDistance(word.lowercased(), c)
      if d <= max(2, c.count / 3), best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      cur[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      }
      swap(&prev, &cur)
    }
    return prev[y.count]
  }
}
