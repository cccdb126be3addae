import ArgumentParser
import Foundation
import RedFlag
import RedFlagRules

extension ProgressMode: ExpressibleByArgument {}

struct ScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Scan files, folders or standard input; one output record per input record, in input order.",
    discussion: """
      Formats by extension (.txt, .html/.htm, .jsonl/.ndjson, .csv, .tsv; anything else is read as \
      plain text) or --format. Standard input (`-` or no path) is JSONL unless --format says otherwise.
      Every input record gives exactly one output record (in input order), also when it cannot be \
      scanned: then it carries its id and an `error` object {code, message}. Codes: invalid_json, \
      not_an_object, missing_field, wrong_type, invalid_utf8, empty_record, record_too_large, \
      binary_file (NUL byte in the first 8 KB), unreadable, csv_field_count, invalid_csv.

      Ids: the --id-field (a JSON number becomes its text); otherwise path:line (standard input is \
      `-`); a .txt or .html file is one document whose id is its path.
      JSONL: lines of only whitespace are skipped, not records; invalid UTF-8 in a line is an \
      error record. Plain-text files are repaired instead (invalid UTF-8 becomes U+FFFD) and scanned.
      CSV/TSV: the first row is the header; quoted fields may hold newlines; blank lines are skipped.
      Folders: hidden entries are skipped, files are read in name order; --include/--exclude globs \
      (*, ?, **, [abc]) match the file name, or the path below the folder when they contain a `/`.
      -o FILE is written to a temporary file and renamed at the end (also after Ctrl-C, which \
      stops reading, writes the records in flight and exits 130); a failed run leaves FILE as it was.
      """)

  @Argument(help: "Files or folders to scan; `-` or nothing for standard input.")
  var paths: [String] = []

  @Option(help: "Input format for every input: \(InputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: InputFormat?

  @Option(help: ArgumentHelp("In folders, scan only files matching this glob (repeatable).", valueName: "glob"))
  var include: [String] = []

  @Option(help: ArgumentHelp("In folders, skip files and folders matching this glob (repeatable).", valueName: "glob"))
  var exclude: [String] = []

  @Option(help: "JSONL/CSV field holding the text.")
  var textField = "text"

  @Option(help: "JSONL/CSV field holding the record id (missing ids become path:line).")
  var idField = "id"

  @Option(help: "JSONL/CSV field holding HTML; used instead of the text field when present.")
  var htmlField: String?

  @Option(help: "Output format: jsonl, csv or pretty.")
  var output: OutputFormat = .jsonl

  @Flag(help: "With --output csv: one row per finding instead of one per record.")
  var perFinding = false

  @Option(help: ArgumentHelp("Copy these input fields into the output (comma-separated).", valueName: "a,b"))
  var keepFields: String?

  @Option(help: ArgumentHelp("Print only records at or above this level (all are counted).", valueName: "level"))
  var minLevel: RiskLevel?

  @Option(name: [.customShort("o"), .customLong("output-file")], help: ArgumentHelp("Write the output to FILE (atomically).", valueName: "file"))
  var outputFile: String?

  @OptionGroup var ruleSetOptions: RuleSetOptions

  @Option(help: "Scanner threads (default: all cores).")
  var threads: Int?

  @Option(help: "Largest record (line, row or document) in bytes; larger ones become record_too_large errors.")
  var maxRecordBytes = 16 << 20

  @Option(help: "Progress on standard error: auto (when it is a terminal), none, bar or json.")
  var progress: ProgressMode = .auto

  @Option(help: ArgumentHelp("Exit with 1 when a record reaches this level.", valueName: "level"))
  var failOn: RiskLevel?

  @Option(help: ArgumentHelp("Stop and exit with 2 when more than N records fail.", valueName: "n"))
  var maxErrors: Int?

  @Flag(name: .shortAndLong, help: "No progress and no summary on standard error.")
  var quiet = false

  func validate() throws {
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    if maxRecordBytes < 1 { throw ValidationError("--max-record-bytes must be at least 1") }
    if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must not be negative") }
    if perFinding && output != .csv { throw ValidationError("--per-finding needs --output csv") }
  }

  func run() throws {
    // Before the (slow) rule set load, so that Ctrl-C during it is not lost.
    let interrupts = InterruptHandler()
    let ruleSet = try ruleSetOptions.load()
    let keep = (keepFields ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let options = RecordOptions(
      textField: textField, idField: idField, htmlField: htmlField, keepFields: keep, maxRecordBytes: maxRecordBytes)
    let plan = InputPlan.make(paths: paths, format: format, include: include.map(Glob.init), exclude: exclude.map(Glob.init))
    let config = PipelineConfig(
      plan: plan, options: options, scanner: RedFlag.Scanner(ruleSet: ruleSet),
      renderer: Renderer(format: output, perFinding: perFinding, keepFields: keep),
      threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
      minLevel: minLevel, maxErrors: maxErrors, progress: quiet ? .none : progress, summary: !quiet)

    let sink = try outputFile.map { try OutputSink(atomicFile: $0) } ?? OutputSink()
    let result: PipelineResult
    do {
      result = try runPipeline(config, sink: sink, interrupts: interrupts)
      // A run stopped by --max-errors failed: its partial output does not replace the target.
      if result.tooManyErrors { sink.abandon() } else { try sink.commit() }
    } catch is BrokenPipe {
      // The reader of our output went away (`| head`): stop quietly.
      Foundation.exit(0)
    } catch {
      sink.abandon()
      throw error
    }
    if !quiet { printError(summaryLine(result.stats, interrupted: result.interrupted)) }
    if result.interrupted { Foundation.exit(130) }
    if result.tooManyErrors {
      throw RunFailure("stopped: \(result.stats.errors) records failed, more than --max-errors \(maxErrors ?? 0)")
    }
    if let failOn, result.maxLevel >= failOn { throw ExitCode(1) }
  }
}
