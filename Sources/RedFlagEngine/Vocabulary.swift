#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RedFlagRules
import RedFlagText

/// A word of the post that weighed in the vocabulary evidence.
public struct VocabularyWord: Sendable, Hashable {
  /// The word's key; for a voice, also two keys joined by a space (a word pair).
  public var word: String
  /// What the word added to the evidence in this post: its weight over the square root of the
  /// number of known words in the post.
  public var weight: Double
  public init(word: String, weight: Double) { self.word = word; self.weight = weight }
}

/// How much the wording of a post, word by word, resembles risky or ordinary posts of the labelled
/// corpora the vocabulary was learned from.
public struct VocabularyEvidence: Sendable, Hashable {
  /// What counted in the record's log-odds (clamped to the vocabulary's cap).
  public var weight: Double
  /// The words that pushed most in the direction of `weight`, strongest first (at most five),
  /// each with what it added.
  public var words: [VocabularyWord]
  /// How many distinct known words the post has (word pairs of a voice not counted).
  public var known: Int
}

/// The keys a vocabulary is learned on and looked up with: a word's diacritic-free form, else its
/// de-obfuscated form, else its normalised form; every other token by its kind (`<money>`,
/// `<phone>`, `<url>`, `<handle>`, `<email>`, `<number>`, `<emoji>`).
public enum VocabularyKeys {
  public static func key(_ t: Token) -> String {
    guard t.kind == .word else { return "<" + t.kind.rawValue + ">" }
    return t.folded ?? t.deobfuscated ?? t.norm
  }

  /// The distinct keys of a document.
  public static func keys(_ tokens: [Token]) -> Set<String> {
    var out = Set<String>()
    out.reserveCapacity(tokens.count)
    for t in tokens { out.insert(key(t)) }
    return out
  }
}

extension CompiledRuleSet {
  /// The keys a `voice` is learned on and scored with: the words of the post outside every lure
  /// (the tokens of positive phrase matches) and no token kinds. Warnings quote the same lures that
  /// ads make, so the voice must come from the words around them: who tells it, to whom, in what
  /// tense ("my brother answered an ad that said ...", "anyone know this agency?").
  ///
  /// Each two such words that follow each other in a sentence also give a pair key, the two keys
  /// joined by a space. In Thai and Lao the words a voice leans on are short and common (ว่า, ໃຫ້,
  /// ໄປ), and a recruiter's own story uses them as much as a survivor's; the pair says more
  /// ("ບອກ ວ່າ", they told us that). Learned without the set measured, pairs left fewer risky
  /// posts read as warnings for the same number of warnings read (docs/RULES.md, "Voice").
  public func voiceKeys(_ tokens: [Token], matches: [PhraseMatch]) -> Set<String> {
    var covered = [Bool](repeating: false, count: tokens.count)
    for m in matches where rules[m.rule].kind == .phrase && rules[m.rule].weight > 0 {
      for i in m.startToken..<min(m.endToken, tokens.count) { covered[i] = true }
    }
    var out = Set<String>()
    var previous: (index: Int, key: String)? = nil
    for (i, t) in tokens.enumerated() where !covered[i] && t.kind == .word {
      let key = Self.voiceKey(t)
      out.insert(key)
      if let p = previous, p.index == i - 1, tokens[p.index].sentence == t.sentence {
        out.insert(p.key + " " + key)
      }
      previous = (i, key)
    }
    return out
  }

  /// A word's voice key: its de-obfuscated or normalised form, diacritics kept. Vietnamese shows
  /// why: without its marks "báo" (a newspaper, a report) and "bao" (covers, as in "bao vé": the
  /// ticket is paid) are one key, and the offers' "bao" made news reports sound like ads.
  static func voiceKey(_ t: Token) -> String { t.deobfuscated ?? t.norm }

  /// The voice keys of an analysed document (matches it first).
  public func voiceKeys(_ doc: AnalyzedText) -> Set<String> {
    voiceKeys(doc.tokens, matches: match(doc.tokens))
  }
}

extension VocabularyModel {
  /// Sum of the weights of the distinct known words over the square root of their number, clamped
  /// to the cap; nil when the post has no known word.
  public func evidence(_ tokens: [Token]) -> VocabularyEvidence? {
    evidence(keys: VocabularyKeys.keys(tokens))
  }

  /// The same for a document's distinct keys (`VocabularyKeys.keys`, or `voiceKeys` with their
  /// word pairs: `known` counts single words only).
  public func evidence(keys: Set<String>) -> VocabularyEvidence? {
    guard let (weight, found) = score(keys) else { return nil }
    let root = Double(found.count).squareRoot()
    let sign = weight >= 0 ? 1.0 : -1.0
    let top = found.filter { $0.weight * sign > 0 }
      .sorted { ($0.weight * sign, $1.word) > ($1.weight * sign, $0.word) }
      .prefix(5)
      .map { VocabularyWord(word: $0.word, weight: $0.weight / root) }
    let words = found.count { !$0.word.contains(" ") }
    return VocabularyEvidence(weight: weight, words: top, known: words)
  }
}
