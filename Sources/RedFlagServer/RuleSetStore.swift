import Foundation
import RedFlag

/// The rule set in service, shared by all requests. Readers take the current scanner under a lock
/// (a pointer copy); `reload` builds a new scanner fully before swapping it in, so a request sees
/// either the old set or the new one, never a mix, and a broken set never replaces a good one.
public final class RuleSetStore: @unchecked Sendable {
  private let lock = NSLock()
  private var current: RedFlag.Scanner
  /// Where the rules were loaded from (used by `reload`).
  public let rulesDirectory: String
  public let weightsPath: String?

  public init(rulesDirectory: String, weightsPath: String? = nil) throws {
    self.rulesDirectory = rulesDirectory
    self.weightsPath = weightsPath
    self.current = RedFlag.Scanner(ruleSet: try RuleSet.load(from: rulesDirectory, weights: weightsPath))
  }

  /// The scanner to use for one request.
  public var scanner: RedFlag.Scanner {
    lock.lock()
    defer { lock.unlock() }
    return current
  }

  /// Loads the rule set again from disk and swaps it in. Throws (and keeps the old set) when the
  /// new one is invalid; the error's description lists every diagnostic.
  @discardableResult
  public func reload() throws -> RuleSet {
    let fresh = RedFlag.Scanner(ruleSet: try RuleSet.load(from: rulesDirectory, weights: weightsPath))
    lock.lock()
    current = fresh
    lock.unlock()
    return fresh.ruleSet
  }
}
