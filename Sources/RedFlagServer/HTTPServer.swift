import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Dispatches every request of the service: the JSON API, the metrics, and the web page.
public struct RedFlagResponder: HTTPResponder {
  public typealias Context = BasicRequestContext
  public let service: RedFlagService
  public let web: WebPages

  public init(service: RedFlagService) {
    self.service = service
    self.web = WebPages(service: service)
  }

  public func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
    let started = ContinuousClock.now
    let path = request.uri.path.isEmpty ? "/" : request.uri.path
    let method = request.method.rawValue
    let known = RedFlagService.routes[path]
    let answer = await dispatch(request, path: path, method: method)
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    service.metrics.recordRequest(route: known == nil ? "other" : path, method: method, status: answer.status, seconds: seconds)
    if answer.status >= 400, answer.contentType.hasPrefix("application/json"),
      let code = Self.errorCode(answer.body)
    {
      service.metrics.recordError(code: code)
    }
    var fields = HTTPFields()
    fields[.contentType] = answer.contentType
    for (name, value) in answer.headers {
      if let n = HTTPField.Name(name) { fields[n] = value }
    }
    return Response(
      status: HTTPResponse.Status(code: answer.status, reasonPhrase: Self.reason(answer.status)),
      headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
  }

  private func dispatch(_ request: Request, path: String, method: String) async -> ServiceResponse {
    guard let allowed = RedFlagService.routes[path] else {
      if path.hasPrefix("/v1/") || path == "/metrics" || path == "/healthz" { return .error(.notFound(path)) }
      return web.notFound(path)
    }
    let isHead = method == "HEAD" && allowed.contains("GET")
    guard allowed.contains(method) || isHead else {
      var r = ServiceResponse.error(.methodNotAllowed(method, path, allowed: allowed))
      r.headers.append(("Allow", allowed.joined(separator: ", ")))
      return r
    }
    switch (path, isHead ? "GET" : method) {
    case ("/healthz", _): return .json(200, service.health())
    case ("/metrics", _):
      return ServiceResponse(status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: service.metricsText())
    case ("/v1/ruleset", _): return .json(200, service.rulesetJSON())
    case ("/v1/reload", _): return service.reload()
    case ("/v1/scan", _):
      do {
        let body = try await readBody(request)
        return await service.scan(body: body)
      } catch {
        return .error(error)
      }
    case ("/", _): return web.form()
    case ("/check", "GET"): return await web.checkQuery(request.uri.query ?? "")
    case ("/check", _):
      do {
        let body = try await readBody(request)
        return await web.checkPost(body: body, contentType: request.headers[.contentType] ?? "")
      } catch {
        return web.errorPage(status: error.status, message: error.message)
      }
    default: return .error(.notFound(path))
    }
  }

  /// Reads the body up to the configured limit (413 beyond it, checked on Content-Length first).
  private func readBody(_ request: Request) async throws(APIError) -> [UInt8] {
    let limit = service.configuration.maxBodyBytes
    if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
      throw APIError.bodyTooLarge(limit: limit)
    }
    var out: [UInt8] = []
    do {
      for try await chunk in request.body {
        if out.count + chunk.readableBytes > limit { throw APIError.bodyTooLarge(limit: limit) }
        out.append(contentsOf: chunk.readableBytesView)
      }
    } catch let e as APIError {
      throw e
    } catch {
      throw APIError(status: 400, code: "unreadable_body", message: "the request body could not be read: \(error)")
    }
    return out
  }

  static func errorCode(_ body: String) -> String? {
    guard let v = try? JSONParser.parse(Array(body.utf8)), case .string(let code)? = v["error"]?["code"] else { return nil }
    return code
  }

  static func reason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 400: "Bad Request"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 413: "Content Too Large"
    case 415: "Unsupported Media Type"
    case 422: "Unprocessable Content"
    case 500: "Internal Server Error"
    case 504: "Gateway Timeout"
    default: ""
    }
  }
}

/// Builds the application. `onServerRunning` receives the bound port (useful with port 0).
public func makeApplication(
  service: RedFlagService, logger: Logger? = nil, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> Application<RedFlagResponder> {
  let c = service.configuration
  return Application(
    responder: RedFlagResponder(service: service),
    configuration: ApplicationConfiguration(address: .hostname(c.host, port: c.port), serverName: "redflag-server"),
    onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? c.port) },
    logger: logger)
}
