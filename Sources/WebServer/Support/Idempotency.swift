import Commerce
import Crypto
import Foundation
import Hummingbird
import Operations
import Persistence

/// `Idempotency-Key` on creating POSTs: the first response (success or 4xx) is stored and
/// replayed for the same key and request; another request with that key is refused.
enum Idempotency {
    static func run(
        _ request: APIRequest, key: String, store: any Store, time: any TimeSource,
        handler: () async throws -> APIResponse
    ) async throws -> APIResponse {
        guard !key.isEmpty, key.utf8.count <= 255 else {
            throw APIError(status: .badRequest, code: "invalid_idempotency_key", message: "An Idempotency-Key has 1 to 255 characters.")
        }
        let fingerprint = Self.fingerprint(request)
        switch try await store.beginIdempotent(request.shop.id, key: key, fingerprint: fingerprint, now: time.now()) {
        case .replay(let status, let body):
            return APIResponse(status: HTTPResponse.Status(code: status), body: body)
        case .mismatch:
            throw APIError(status: .unprocessableContent, code: "idempotency_key_reused", message: "This Idempotency-Key was used with a different request.")
        case .inProgress:
            throw APIError(status: .conflict, code: "idempotency_key_in_use", message: "A request with this Idempotency-Key is still being processed.")
        case .proceed:
            break
        }
        let response: APIResponse
        do {
            response = try await handler()
        } catch {
            let apiError = ErrorMiddleware<AppRequestContext>.apiError(for: error, context: request.context)
            guard apiError.status.code < 500 else {
                try? await store.abandonIdempotent(request.shop.id, key: key)
                throw error
            }
            try await store.completeIdempotent(request.shop.id, key: key, status: apiError.status.code, body: apiError.body)
            throw apiError
        }
        try await store.completeIdempotent(request.shop.id, key: key, status: response.status.code, body: response.body)
        return response
    }

    static func fingerprint(_ request: APIRequest) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("\(request.request.method) \(request.request.uri.path)\n".utf8))
        hasher.update(data: Array(request.body.readableBytesView))
        return Hex.encode(hasher.finalize())
    }
}
