import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RedFlagServer

@main
struct RedFlagServerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "redflag-server",
    abstract: "Serve RedFlag over HTTP: a JSON API (/v1/scan, /v1/ruleset, /v1/reload, /healthz, /metrics) and a web page at /.",
    discussion: """
      Send SIGHUP (or POST /v1/reload) to reload the rule set from disk; a broken rule set is \
      refused and the old one keeps serving.
      """)

  @Option(help: "Address to listen on.") var host = "127.0.0.1"
  @Option(help: "Port to listen on (0 picks a free port).") var port = 8080
  @Option(help: "Rule set folder (holding ruleset.yaml). Default: the shipped rules/ folder.") var rules: String?
  @Option(help: "Weights overlay file to apply to the rule set.") var weights: String?
  @Option(help: "Largest request body in bytes.") var maxBodyBytes = 1 << 20
  @Option(help: "Most documents in one batch request.") var maxBatch = 100
  @Option(help: "Seconds a request may take before it is answered with 504.") var timeout = 10.0

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
    guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be positive") }
    guard maxBatch > 0 else { throw ValidationError("--max-batch must be positive") }
    guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
  }

  func run() async throws {
    guard let dir = rules ?? ServerRulesLocator.defaultDirectory() else {
      throw ValidationError("no rule set found (looked for rules/ruleset.yaml near the executable and the current folder); pass --rules DIR")
    }
    let store: RuleSetStore
    do {
      store = try RuleSetStore(rulesDirectory: dir, weightsPath: weights)
    } catch {
      FileHandle.standardError.write(Data("redflag-server: cannot load the rule set in \(dir):\n\(error)\n".utf8))
      throw ExitCode(2)
    }
    let config = ServerConfiguration(host: host, port: port, maxBodyBytes: maxBodyBytes, maxBatch: maxBatch, timeout: timeout)
    let service = RedFlagService(store: store, configuration: config)
    let sighup = service.reloadOnSIGHUP { message in
      FileHandle.standardError.write(Data("redflag-server: \(message)\n".utf8))
    }
    defer { sighup.cancel() }
    let stamp = store.scanner.ruleSet.stamp
    var logger = Logger(label: "redflag-server")
    logger.logLevel = .warning
    let app = makeApplication(service: service, logger: logger) { boundPort in
      // One line on stdout, so scripts can learn the port when started with --port 0.
      let line = "redflag-server listening on http://\(config.host):\(boundPort) (rule set \(stamp.name) \(stamp.version), \(dir))\n"
      FileHandle.standardOutput.write(Data(line.utf8))
    }
    try await app.runService()
  }
}
