import Foundation
import Testing
@testable import redflag

@Suite("CLI parts")
struct PartsTests {
  @Test func globMatching() {
    #expect(Glob("*.jsonl").matches(relativePath: "a/b/posts.jsonl"))
    #expect(!Glob("*.jsonl").matches(relativePath: "a/b/posts.json"))
    #expect(Glob("data/*.csv").matches(relativePath: "data/x.csv"))
    #expect(!Glob("data/*.csv").matches(relativePath: "data/sub/x.csv"))
    #expect(Glob("data/**/*.csv").matches(relativePath: "data/sub/deeper/x.csv"))
    #expect(Glob("data/**/*.csv").matches(relativePath: "data/x.csv"))
    #expect(Glob("**").matches(relativePath: "a/b/c"))
    #expect(Glob("ad-??.txt").matches(relativePath: "ad-07.txt"))
    #expect(!Glob("ad-??.txt").matches(relativePath: "ad-7.txt"))
    #expect(Glob("[abc]*.html").matches(relativePath: "b-page.html"))
    #expect(!Glob("[abc]*.html").matches(relativePath: "d-page.html"))
    #expect(Glob("[!abc]*.html").matches(relativePath: "d-page.html"))
    #expect(Glob("report-[0-9].txt").matches(relativePath: "report-5.txt"))
    #expect(!Glob("report-[0-9].txt").matches(relativePath: "report-x.txt"))
    #expect(Glob("ไทย*.txt").matches(relativePath: "ไทย-โฆษณา.txt"))
    // Many stars on a long name must not take exponential time.
    #expect(!Glob("*a*a*a*a*a*a*a*b").matches(relativePath: String(repeating: "a", count: 200)))
  }

