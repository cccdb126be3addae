import ArgumentParser
import Foundation

@main
struct RedFlagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "redflag",
    abstract: "Finds signs of human trafficking and forced labour in recruitment ads and posts.",
    discussion: """
      Exit codes: 0 success; 1 findings (check: the ad is flagged; scan: only with --fail-on); \
      2 usage or input error.
      """,
    version: "0.1.0",
    // Other commands (tokens, rules test, rules lint, eval, calibrate) join this list.
    subcommands: [ScanCommand.self, CheckCommand.self, TokensCommand.self, RulesCommand.self, EvalCommand.self, CalibrateCommand.self]
  )

  /// Like ArgumentParser's `main()`, but usage errors exit with 2 (as grep does), not 64.
  static func main() {
    // A closed pipe must end the run quietly through EPIPE, not kill it with a signal.
    signal(SIGPIPE, SIG_IGN)
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let failure as RunFailure {
      printError("redflag: \(failure.description)")
      Foundation.exit(2)
    } catch {
      if exitCode(for: error) == .validationFailure {
        printError(fullMessage(for: error))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
