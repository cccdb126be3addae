// redflag-bench: RedFlag measured side by side with a peer in the same process run, in interleaved
// rounds (A B, B A, A B, ...), reported as medians and ratios. One thread.
//
//   redflag-bench pipeline --en FILE --th FILE [--max-mb N] [--rounds R]
//   redflag-bench matcher --posts FILE --phrases FILE --peer-NAME CMD [--peer-NAME2 CMD] [--max-mb N] [--rounds R]
//
// Each prints one JSON object on standard output; Benchmarks/report.py turns them into a table.
// No Foundation: plain Glibc I/O and clock_gettime(CLOCK_MONOTONIC).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ICURef
import RedFlagEngine
import RedFlagRules
import RedFlagText

// MARK: - small helpers

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  if s.isEmpty { return .nan }
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func readFile(_ path: String) throws -> [UInt8] {
  guard let f = fopen(path, "rb") else {
    throw BenchError("\(path): cannot open: \(String(cString: strerror(errno)))")
  }
  defer { fclose(f) }
  var out: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 20)
  while true {
    let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
    if n > 0 { out.append(contentsOf: chunk[0..<n]) }
    if n < chunk.count {
      if ferror(f) != 0 { throw BenchError("\(path): read error") }
      break
    }
  }
  return out
}

/// Posts, one per line, while fewer than `maxBytes` UTF-8 bytes were taken (0 = all). The Python
/// peer takes exactly the same prefix.
func readPosts(_ path: String, maxBytes: Int) throws -> (posts: [String], bytes: Int) {
  let data = try readFile(path)
  var posts: [String] = []
  var total = 0
  var start = 0
  var i = 0
  while i <= data.count {
    if i == data.count || data[i] == 10 {
      if maxBytes > 0 && total >= maxBytes { break }
      if i > start {
        posts.append(String(decoding: data[start..<i], as: UTF8.self))
        total += i - start
      }
      start = i + 1
    }
    i += 1
  }
  if posts.isEmpty { throw BenchError("\(path): no posts (one per line expected)") }
  return (posts, total)
}

func jsonString(_ s: String) -> String {
  var out = "\""
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    default:
      if u.value < 0x20 {
        let h = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
      } else {
        out.unicodeScalars.append(u)
      }
    }
  }
  return out + "\""
}

func jsonNumber(_ d: Double) -> String { d.isFinite ? String(d) : "null" }
func jsonArray(_ xs: [Double]) -> String { "[" + xs.map(jsonNumber).joined(separator: ",") + "]" }

let MiB = Double(1 << 20)

/// Runs `a` and `b` in `rounds` interleaved rounds (a b, b a, a b, ...) and returns their MB/s.
func interleave(rounds: Int, bytes: Int, _ a: () -> Void, _ b: () -> Void) -> ([Double], [Double]) {
  var sa: [Double] = []
  var sb: [Double] = []
  for r in 0..<rounds {
    let order = r % 2 == 0 ? [0, 1] : [1, 0]
    for which in order {
      let t0 = now()
      if which == 0 { a() } else { b() }
      let dt = now() - t0
      if which == 0 { sa.append(Double(bytes) / dt / MiB) } else { sb.append(Double(bytes) / dt / MiB) }
    }
  }
  return (sa, sb)
}

// MARK: - arguments

struct Args {
  var command = ""
  var values: [String: String] = [:]

  init(_ argv: [String]) throws {
    guard argv.count >= 2 else { throw BenchError("usage: redflag-bench pipeline|matcher [--key value ...]") }
    command = argv[1]
    var i = 2
    while i < argv.count {
      let k = argv[i]
      guard k.hasPrefix("--"), i + 1 < argv.count else {
        throw BenchError("argument \(i): expected --key value, got \(k)")
      }
      values[String(k.dropFirst(2))] = argv[i + 1]
      i += 2
    }
  }

  func string(_ k: String) throws -> String {
    guard let v = values[k] else { throw BenchError("\(command): missing --\(k)") }
    return v
  }
  func int(_ k: String, default d: Int) throws -> Int {
    guard let v = values[k] else { return d }
    guard let n = Int(v), n >= 0 else { throw BenchError("--\(k): expected a whole number >= 0, got \(v)") }
    return n
  }
  func double(_ k: String, default d: Double) throws -> Double {
    guard let v = values[k] else { return d }
    guard let n = Double(v), n >= 0 else { throw BenchError("--\(k): expected a number >= 0, got \(v)") }
    return n
  }
}

