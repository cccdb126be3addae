/// One document of a scan request.
public struct ScanDocument: Sendable, Equatable {
  public enum Body: Sendable, Equatable {
    case text(String)
    case html(String)
  }
  public var id: String
  public var body: Body
  /// The language the client declares (`en`, `th`, ...); when given it is reported as the record's
  /// `language` instead of the guess. Matching always uses the patterns of every language.
  public var lang: String?
}

/// A decoded `POST /v1/scan` body.
public enum ScanRequest: Sendable, Equatable {
  case single(ScanDocument)
  case batch([ScanDocument])

  /// Language codes accepted in `lang`.
  public static let languages: [String] = ["en", "id", "ms", "tl", "vi", "th", "km", "lo", "my", "zh"]

  /// Decodes a body: `{id, text | html, lang?}` or `{documents: [...]}`.
  /// Throws `APIError` 400 for malformed JSON (with line and column), 422 for wrong types or a
  /// missing text, 413 for too many documents.
  public static func decode(_ bytes: [UInt8], maxBatch: Int) throws(APIError) -> ScanRequest {
    let root: JSONValue
    do {
      root = try JSONParser.parse(bytes)
    } catch {
      throw APIError.malformedJSON(error)
    }
    guard case .object = root else {
      throw APIError.invalid("the body must be a JSON object ({\"id\", \"text\"} or {\"documents\": [...]}), not \(root.typeName)")
    }
    if let docs = root["documents"] {
      for key in ["text", "html"] where root[key] != nil {
        throw APIError.invalid("give either \"documents\" (a batch) or \"\(key)\" (one document), not both")
      }
      guard case .array(let items) = docs else {
        throw APIError.invalid("\"documents\" must be an array of objects, not \(docs.typeName)")
      }
      if items.isEmpty { throw APIError.invalid("\"documents\" is empty; send at least one document") }
      if items.count > maxBatch { throw APIError.tooManyDocuments(count: items.count, limit: maxBatch) }
      var out: [ScanDocument] = []
      out.reserveCapacity(items.count)
      for (k, item) in items.enumerated() {
        out.append(try document(item, where: "documents[\(k)]", defaultID: String(k)))
      }
      return .batch(out)
    }
    return .single(try document(root, where: "the body", defaultID: ""))
  }

  private static func document(_ v: JSONValue, where place: String, defaultID: String) throws(APIError) -> ScanDocument {
    guard case .object = v else { throw APIError.invalid("\(place) must be an object, not \(v.typeName)") }
    var id = defaultID
    switch v["id"] {
    case nil, .null?: break
    case .string(let s)?: id = s
    case .number(let d)? where d == d.rounded() && abs(d) < 1e15: id = String(Int64(d))
    case let other?: throw APIError.invalid("\(place): \"id\" must be a string or an integer, not \(other.typeName)")
    }
    var lang: String?
    switch v["lang"] {
    case nil, .null?: break
    case .string(let s)?:
      let code = s.lowercased()
      guard languages.contains(code) else {
        throw APIError.invalid("\(place): \"lang\" is \"\(s)\"; supported: \(languages.joined(separator: ", "))")
      }
      lang = code
    case let other?: throw APIError.invalid("\(place): \"lang\" must be a string, not \(other.typeName)")
    }
    let text = v["text"], html = v["html"]
    if let text, html != nil, text != .null, html != .null {
      throw APIError.invalid("\(place): give \"text\" or \"html\", not both")
    }
    if let text, text != .null {
      guard case .string(let s) = text else {
        throw APIError.invalid("\(place): \"text\" must be a string, not \(text.typeName)")
      }
      return ScanDocument(id: id, body: .text(s), lang: lang)
    }
    if let html, html != .null {
      guard case .string(let s) = html else {
        throw APIError.invalid("\(place): \"html\" must be a string, not \(html.typeName)")
      }
      return ScanDocument(id: id, body: .html(s), lang: lang)
    }
    throw APIError.missingText("\(place) has no \"text\" (or \"html\") to scan")
  }
}
