import Foundation

/// The word-weights file named by ruleset.yaml's `vocabulary` or by a context rule's `voice`.
///
/// UTF-8 text, one word per line: the word key, a tab, its weight (a finite number). Blank lines
/// and lines starting with `#` are ignored. A voice file may also hold word pairs: two keys joined
/// by one space (`told that`), for two words that follow each other in a sentence.
/// `redflag calibrate --vocabulary` writes it sorted by
/// word, so that a refit shows as a readable diff.
public enum VocabularyFile {
  /// Parses the file; every bad line becomes an RF035 error with its line number.
  public static func parse(
    _ bytes: [UInt8], file: String, cap: Double, pairs: Bool = false, diagnostics: inout [Diagnostic]
  ) -> VocabularyModel? {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      diagnostics.append(
        Diagnostic(
          code: DiagnosticCode.badVocabulary, severity: .error,
          message: "\(file) is not valid UTF-8", file: file, line: 1, column: 1))
      return nil
    }
    let before = diagnostics.count
    var weights: [String: Double] = [:]
    var firstLine: [String: Int] = [:]
    var lineNumber = 0
    // Split on every line end; "\r\n" is one Character, so compare characters, not bytes.
    for l in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      if l.isEmpty || l.hasPrefix("#") { continue }
      func fail(_ message: String, _ hint: String? = nil) {
        diagnostics.append(
          Diagnostic(
            code: DiagnosticCode.badVocabulary, severity: .error, message: message, hint: hint,
            file: file, line: lineNumber, column: 1))
      }
      let fields = l.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 2 else {
        fail("expected a word, a tab and a weight; found \(fields.count) tab-separated field\(fields.count == 1 ? "" : "s")")
        continue
      }
      let word = String(fields[0])
      let parts = word.split(separator: " ", omittingEmptySubsequences: false)
      guard !word.isEmpty, parts.count == 1 || (pairs && parts.count == 2 && !parts.contains(where: \.isEmpty)) else {
        fail(
          pairs
            ? "the word must be one token key, or two joined by one space (a word pair), found '\(word)'"
            : "the word must be one token key without spaces, found '\(word)'")
        continue
      }
      guard let w = Double(fields[1]), w.isFinite else {
        fail("the weight of '\(word)' is '\(fields[1])', not a finite number")
        continue
      }
      if let first = firstLine[word] {
        fail("'\(word)' is already on line \(first)", "each word may appear once")
        continue
      }
      firstLine[word] = lineNumber
      weights[word] = w
    }
    guard diagnostics.count == before else { return nil }
    return VocabularyModel(weights: weights, cap: cap)
  }

  /// The file's text for `weights`, sorted by word (byte order), weights with four decimals.
  public static func render(_ weights: [String: Double], header: [String]) -> String {
    var s = header.map { "# " + $0 + "\n" }.joined()
    for word in weights.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      s += word + "\t" + String(format: "%.4f", weights[word]!) + "\n"
    }
    return s
  }
}
