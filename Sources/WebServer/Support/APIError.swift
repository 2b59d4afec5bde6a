import Commerce
import Foundation
import Hummingbird
import Operations

/// The one error shape of the API: `{"error":{"code":…,"message":…,"field":…}}`.
struct APIError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    let field: String?

    init(status: HTTPResponse.Status, code: String, message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    /// Maps any layer's coded error to its HTTP status, in one place.
    init(_ error: any CodedError) {
        let status: HTTPResponse.Status =
            switch error.kind {
            case .malformed: .badRequest
            case .invalid: .unprocessableContent
            case .notFound: .notFound
            case .conflict: .conflict
            case .unauthenticated: .unauthorized
            case .forbidden: .forbidden
            case .tooLarge: .contentTooLarge
            }
        self.init(status: status, code: error.code, message: error.message, field: error.field)
    }

    static func malformed(_ message: String, field: String? = nil, code: String = "invalid_json") -> APIError {
        APIError(status: .badRequest, code: code, message: message, field: field)
    }

    /// `{"error":{"code":…,"field":…,"message":…}}`, written by hand: error answers are a hot path
    /// when a crowd is refused (sold-out flash sales), and JSONEncoder costs more than the rest.
    var body: [UInt8] {
        var out = "{\"error\":{\"code\":"
        JSONText.appendQuoted(code, to: &out)
        if let field {
            out += ",\"field\":"
            JSONText.appendQuoted(field, to: &out)
        }
        out += ",\"message\":"
        JSONText.appendQuoted(message, to: &out)
        out += "}}"
        return Array(out.utf8)
    }

    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = APIResponse.jsonContentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Turns every error thrown below into the JSON error shape; anything unexpected is a logged 500.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Self.apiError(for: error, context: context).response()
        }
    }

    static func apiError(for error: any Error, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as any CodedError:
            return APIError(error)
        case let error as HTTPError:
            return APIError(status: error.status, code: Self.code(for: error.status), message: error.body ?? error.status.reasonPhrase)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return APIError(status: .contentTooLarge, code: "payload_too_large", message: "The request body is too large.")
        case let error as any HTTPResponseError:
            return APIError(status: error.status, code: Self.code(for: error.status), message: error.status.reasonPhrase)
        default:
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return APIError(status: .internalServerError, code: "internal", message: "Internal error.")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .contentTooLarge: "payload_too_large"
        case .badRequest: "bad_request"
        default: "http_\(status.code)"
        }
    }
}