// MARK: - 1. text pipeline vs ICU word break + NFKC casefold

func pipelineCase(name: String, path: String, maxBytes: Int, rounds: Int) throws -> String {
  let (posts, bytes) = try readPosts(path, maxBytes: maxBytes)
  let analyzer = TextAnalyzer()
  let icu = try ICUReference()
  var rfTokens = 0
  var icuWords = 0
  // Warm-up (lazy tables, page cache) on a slice, untimed.
  for p in posts.prefix(200) {
    _ = analyzer.analyze(p)
    _ = icu.process(p)
  }
  let (rf, ref) = interleave(
    rounds: rounds, bytes: bytes,
    {
      var n = 0
      for p in posts { n &+= analyzer.analyze(p).tokens.count }
      rfTokens = n
    },
    {
      var n = 0
      for p in posts { n &+= icu.process(p).words }
      icuWords = n
    })
  let mrf = median(rf)
  let mref = median(ref)
  return """
    {"corpus":\(jsonString(name)),"file":\(jsonString(path)),"posts":\(posts.count),"bytes":\(bytes),\
    "rounds":\(rounds),"redflag_mbps":\(jsonNumber(mrf)),"icu_mbps":\(jsonNumber(mref)),\
    "ratio":\(jsonNumber(mrf / mref)),"redflag_tokens":\(rfTokens),"icu_words":\(icuWords),\
    "redflag_rounds":\(jsonArray(rf)),"icu_rounds":\(jsonArray(ref))}
    """
}

func runPipeline(_ a: Args) throws {
  let maxBytes = Int(try a.double("max-mb", default: 50) * MiB)
  let rounds = max(1, try a.int("rounds", default: 5))
  let en = try pipelineCase(name: "C1 English", path: try a.string("en"), maxBytes: maxBytes, rounds: rounds)
  let th = try pipelineCase(name: "C3 Thai", path: try a.string("th"), maxBytes: maxBytes, rounds: rounds)
  print("{\"benchmark\":\"pipeline\",\"cases\":[\(en),\(th)]}")
}

// MARK: - 2. matcher alone vs pyahocorasick

func benchRuleSet(phrases: [String]) -> RuleSetDefinition {
  let manifest = RuleSetManifest(
    name: "redflag-bench", version: "1", categories: [CategoryInfo(id: "bench", title: "Benchmark phrases")],
    bias: -4, thresholds: [.low: 0.15, .medium: 0.35, .high: 0.6, .critical: 0.85], flagLevel: .high)
  var rules: [Rule] = []
  rules.reserveCapacity(phrases.count)
  for (i, p) in phrases.enumerated() {
    let id = "bench-" + String(i)
    rules.append(
      Rule(
        id: id, title: "Benchmark phrase \(i)", category: "bench", indicator: "bench.phrase", weight: 0.5,
        explanation: "Generated benchmark phrase.",
        languages: [LanguagePhrases(lang: "en", phrases: [PhraseSource(text: p)])]))
  }
  return RuleSetDefinition(manifest: manifest, rules: rules, sha256: "")
}

/// Runs the peer command once (it prints one JSON object) and returns that object's text.
func runPeer(_ command: String, output: String) throws -> String {
  let full = command + " > " + output
  let rc = system(full)
  if rc != 0 { throw BenchError("peer failed (exit status \(rc)): \(full)") }
  let text = String(decoding: try readFile(output), as: UTF8.self)
  guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
    throw BenchError("peer printed no JSON object: \(full)")
  }
  return String(line)
}

/// Pulls a number out of a flat JSON object (the peer's output), e.g. "mbps".
func jsonField(_ obj: String, _ key: String) -> Double? {
  guard let r = obj.firstRange(of: "\"\(key)\": ") ?? obj.firstRange(of: "\"\(key)\":") else { return nil }
  let rest = obj[r.upperBound...]
  let num = rest.prefix { "0123456789.eE+-".contains($0) }
  return Double(num)
}

