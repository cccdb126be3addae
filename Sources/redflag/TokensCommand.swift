import ArgumentParser
import Foundation
import RedFlag
import RedFlagHTML
import RedFlagText

/// `redflag tokens`: shows how the pipeline segments and normalises a text, for rule authors.
struct TokensCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokens",
    abstract: "Show the tokens of a text: kind, script, normalised and de-obfuscated forms, spans.")

  @Argument(help: "The text (or use --file, or standard input).")
  var text: String?

  @Option(help: ArgumentHelp("Read the text from this file (.html/.htm is read as HTML).", valueName: "file"))
  var file: String?

  @Flag(help: "One JSON object per token (text, norm, deobfuscated, folded, kind, script, start, end, utf8_start, utf8_end, sentence).")
  var json = false

  func validate() throws {
    if text != nil && file != nil { throw ValidationError("give the text or --file, not both") }
  }

  func run() throws {
    let analyzer = TextAnalyzer()
    let doc: AnalyzedText
    if let text {
      doc = analyzer.analyze(text)
    } else {
      let bytes: [UInt8]
      if let file {
        guard let data = FileManager.default.contents(atPath: file) else {
          throw RunFailure("\(file): cannot read the file")
        }
        bytes = [UInt8](data)
      } else {
        bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
      }
      if let file, InputFormat.forPath(file) == .html {
        doc = analyzer.analyze(HTMLExtractor.extract(html: bytes).text)
      } else {
        doc = analyzer.analyze(utf8: bytes)
      }
    }
    var out = ""
    if json {
      for t in doc.tokens {
        var o: [String: Any] = [
          "text": t.text, "norm": t.norm, "kind": t.kind.rawValue, "script": t.script.rawValue,
          "start": t.span.start, "end": t.span.end, "utf8_start": t.span.utf8Start, "utf8_end": t.span.utf8End,
          "sentence": t.sentence,
        ]
        if let d = t.deobfuscated { o["deobfuscated"] = d }
        if let f = t.folded { o["folded"] = f }
        let data = try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .withoutEscapingSlashes])
        out += String(decoding: data, as: UTF8.self) + "\n"
      }
    } else {
      out += "language: \(doc.language.code) (confidence \(doc.language.confidence))"
      if doc.zawgyiConverted { out += ", Zawgyi converted to Unicode" }
      if doc.repairedSequences > 0 { out += ", \(doc.repairedSequences) invalid UTF-8 sequence(s) replaced" }
      out += "\n"
      for s in doc.languageSpans {
        out += "  span \(s.span.start)..<\(s.span.end): \(s.guess.code) (\(s.guess.confidence))\n"
      }
      for t in doc.tokens {
        var line = "\(t.span.start)..<\(t.span.end)\tbytes \(t.span.utf8Start)..<\(t.span.utf8End)\t\(t.kind.rawValue)\t\(t.script.rawValue)\t\(quoted(t.text))\tnorm=\(quoted(t.norm))"
        if let d = t.deobfuscated { line += "\tdeobfuscated=\(quoted(d))" }
        if let f = t.folded { line += "\tfolded=\(quoted(f))" }
        out += line + "\n"
      }
    }
    FileHandle.standardOutput.write(Data(out.utf8))
  }

  private func quoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n") + "\""
  }
}
