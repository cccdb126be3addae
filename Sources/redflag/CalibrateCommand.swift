import ArgumentParser
import Foundation
import RedFlag
import RedFlagEval
import RedFlagRules

struct CalibrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibrate",
    abstract: "Fit rule weights and the bias to labelled data and write a weights overlay.",
    discussion: """
      L2-regularised logistic regression with the hand-set weights as the prior (penalty \
      lambda * sum (w - w_hand)^2, and the same for the bias). Features: which rules fired \
      (each once; combos and context rules too), a positive rule counting the context discount \
      instead of 1 when a context rule fired, as in scoring. Prints k-fold cross-validated \
      ROC-AUC, PR-AUC and F1 at the flag level with the hand and the fitted weights. The \
      overlay works with `scan`, `check` and `eval` through --weights.

      With --vocabulary FILE it also learns word weights from the records' text (logistic \
      regression on which words occur, each word seen in at least two records) and writes them \
      as the tab-separated file that ruleset.yaml's `vocabulary` names; it prints the \
      cross-validated ROC-AUC of the words alone. The rule weights are then fitted around what \
      the words add to each record, taken from word weights learned on the other folds (so no \
      record is scored by weights learned from itself; the set's cap, or 1.5). Without \
      --vocabulary, a vocabulary the rule set already has is held fixed while the weights are fitted.

      With --voice FILE it learns, the same way, the words that tell warning, awareness and news \
      posts (records whose category is `warning` or `news`, positive weights) from risky ones \
      (label 1, negative weights), for a context rule's `voice`. Only the words outside the lures \
      the rule set finds count (warnings quote the same lures ads make), with the pairs of them \
      that follow each other in a sentence (written 'first second'); each weight is clipped \
      to +-1, other records are left out of that fit, and the rule weights are fitted as without it.
      """)

  /// The cap assumed for a vocabulary learned for a rule set that does not name one yet.
  static let defaultCap = 1.5

  @OptionGroup var input: LabelledInputOptions

  @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the overlay YAML.", valueName: "file"))
  var output: String

  @Option(help: ArgumentHelp("Strength of the pull toward the hand weights.", valueName: "lambda"))
  var l2 = 1.0

  @Option(help: ArgumentHelp("Folds for cross-validation.", valueName: "k"))
  var folds = 5

  @Option(
    help: ArgumentHelp(
      "Keep every positive phrase rule below the flag level on its own, except these (comma-separated ids), as INDICATORS.md asks: single cues must not flag an ad.",
      valueName: "ids"))
  var alone: String?

  @Option(
    help: ArgumentHelp(
      "Also learn word weights from the records and write them to this file (for ruleset.yaml's `vocabulary`).",
      valueName: "file"))
  var vocabulary: String?

  @Option(
    help: ArgumentHelp(
      "Also learn the words that tell warning and news posts (category warning or news) from risky ones, and write them to this file (for a context rule's `voice`).",
      valueName: "file"))
  var voice: String?

  /// The categories whose records a voice is learned to recognise.
  static let voiceCategories: Set<String> = ["warning", "news"]

  /// The largest weight a voice word may have either way. Without it one word that the labelled
  /// warnings happen to use more than the risky ads (a chat app's name, written plainly) decided
  /// the voice of short ads alone; with it a post needs several warning-like words.
  static let voiceWordClip = 1.0

  func validate() throws {
    guard l2.isFinite, l2 >= 0 else { throw ValidationError("--l2 must be a number >= 0") }
    guard folds >= 2 else { throw ValidationError("--folds must be at least 2") }
  }

  func run() throws {
    let records = try input.loadRecords()
    let positives = records.filter(\.label).count
    guard positives > 0, positives < records.count else {
      throw RunFailure("calibration needs both risky (label 1) and other (label 0) records; found \(positives) risky of \(records.count)")
    }
    guard records.count >= folds else {
      throw RunFailure("only \(records.count) records for \(folds) folds")
    }
    // The voice's records are checked before anything is fitted or written.
    let voiceSelection = voice == nil ? nil : try Self.voiceRecords(records, folds: folds)
    let ruleSet = try input.ruleSetOptions.load()
    let scanner = RedFlag.Scanner(ruleSet: ruleSet)
    var data: CalibrationSet
    do {
      data = try CalibrationSet(records: records, scanner: scanner)
    } catch let e as EvalInputError {
      throw RunFailure(e.message)
    }
    let manifest = ruleSet.definition.manifest
    // With --vocabulary the words are learned here too: the rule weights are fitted around what
    // held-out word weights add to each record, never around weights learned from the record itself.
    var words: (documents: [Set<String>], heldOut: [Double])? = nil
    if vocabulary != nil {
      let documents: [Set<String>]
      do {
        documents = try VocabularyTrainer.documents(records, scanner: scanner)
      } catch let e as EvalInputError {
        throw RunFailure(e.message)
      }
      let heldOut = VocabularyTrainer().heldOutLogits(documents, labels: data.labels, k: folds)
      data.offsets = VocabularyTrainer.offsets(
        heldOut: heldOut, cap: manifest.vocabulary?.cap ?? Self.defaultCap, capAlone: manifest.vocabulary?.capAlone ?? 0,
        data: data)
      words = (documents, heldOut)
    }
    guard let flagThreshold = manifest.thresholds[manifest.flagLevel] else {
      throw RunFailure("the rule set has no threshold for its flag level '\(manifest.flagLevel.rawValue)'")
    }
    var ceiling: WeightCeiling? = nil
    if let alone {
      let ids = alone.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      var set = Set<Int>()
      for id in ids {
        guard let i = data.rules.firstIndex(where: { $0.id == id }) else {
          throw RunFailure("--alone: no rule '\(id)' in the rule set")
        }
        set.insert(i)
      }
      ceiling = WeightCeiling(flagThreshold: flagThreshold, alone: set)
    }
    let result = Calibrator.run(data, lambda: l2, k: folds, flagThreshold: flagThreshold, ceiling: ceiling)
    let yaml = Calibrator.overlayYAML(result, data: data, ruleSetName: manifest.name, sources: input.files)
    do {
      try Data(yaml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
      throw RunFailure("\(output): cannot write the overlay (\(error.localizedDescription))")
    }
    func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "n/a" }
    var s = "\(records.count) records (\(positives) risky); lambda \(l2); \(folds)-fold cross-validation\n"
    s += "| weights | ROC-AUC | PR-AUC | F1 at \(manifest.flagLevel.rawValue) |\n|---|---:|---:|---:|\n"
    s += "| hand | \(f(result.before.rocAUC)) | \(f(result.before.prAUC)) | \(f(result.before.f1)) |\n"
    s += "| fitted (CV) | \(f(result.after.rocAUC)) | \(f(result.after.prAUC)) | \(f(result.after.f1)) |\n"
    s += "bias \(String(format: "%.3f", manifest.bias)) -> \(String(format: "%.3f", result.fit.bias))"
    s += result.fit.converged ? "" : " (the fit did not converge; try a larger --l2)"
    s += "\nwrote \(output)\n"
    if let vocabulary, let words {
      s += try writeVocabulary(words.documents, heldOut: words.heldOut, labels: data.labels, to: vocabulary)
    }
    if let voice, let voiceSelection {
      let documents: [Set<String>]
      do {
        documents = try VocabularyTrainer.voiceDocuments(records, scanner: scanner)
      } catch let e as EvalInputError {
        throw RunFailure(e.message)
      }
      s += try writeVoice(voiceSelection, documents: documents, to: voice)
    }
    print(s, terminator: "")
  }

  /// The records a voice is learned from: warning and news posts (`voice` true) and risky ones.
  /// Fails when either kind is missing or there are fewer than `folds`.
  static func voiceRecords(_ records: [LabelledRecord], folds: Int) throws -> [(index: Int, voice: Bool)] {
    var out: [(index: Int, voice: Bool)] = []
    for (i, r) in records.enumerated() {
      if let c = r.category, voiceCategories.contains(c) {
        out.append((i, true))
      } else if r.label {
        out.append((i, false))
      }
    }
    let voices = out.filter(\.voice).count
    guard voices > 0, voices < out.count else {
      throw RunFailure(
        "--voice needs records whose category is warning or news and risky records (label 1); found \(voices) warning/news and \(out.count - voices) risky")
    }
    guard out.count >= folds else { throw RunFailure("--voice: only \(out.count) records for \(folds) folds") }
    return out
  }

  /// Learns the voice words (warning and news records against risky ones), writes the file and
  /// returns the lines to print.
  func writeVoice(_ selected: [(index: Int, voice: Bool)], documents: [Set<String>], to path: String) throws -> String {
    let docs = selected.map { documents[$0.index] }
    let labels = selected.map(\.voice)
    let voices = labels.filter { $0 }.count
    let trainer = VocabularyTrainer()
    let cv = VocabularyTrainer.figures(heldOut: trainer.heldOutLogits(docs, labels: labels, k: folds), labels: labels)
    let weights = trainer.fit(docs, labels: labels).mapValues { min(Self.voiceWordClip, max(-Self.voiceWordClip, $0)) }
    func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "n/a" }
    let header = [
      "Voice word weights learned by `redflag calibrate --voice` (L2 \(trainer.l2), words and word pairs in >= \(trainer.minCount) records,",
      "  each clipped to +-\(Self.voiceWordClip); only words outside the lures the rule set finds, and pairs of them in a row).",
      "Positive: words of warning, awareness and news posts; negative: words of risky posts.",
      "Data: \(input.files.joined(separator: ", "))",
      "  \(voices) warning/news records, \(labels.count - voices) risky.",
      "Words alone, \(folds)-fold cross-validated: ROC-AUC \(f(cv.rocAUC)), PR-AUC \(f(cv.prAUC)).",
      "Format: word key, a tab, its weight. A context rule's `voice` names this file and its threshold.",
    ]
    try writeWords(weights, header: header, to: path, what: "voice words")
    return "voice: \(weights.count) words from \(voices) warning/news and \(labels.count - voices) risky records; words alone, cross-validated: ROC-AUC \(f(cv.rocAUC)), PR-AUC \(f(cv.prAUC))\nwrote \(path)\n"
  }

  /// Learns the word weights, writes the file and returns the lines to print.
  func writeVocabulary(_ documents: [Set<String>], heldOut: [Double], labels: [Bool], to path: String) throws -> String {
    let trainer = VocabularyTrainer()
    let cv = VocabularyTrainer.figures(heldOut: heldOut, labels: labels)
    let weights = trainer.fit(documents, labels: labels)
    func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "n/a" }
    let header = [
      "Word weights learned by `redflag calibrate --vocabulary` (L2 \(trainer.l2), words in >= \(trainer.minCount) records).",
      "Data: \(input.files.joined(separator: ", "))",
      "  \(labels.count) records, \(labels.filter { $0 }.count) risky.",
      "Words alone, \(folds)-fold cross-validated: ROC-AUC \(f(cv.rocAUC)), PR-AUC \(f(cv.prAUC)).",
      "Format: word key, a tab, its log-odds weight. ruleset.yaml's `vocabulary` names this file and its cap.",
    ]
    try writeWords(weights, header: header, to: path, what: "vocabulary")
    return "vocabulary: \(weights.count) words; words alone, cross-validated: ROC-AUC \(f(cv.rocAUC)), PR-AUC \(f(cv.prAUC))\nwrote \(path)\n"
  }

  /// Writes a word-weights file (sorted by word) or fails with a message naming it.
  func writeWords(_ weights: [String: Double], header: [String], to path: String, what: String) throws {
    do {
      try Data(VocabularyFile.render(weights, header: header).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw RunFailure("\(path): cannot write the \(what) (\(error.localizedDescription))")
    }
  }
}