  private func csvEvents(_ text: String, chunk: Int, delimiter: UInt8 = UInt8(ascii: ","), max: Int = 1000) -> [String] {
    var parser = CSVParser(delimiter: delimiter, maxBytes: max)
    var out: [String] = []
    let emit: (CSVEvent) -> Void = { e in
      switch e {
      case .record(let line, let fields): out.append("\(line):" + fields.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "|"))
      case .tooLarge(let line, let size): out.append("\(line):too large \(size)")
      case .unterminated(let line): out.append("\(line):unterminated")
      }
    }
    let bytes = Array(text.utf8)
    var i = 0
    while i < bytes.count {
      let end = min(bytes.count, i + chunk)
      bytes[i..<end].withUnsafeBufferPointer { parser.feed($0, emit) }
      i = end
    }
    parser.finish(emit)
    return out
  }

  @Test func csvParserHandlesQuotesNewlinesAndChunkBoundaries() {
    let text = "id,text\r\n1,\"a, \"\"quoted\"\"\r\nline\"\r\n\r\n2,plain\r\n3,\"" + String(repeating: "z", count: 50) + "\"\n4,\"open"
    let expected = ["1:id|text", "2:1|a, \"quoted\"\r\nline", "5:2|plain", "6:too large 54", "7:unterminated"]
    for chunk in [1, 2, 3, 7, 1000] {
      #expect(csvEvents(text, chunk: chunk, max: 40) == expected, "chunk \(chunk)")
    }
    #expect(csvEvents("a\tb\n\"x\ty\"\tz\n", chunk: 4, delimiter: 0x09) == ["1:a|b", "2:x\ty|z"])
    #expect(csvEvents("a,b", chunk: 10) == ["1:a|b"])
  }

  @Test func lineSplitterSkipsLongLinesAndDropsCR() {
    func lines(_ text: String, chunk: Int, max: Int) -> [String] {
      var s = LineSplitter(maxBytes: max)
      var out: [String] = []
      let emit: (LineEvent) -> Void = { e in
        switch e {
        case .line(let n, let b): out.append("\(n):" + String(decoding: b, as: UTF8.self))
        case .tooLarge(let n, let size): out.append("\(n):too large \(size)")
        }
      }
      let bytes = Array(text.utf8)
      var i = 0
      while i < bytes.count {
        let end = min(bytes.count, i + chunk)
        bytes[i..<end].withUnsafeBufferPointer { s.feed($0, emit) }
        i = end
      }
      s.finish(emit)
      return out
    }
    let text = "short\r\n" + String(repeating: "x", count: 30) + "\nok\n\nlast"
    for chunk in [1, 4, 9, 100] {
      #expect(lines(text, chunk: chunk, max: 10) == ["1:short", "2:too large 30", "3:ok", "4:", "5:last"], "chunk \(chunk)")
    }
    #expect(lines(String(repeating: "y", count: 25), chunk: 4, max: 10) == ["1:too large 25"])
  }

  private func parse(_ s: String) -> Result<JSONLine, JSONSyntaxError> {
    let bytes = Array(s.utf8)
    return bytes.withUnsafeBufferPointer { buf in
      var p = JSONLine(buf)
      do { try p.parse(); return .success(p) } catch let e as JSONSyntaxError { return .failure(e) } catch {
        return .failure(JSONSyntaxError(offset: -1, what: "\(error)"))
      }
    }
  }

  @Test func jsonLineValidatesAndLocatesErrors() throws {
    let good = #"{"id": 12, "text": "caf\u00e9 \ud83d\ude00 \"q\" \n", "tags": ["a", {"b": null}], "ok": true}"#
    let bytes = Array(good.utf8)
    try bytes.withUnsafeBufferPointer { buf in
      var p = JSONLine(buf)
      try p.parse()
      #expect(p.topKind == .object)
      let text = try #require(p.members["text"])
      #expect(p.decodeString(start: text.start, end: text.end) == "café 😀 \"q\" \n")
      #expect(p.rawText(try #require(p.members["id"])) == "12")
      #expect(p.compactJSON(try #require(p.members["tags"])) == #"["a",{"b":null}]"#)
      #expect(p.members["ok"]?.kind == .boolean)
    }
    let cases: [(String, String)] = [
      (#"{"a": 1,}"#, "expected a string key"),
      (#"{"a" 1}"#, "expected ':'"),
      (#"{"a": 01}"#, "leading zero"),
      (#"{"a": "x"} trailing"#, "after the JSON value"),
      (#"{"a": "\q"}"#, "invalid escape"),
      (#"{"a": tru}"#, "invalid literal"),
      ("{\"a\": \"tab\there\"}", "unescaped control character"),
      (String(repeating: "[", count: 600) + String(repeating: "]", count: 600), "nested deeper"),
    ]
    for (text, what) in cases {
      guard case .failure(let e) = parse(text) else { Issue.record("accepted \(text)"); continue }
      #expect(e.what.contains(what), "\(text): \(e.what)")
    }
    // Columns count characters, not bytes.
    let bad = Array(#"{"t": "ไทย" x}"#.utf8)
    bad.withUnsafeBufferPointer { buf in
      var p = JSONLine(buf)
      do { try p.parse(); Issue.record("accepted") } catch let e as JSONSyntaxError {
        #expect(p.column(of: e.offset) == 13)
      } catch { Issue.record("\(error)") }
    }
  }

  @Test func utf8Validation() {
    #expect(firstInvalidUTF8(Array("plain ascii and ไทย and 😀".utf8)) == nil)
    #expect(firstInvalidUTF8([0x61, 0xC0, 0x80]) == 1)  // overlong
    #expect(firstInvalidUTF8([0x61, 0x62, 0xED, 0xA0, 0x80]) == 2)  // surrogate
    #expect(firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
    #expect(firstInvalidUTF8([0x61, 0xE0, 0xA0]) == 1)  // truncated
    #expect(firstInvalidUTF8([0x80]) == 0)
  }

  @Test func highlightingMergesSpansByCodePoint() {
    let text = "ฟรี visa 😀 and passport"
    // "visa" is code points 4..<8; "😀" 9..<10; "passport" 15..<23.
    #expect(highlight(text, spans: [(4, 8), (6, 10), (15, 23), (40, 50)], open: "[[", close: "]]")
            == "ฟรี [[visa 😀]] and [[passport]]")
    #expect(highlight("abc", spans: [], open: "[[", close: "]]") == "abc")
  }

  @Test func csvFieldQuoting() {
    #expect(csvField("plain") == "plain")
    #expect(csvField("a,b") == "\"a,b\"")
    #expect(csvField("say \"hi\"\nnow") == "\"say \"\"hi\"\"\nnow\"")
    #expect(jsonQuoted("a\"b\\c\nd\u{01}ไทย") == "\"a\\\"b\\\\c\\nd\\u0001ไทย\"")
  }
}
