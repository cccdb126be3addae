import ArgumentParser
import Foundation
import RedFlag
import RedFlagEngine
import RedFlagRules

/// `redflag rules`: validate a rule set and run its embedded tests.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Validate rule sets and run their embedded tests.",
    subcommands: [RulesTestCommand.self, RulesLintCommand.self])
}

/// Resolves the DIR argument of the rules subcommands.
private func rulesDirectory(_ dir: String?) throws -> String {
  if let dir { return dir }
  guard let found = RulesLocator.defaultDirectory() else {
    throw RunFailure("no rule set found; pass the folder, e.g. `redflag rules lint rules/`")
  }
  return found
}

/// A diagnostic with its file shown relative to the current folder (DIR/file).
private func located(_ d: Diagnostic, in dir: String) -> String {
  var d = d
  if !d.file.hasPrefix("/") {
    d.file = dir.hasSuffix("/") ? dir + d.file : dir + "/" + d.file
  }
  return d.description
}

struct RulesLintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Validate a rule set; print every diagnostic as file:line:col: error[RFnnn]: message.",
    discussion: "Exit codes: 0 valid (warnings allowed), 2 errors.")

  @Argument(help: "The rule set folder (default: the shipped rules).")
  var dir: String?

  func run() throws {
    let dir = try rulesDirectory(dir)
    switch RuleSetLoader.loadReportingWarnings(directory: dir) {
    case .failure(let e):
      for d in e.diagnostics { printError(located(d, in: dir)) }
      printError("\(e.errors.count) error(s), \(e.warnings.count) warning(s); the rule set is refused")
      throw ExitCode(2)
    case .success(let loaded):
      for d in loaded.warnings { printError(located(d, in: dir)) }
      do {
        let clock = ContinuousClock()
        let started = clock.now
        let compiled = try RuleSetCompiler().compile(loaded.definition)
        let elapsed = clock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let m = loaded.definition.manifest
        print("\(dir): \(m.name) \(m.version): \(compiled.rules.count) rules, \(compiled.phraseCount) phrases, "
          + "\(compiled.stateCount) automaton states, \(compiled.memoryBytes / 1024) KiB compiled in "
          + "\(Int(ms.rounded())) ms; "
          + "\(loaded.warnings.count) warning(s), 0 errors")
      } catch {
        printError("\(dir): \(error)")
        throw ExitCode(2)
      }
    }
  }
}

struct RulesTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run every rule's embedded examples; print passes, failures and known misses per rule and language.",
    discussion: "Exit codes: 0 all pass, 1 a failure, 2 the rule set is invalid.")

  @Argument(help: "The rule set folder (default: the shipped rules).")
  var dir: String?

  @Flag(help: "Print only rules with failures or known misses.")
  var quiet = false

  func run() throws {
    let dir = try rulesDirectory(dir)
    let ruleSet: RuleSet
    do {
      ruleSet = try RuleSet.load(from: dir)
    } catch let e as RuleSetLoadError {
      for d in e.diagnostics { printError(located(d, in: dir)) }
      throw ExitCode(2)
    } catch {
      printError("\(dir): \(error)")
      throw ExitCode(2)
    }
    let results = RuleTester.run(ruleSet.compiled)
    struct Row { var pass = 0, fail = 0, miss = 0 }
    var rows: [String: [String: Row]] = [:]
    for r in results {
      var row = rows[r.rule, default: [:]][r.lang, default: Row()]
      if r.expectation == .knownMiss { row.miss += 1 } else if r.passed { row.pass += 1 } else { row.fail += 1 }
      rows[r.rule, default: [:]][r.lang] = row
    }
    var out = "rule                                  lang  pass  fail  known-miss\n"
    for rule in rows.keys.sorted() {
      for lang in rows[rule]!.keys.sorted() {
        let row = rows[rule]![lang]!
        if quiet && row.fail == 0 && row.miss == 0 { continue }
        out += rule.padding(toLength: 38, withPad: " ", startingAt: 0) + lang.padding(toLength: 6, withPad: " ", startingAt: 0)
          + String(row.pass).leftPad(4) + String(row.fail).leftPad(6) + String(row.miss).leftPad(12) + "\n"
      }
    }
    let failures = results.filter(\.isFailure)
    for f in failures {
      let verb = f.expectation == .match ? "did not match" : "matched"
      out += "FAIL \(f.rule) [\(f.lang)] line \(f.line): \(verb): \(f.text)\n"
    }
    for m in results where m.expectation == .knownMiss {
      out += "known miss \(m.rule) [\(m.lang)]\(m.fired ? " (now matches: move it to match)" : ""): \(m.text)\n"
    }
    let passed = results.filter { $0.expectation != .knownMiss && $0.passed }.count
    let misses = results.filter { $0.expectation == .knownMiss }.count
    out += "\(passed) passed, \(failures.count) failed\n"
    out += "(\(ruleSet.compiled.rules.count) rules, \(misses) known misses)\n"
    FileHandle.standardOutput.write(Data(out.utf8))
    if !failures.isEmpty { throw ExitCode(1) }
  }
}

extension String {
  fileprivate func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