func runMatcher(_ a: Args) throws {
  let maxBytes = Int(try a.double("max-mb", default: 20) * MiB)
  let rounds = max(1, try a.int("rounds", default: 5))
  let postsPath = try a.string("posts")
  let phrasesPath = try a.string("phrases")
  let scratch = a.values["scratch"] ?? "/tmp/redflag-bench-peer.json"
  // Peers: every --peer-NAME COMMAND; each is run once per round and prints one JSON object.
  let peers = a.values.filter { $0.key.hasPrefix("peer-") }.map { (String($0.key.dropFirst(5)), $0.value) }
    .sorted { $0.0 < $1.0 }
  if peers.isEmpty { throw BenchError("matcher: give at least one --peer-NAME COMMAND") }

  let phrases = String(decoding: try readFile(phrasesPath), as: UTF8.self)
    .split(separator: "\n").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
  if phrases.isEmpty { throw BenchError("\(phrasesPath): no phrases") }
  let def = benchRuleSet(phrases: phrases)
  let c0 = now()
  let compiled: CompiledRuleSet
  do { compiled = try RuleSetCompiler().compile(def) } catch { throw BenchError("compile: \(error)") }
  let compileSeconds = now() - c0

  let (posts, bytes) = try readPosts(postsPath, maxBytes: maxBytes)
  let analyzer = TextAnalyzer()
  let docs: [[Token]] = posts.map { analyzer.analyze($0).tokens }

  var rfSpeeds: [Double] = []
  var peerSpeeds = Array(repeating: [Double](), count: peers.count)
  var peerObjs = Array(repeating: "", count: peers.count)
  var rfMatches = 0
  let runRedFlag = {
    var n = 0
    for d in docs { n &+= compiled.match(d, limitPerRule: Int.max).count }
    rfMatches = n
  }
  runRedFlag()  // warm-up, untimed
  let players = peers.count + 1
  for r in 0..<rounds {
    // Rotate the order every round: RedFlag, peer 1, peer 2 / peer 1, peer 2, RedFlag / ...
    for k in 0..<players {
      let which = (k + r) % players
      if which == 0 {
        let t0 = now()
        runRedFlag()
        rfSpeeds.append(Double(bytes) / (now() - t0) / MiB)
      } else {
        // The peer times its own matching loop (lowercasing and automaton build excluded).
        let (name, cmd) = peers[which - 1]
        let full = "\(cmd) --posts '\(postsPath)' --phrases '\(phrasesPath)' --max-bytes \(maxBytes) --rounds 1"
        let obj = try runPeer(full, output: scratch)
        guard let s = jsonField(obj, "mbps") else { throw BenchError("peer \(name): output has no mbps: \(obj)") }
        guard Int(jsonField(obj, "posts") ?? -1) == posts.count else {
          throw BenchError("peer \(name) read another number of posts than the harness (\(posts.count)): \(obj)")
        }
        peerSpeeds[which - 1].append(s)
        peerObjs[which - 1] = obj
      }
    }
  }
  let mrf = median(rfSpeeds)
  var peerJSON: [String] = []
  for (i, (name, _)) in peers.enumerated() {
    let m = median(peerSpeeds[i])
    let whole = jsonField(peerObjs[i], "whole_word_matches").map { String(Int($0)) } ?? "null"
    peerJSON.append(
      "\(jsonString(name)):{\"mbps\":\(jsonNumber(m)),\"matches\":\(Int(jsonField(peerObjs[i], "matches") ?? -1)),"
        + "\"whole_word_matches\":\(whole),\"rounds\":\(jsonArray(peerSpeeds[i])),\"last\":\(peerObjs[i])}")
  }
  print(
    """
    {"benchmark":"matcher","posts":\(posts.count),"bytes":\(bytes),"phrases":\(phrases.count),\
    "rounds":\(rounds),"compile_seconds":\(jsonNumber(compileSeconds)),\
    "states":\(compiled.stateCount),"memory_bytes":\(compiled.memoryBytes),\
    "redflag_mbps":\(jsonNumber(mrf)),"redflag_matches":\(rfMatches),"redflag_rounds":\(jsonArray(rfSpeeds)),\
    "peers":{\(peerJSON.joined(separator: ","))}}
    """)
}

extension Substring {
  func trimmingCharacters() -> String {
    var s = self[...]
    while let f = s.first, f == " " || f == "\r" || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\r" || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}

// MARK: - main

do {
  let args = try Args(CommandLine.arguments)
  switch args.command {
  case "pipeline": try runPipeline(args)
  case "matcher": try runMatcher(args)
  default: throw BenchError("unknown command \(args.command): expected pipeline or matcher")
  }
} catch {
  let message = "redflag-bench: \(error)\n"
  _ = message.withCString { write(2, $0, strlen($0)) }
  exit(2)
}
