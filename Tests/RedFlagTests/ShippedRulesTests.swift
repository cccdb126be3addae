import Foundation
import Testing
import RedFlag
import RedFlagEngine
import RedFlagRules

/// The repository's `rules/` folder.
let shippedRulesDirectory: String = {
  var url = URL(fileURLWithPath: #filePath)
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("rules/ruleset.yaml").path) {
      return url.appendingPathComponent("rules").path
    }
  }
  return "rules"
}()

@Suite struct ShippedRules {
  @Test func everyEmbeddedExamplePasses() throws {
    let set = sharedScanner.ruleSet
    let results = RuleTester.run(set.compiled)
    #expect(results.count > 100)
    let failures = results.filter(\.isFailure)
    for f in failures {
      Issue.record("\(f.rule) [\(f.lang)] \(f.expectation.rawValue): \(f.text)")
    }
  }
}

@Suite struct ShippedWeights {
  /// Single keywords are useless (INDICATORS.md): no one rule may flag an ad by itself, except
  /// rules that state an ILO indicator of forced labour outright (the same list as `--alone` in
  /// scripts/calibrate-shipped.sh). An ad saying the employer keeps the workers' passports must
  /// flag on that alone.
  @Test func noSingleRuleFlagsAnAdAlone() throws {
    let set = sharedScanner.ruleSet
    let compiled = set.compiled
    let bias = set.definition.manifest.bias
    let mustFlagAlone: Set<String> = ["passport-retention"]
    let mayFlagAlone: Set<String> = mustFlagAlone.union([
      "movement-restriction", "escorted-border-crossing", "romance-investment-task", "scam-compound-site-job",
    ])
    for rule in compiled.rules where rule.kind == .phrase && rule.weight > 0 {
      let score = 1 / (1 + exp(-(bias + rule.weight)))
      let level = compiled.level(forScore: score)
      if mustFlagAlone.contains(rule.id) {
        #expect(level >= set.definition.manifest.flagLevel, "\(rule.id) alone: \(score)")
      } else if mayFlagAlone.contains(rule.id) {
        continue
      } else {
        #expect(level < set.definition.manifest.flagLevel, "\(rule.id) (weight \(rule.weight)) flags alone: \(score)")
      }
    }
  }

  /// A post with no indicator at all is level `none`, whatever bias calibration chose.
  @Test func noFindingsMeansNoRisk() throws {
    let set = sharedScanner.ruleSet
    let base = 1 / (1 + exp(-set.definition.manifest.bias))
    #expect(set.compiled.level(forScore: base) == .none, "bias alone scores \(base)")
    let report = sharedScanner.scan(text: "We are a bakery in Chiang Mai. Fresh bread every morning.", id: "plain")
    #expect(report.findings.isEmpty && report.level == .none, "\(report.level) \(report.findings.map(\.rule))")
  }

  /// The shipped vocabulary is loaded, its cap alone cannot reach the flag level, its `cap_alone`
  /// cannot reach the lowest level, and on the DEV8 posts (all ten languages) words beyond
  /// `cap_alone` count only where an indicator rule fired, and no post without one has a level.
  @Test func wordsNeverFlagWithoutAnIndicator() throws {
    let set = sharedScanner.ruleSet
    let vocabulary = try #require(set.definition.vocabulary)
    #expect(vocabulary.weights.count > 1000)
    let m = set.definition.manifest
    let flagScore = try #require(m.thresholds[m.flagLevel])
    #expect(1 / (1 + exp(-(m.bias + vocabulary.cap))) < flagScore)
    let capAlone = try #require(m.vocabulary?.capAlone)
    #expect(capAlone > 0 && 1 / (1 + exp(-(m.bias + capAlone))) < m.thresholds.values.min()!)
    var withWords = 0
    var languages = Set<String>()
    for (lang, _, r) in try scannedCorpus("dev8") {
      do {
        let indicator = r.findings.contains { f in f.weight > 0 && set.definition.rules.first { $0.id == f.rule }?.kind != .context }
        if let v = r.vocabulary {
          #expect(abs(v.weight) <= (indicator ? vocabulary.cap : capAlone) + 1e-9, "\(r.id): words beyond their cap")
          if indicator {
            withWords += 1
            languages.insert(lang)
          } else {
            #expect(r.level == .none, "\(r.id): words alone gave a level")
          }
        }
        if r.flagged { #expect(indicator, "\(r.id) flagged without an indicator") }
      }
    }
    #expect(withWords > 100)
    #expect(languages.count == 10)
  }

  /// The shipped voice, on DEV9 (posts in ten languages; 200 risky, 160 warning and news posts
  /// that retell the lures in many voices): it fires on nearly every warning or news post that
  /// has a lure, in every language, and on (almost) no risky post, whose lures keep their weight.
  @Test func voiceTellsWarningsFromOffers() throws {
    let set = sharedScanner.ruleSet
    let rule = try #require(set.definition.rules.first { $0.id == "warning-voice" })
    let spec = try #require(rule.voice)
    #expect(try #require(set.definition.voices[spec.file]).weights.count > 1000)
    var risky = 0, riskyVoiced = 0, warnings = 0, warningsVoiced = 0
    var languages = Set<String>()
    for (lang, o, r) in try scannedCorpus("dev9") {
      do {
        let voiced = r.findings.contains { $0.rule == "warning-voice" }
        #expect(voiced == (r.voice != nil), "\(r.id): voice report and finding disagree")
        let lure = r.findings.contains { f in f.weight > 0 && f.category != "context" }
        if (o["label"] as? Int) == 1 {
          risky += 1
          if voiced { riskyVoiced += 1 }
        } else if ["warning", "news"].contains(o["category"] as? String ?? ""), lure {
          warnings += 1
          if voiced { warningsVoiced += 1; languages.insert(lang) }
        }
      }
    }
    #expect(risky == 200 && warnings > 100)
    #expect(riskyVoiced <= 2, "the voice fired on \(riskyVoiced) risky posts")
    #expect(Double(warningsVoiced) >= 0.9 * Double(warnings), "\(warningsVoiced) of \(warnings)")
    #expect(languages.count == 10)
  }

  @Test func weakCuesStayLowAlone() throws {
    let scanner = sharedScanner
    for text in ["URGENT hiring! Limited slots.", "Salary $900/month.", "Contact us on WhatsApp +66 81 234 5678",
                 "Hotel receptionist wanted in Sihanoukville, apply with CV."] {
      let report = scanner.scan(text: text, id: "weak")
      #expect(!report.flagged, "\(text): \(report.level) \(report.findings.map(\.rule))")
    }
  }
}

/// Every record of a corpus folder (`corpora/<name>/<lang>.jsonl`, all ten languages) with its
/// language, its JSON object and its scan with the shipped rules.
func scannedCorpus(_ name: String) throws -> [(lang: String, record: [String: Any], report: ScanReport)] {
  let dir = (shippedRulesDirectory as NSString).deletingLastPathComponent + "/corpora/" + name
  var out: [(lang: String, record: [String: Any], report: ScanReport)] = []
  for lang in ["en", "id", "km", "lo", "ms", "my", "th", "tl", "vi", "zh"] {
    let text = try String(contentsOfFile: dir + "/\(lang).jsonl", encoding: .utf8)
    for line in text.split(separator: "\n") {
      let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      out.append((lang, o, sharedScanner.scan(text: try #require(o["text"] as? String), id: try #require(o["id"] as? String))))
    }
  }
  return out
}
