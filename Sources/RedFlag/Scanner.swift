import RedFlagRules

// TEMPORARY SCAFFOLD: the real RuleSet/Scanner replace this file (same public signatures).

/// A loaded, compiled rule set, shared by all scanners and threads.
public struct RuleSet: Sendable {
  public var stamp: RuleSetStamp
  /// Loads `DIR/ruleset.yaml` and the rules under it; applies a weights overlay when given.
  public static func load(from directory: String, weights: String? = nil) throws -> RuleSet {
    RuleSet(stamp: RuleSetStamp(name: "scaffold", version: "0", sha256: ""))
  }
}

/// Scans documents with one rule set. Thread-safe: share one scanner across threads.
public final class Scanner: Sendable {
  public let ruleSet: RuleSet
  public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }
  /// Scans plain text.
  public func scan(text: String, id: String = "") -> ScanReport {
    ScanReport(id: id, score: 0, level: .none, flagged: false, language: "und", categories: [:],
               findings: [], entities: [], ruleset: ruleSet.stamp)
  }
  /// Scans an HTML document (visible text, link targets, JSON-LD job postings).
  public func scan(html: String, id: String = "") -> ScanReport { scan(text: html, id: id) }
  /// Scans raw bytes that should be UTF-8; invalid sequences are repaired with U+FFFD.
  public func scan(utf8 bytes: [UInt8], id: String = "") -> ScanReport {
    scan(text: String(decoding: bytes, as: UTF8.self), id: id)
  }
}

extension ScanReport {
  /// The record as one line of compact JSON with sorted keys (no trailing newline).
  /// `extra` adds top-level fields whose values are already JSON (for `--keep-fields`).
  public func jsonLine(extra: [(key: String, json: String)] = []) -> String { "{}" }
}
