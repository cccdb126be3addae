/// An error answered to the client as `{"error": {"code": ..., "message": ...}}`.
public struct APIError: Error, Sendable, Equatable {
  /// HTTP status code.
  public var status: Int
  /// A stable, machine-readable code.
  public var code: String
  /// What is wrong and where, in words.
  public var message: String

  public init(status: Int, code: String, message: String) {
    self.status = status; self.code = code; self.message = message
  }

  /// The JSON body.
  public var json: String {
    JSONValue.object([("error", .object([("code", .string(code)), ("message", .string(message))]))]).text
  }

  static func malformedJSON(_ e: JSONSyntaxError) -> APIError {
    APIError(status: 400, code: "malformed_json", message: "the body is not valid JSON: \(e.description)")
  }
  static func invalid(_ message: String) -> APIError {
    APIError(status: 422, code: "invalid_request", message: message)
  }
  static func missingText(_ message: String) -> APIError {
    APIError(status: 422, code: "missing_text", message: message)
  }
  static func bodyTooLarge(limit: Int) -> APIError {
    APIError(status: 413, code: "body_too_large", message: "the request body is larger than the limit of \(limit) bytes")
  }
  static func tooManyDocuments(count: Int, limit: Int) -> APIError {
    APIError(
      status: 413, code: "too_many_documents",
      message: "the batch has \(count) documents; at most \(limit) are allowed per request")
  }
  static func notFound(_ path: String) -> APIError {
    APIError(status: 404, code: "not_found", message: "no such endpoint: \(path)")
  }
  static func methodNotAllowed(_ method: String, _ path: String, allowed: [String]) -> APIError {
    APIError(
      status: 405, code: "method_not_allowed",
      message: "\(method) is not allowed on \(path); use \(allowed.joined(separator: " or "))")
  }
  static func timeout(seconds: Double) -> APIError {
    APIError(status: 504, code: "timeout", message: "the request took longer than the limit of \(seconds) s")
  }
}
