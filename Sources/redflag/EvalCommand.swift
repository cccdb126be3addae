import ArgumentParser
import Foundation
import RedFlag
import RedFlagEval
import RedFlagRules

/// Options naming the fields of labelled records (shared by eval and calibrate).
struct LabelledInputOptions: ParsableArguments {
  @Argument(help: ArgumentHelp("Labelled JSONL or CSV/TSV files (several are pooled).", valueName: "file"))
  var files: [String] = []

  @Option(help: ArgumentHelp("Field holding the label (1/true risky, 0/false not).", valueName: "name"))
  var labelField = "label"

  @Option(help: ArgumentHelp("Field holding the text.", valueName: "name"))
  var textField = "text"

  @Option(help: ArgumentHelp("Field holding the language (else the detected language is used).", valueName: "name"))
  var langField = "lang"

  @Option(help: ArgumentHelp("Field holding the category (risky indicator, or benign/warning/news).", valueName: "name"))
  var categoryField = "category"

  @Option(help: ArgumentHelp("Field holding the record id.", valueName: "name"))
  var idField = "id"

  @Option(
    help: ArgumentHelp(
      "Field naming a file (relative to the record file) to read when a record has no text; .html is read as HTML.",
      valueName: "name"))
  var fileField = "file"

  @OptionGroup var ruleSetOptions: RuleSetOptions

  var fieldNames: FieldNames {
    FieldNames(
      label: labelField, text: textField, lang: langField, category: categoryField, id: idField, file: fileField)
  }

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one labelled file (JSONL or CSV)") }
  }

  /// Reads every file's records, in order.
  func loadRecords() throws -> [LabelledRecord] {
    var all: [LabelledRecord] = []
    for path in files {
      do {
        switch InputFormat.forPath(path) {
        case .csv: all += try readDelimited(path: path, delimiter: UInt8(ascii: ","))
        case .tsv: all += try readDelimited(path: path, delimiter: UInt8(ascii: "\t"))
        case .jsonl: all += try RecordReader.readJSONL(path: path, fields: fieldNames)
        default:
          throw RunFailure("\(path): labelled input must be .jsonl/.ndjson, .csv or .tsv")
        }
      } catch let e as EvalInputError {
        throw RunFailure(e.message)
      }
    }
    if all.isEmpty { throw RunFailure("no records in \(files.joined(separator: ", "))") }
    return all
  }

  /// Reads a CSV/TSV file whose first record names the fields.
  func readDelimited(path: String, delimiter: UInt8) throws -> [LabelledRecord] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw RunFailure("\(path): cannot read the file")
    }
    var parser = CSVParser(delimiter: delimiter, maxBytes: 64 << 20)
    var events: [CSVEvent] = []
    let bytes = [UInt8](data)
    bytes.withUnsafeBufferPointer { buf in parser.feed(buf) { events.append($0) } }
    parser.finish { events.append($0) }
    var header: [String]?
    var out: [LabelledRecord] = []
    let base = (path as NSString).deletingLastPathComponent
    for e in events {
      switch e {
      case .tooLarge(let line, let size):
        throw RunFailure("\(path):\(line): record of \(size) bytes is too large")
      case .unterminated(let line):
        throw RunFailure("\(path):\(line): quoted field is not closed")
      case .record(let line, let fields):
        let strings = fields.map { String(decoding: $0, as: UTF8.self) }
        guard let names = header else {
          var names = strings
          if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) }
          header = names
          continue
        }
        guard strings.count == names.count else {
          throw RunFailure("\(path):\(line): \(strings.count) fields, but the header has \(names.count)")
        }
        var obj: [String: FieldValue] = [:]
        for (k, v) in zip(names, strings) { obj[k] = .string(v) }
        out.append(try RecordReader.record(obj, fields: fieldNames, source: "\(path):\(line)", baseDirectory: base))
      }
    }
    return out
  }
}

struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Measure how well the rules tell risky records from the rest, on labelled data.",
    discussion: """
      Prints precision, recall, F1 and the confusion matrix at the flag level (or --threshold), \
      ROC-AUC and PR-AUC (average precision), overall, per language and per category (recall of \
      each risky category; false-positive rate of benign kinds such as warning and news), then \
      the misclassified records with their strongest findings. Records that already carry \
      score, level and flagged (redflag scan output with a label field kept) are not scanned \
      again. Exit codes: 0 done, 2 usage or input error.
      """)

  @OptionGroup var input: LabelledInputOptions

  @Option(help: ArgumentHelp("Count a record as flagged from this level up (default: the records' own flag).", valueName: "level"))
  var threshold: RiskLevel?

  @Flag(help: "Print the report as JSON.")
  var json = false

  @Option(help: ArgumentHelp("How many misclassified records to list.", valueName: "n"))
  var showMisclassified = 30

  func run() throws {
    let records = try input.loadRecords()
    let needsScan = records.contains { if case .scanned = $0.content { false } else { true } }
    let scanner = needsScan ? RedFlag.Scanner(ruleSet: try input.ruleSetOptions.load()) : nil
    let judged: [JudgedRecord]
    do {
      judged = try Evaluator.judge(records, scanner: scanner)
    } catch let e as EvalInputError {
      throw RunFailure(e.message)
    }
    let report = Evaluator.report(judged, threshold: threshold, maxMisclassified: json ? Int.max : showMisclassified)
    print(json ? report.json() : report.text(maxMisclassified: showMisclassified), terminator: json ? "\n" : "")
  }
}
