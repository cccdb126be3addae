/// Document and span language guesses: by script first, then for Latin script by a lexical
/// identifier (en, id, ms, tl, vi).
enum LanguageGuesser {
  static func scriptGroup(_ s: Script) -> Script? {
    switch s {
    case .common, .other: nil
    case .kana: .kana
    default: s
    }
  }

  static func guess(_ tokens: [Token]) -> (LanguageGuess, [LanguageSpan]) {
    guard !tokens.isEmpty else { return (.undetermined, []) }
    // Spans: consecutive tokens of one script group; scriptless tokens join the current span.
    var spans: [(script: Script, first: Int, last: Int)] = []
    for (k, t) in tokens.enumerated() {
      guard t.kind == .word, let g = scriptGroup(t.script) else { continue }
      if let last = spans.last, last.script == g {
        spans[spans.count - 1].last = k
      } else {
        spans.append((g, k, k))
      }
    }
    var letterCount: [Script: Int] = [:]
    var total = 0
    var out: [LanguageSpan] = []
    var latinWords: [String] = []
    var latinGuesses = 0
    var lastLatinGuess = LanguageGuess.undetermined
    for sp in spans {
      let toks = tokens[sp.first...sp.last]
      let letters = toks.reduce(0) { $0 + $1.norm.unicodeScalars.count }
      letterCount[sp.script, default: 0] += letters
      total += letters
      let g: LanguageGuess
      if sp.script == .latin {
        let words = toks.filter { $0.script == .latin }.map { $0.deobfuscated ?? $0.norm }
        // A few hundred words settle the language; long posts need not be read to the end.
        if latinWords.count < 300 { latinWords.append(contentsOf: words.prefix(300 - latinWords.count)) }
        g = LanguageIdentifier.guessLatin(normalized: words.prefix(300))
        latinGuesses += 1
        lastLatinGuess = g
      } else if sp.script == .han, toks.contains(where: { $0.script == .kana }) {
        g = LanguageGuess(code: "ja", confidence: 0.9)
      } else {
        g = LanguageIdentifier.language(ofScript: sp.script)
      }
      let a = tokens[sp.first].span
      let b = tokens[sp.last].span
      out.append(
        LanguageSpan(guess: g, span: TextSpan(start: a.start, end: b.end, utf8Start: a.utf8Start, utf8End: b.utf8End)))
    }
    guard total > 0, let (script, count) = letterCount.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) })
    else { return (.undetermined, out) }
    let share = Double(count) / Double(total)
    var main: LanguageGuess
    if script == .latin {
      // One Latin span (the usual post): the document guess is that span's guess, already made.
      main = latinGuesses == 1 ? lastLatinGuess : LanguageIdentifier.guessLatin(normalized: latinWords)
    } else if script == .han, letterCount[.kana] != nil {
      main = LanguageGuess(code: "ja", confidence: 0.9)
    } else {
      main = LanguageIdentifier.language(ofScript: script)
    }
    main.confidence = (main.confidence * share * 1000).rounded() / 1000
    return (main, out)
  }
}
