import Commerce
import Crypto
import HTTPTypes
import Hummingbird
import Operations
import Persistence

/// What a handler gets: the authenticated shop and key, the body, and the route's parameters.
struct APIRequest: Sendable {
    let request: Request
    let context: AppRequestContext
    let body: ByteBuffer
    let shop: ShopInfo
    let key: APIKeyRecord

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONCoding.decode(type, from: body)
    }

    func parameter(_ name: String) -> String {
        context.parameters.get(name) ?? ""
    }

    func query(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// `limit` (1…100, default 20) and `starting_after` (a prefixed id).
    func page(_ prefix: IDPrefix) throws -> PageRequest {
        var page = PageRequest()
        if let limit = query("limit") {
            guard let value = Int(limit), (1...100).contains(value) else {
                throw APIError(status: .unprocessableContent, code: "invalid_value", message: "limit is 1 to 100.", field: "limit")
            }
            page.limit = value
        }
        page.startingAfter = try Cursor.startingAfter(query("starting_after"), prefix)
        return page
    }
}

/// How a route appears in the OpenAPI document.
struct RouteDoc: Sendable {
    var summary: String
    var tag: String
    /// Component schema of the JSON body, if the route takes one.
    var request: String? = nil
    /// Component schema of the success response.
    var response: String
    var status: Int = 200
    var query: [String] = []
}

/// Registers API routes with their roles and documentation; the OpenAPI document is built from the same list.
final class APIRouter {
    let router: Router<AppRequestContext>
    let yunying: Yunying
    private(set) var documented: [(method: HTTPRequest.Method, path: String, roles: Set<Role>, doc: RouteDoc)] = []

    init(router: Router<AppRequestContext>, yunying: Yunying) {
        self.router = router
        self.yunying = yunying
    }

    /// Where every API route lives.
    static let prefix = "/api/v1"

    /// Adds an authenticated route under `/api/v1`. POST routes honour `Idempotency-Key`.
    func add(
        _ method: HTTPRequest.Method, _ path: String, roles: Set<Role>, doc: RouteDoc, maxBody: Int = JSONCoding.maxBodyBytes,
        handler: @escaping @Sendable (APIRequest) async throws -> APIResponse
    ) {
        let fullPath = Self.prefix + path
        documented.append((method, fullPath, roles, doc))
        let yunying = self.yunying
        router.on(RouterPath(fullPath), method: method) { request, context in
            var request = request
            let key = try await Self.authenticate(request, yunying: yunying)
            guard roles.contains(key.role) else {
                throw APIError(status: .forbidden, code: "forbidden", message: "The \(key.role.rawValue) role may not do this.")
            }
            guard let shop = try await yunying.access.shop(key.shopID) else {
                throw APIError(status: .unauthorized, code: "unauthenticated", message: "The key's shop no longer exists.")
            }
            let body = try await request.collectBody(upTo: maxBody)
            let apiRequest = APIRequest(request: request, context: context, body: body, shop: shop, key: key)
            guard method == .post, let idempotencyKey = request.headers[.idempotencyKey] else {
                return try await handler(apiRequest).response
            }
            return try await Idempotency.run(apiRequest, key: idempotencyKey, store: yunying.store, time: yunying.time) {
                try await handler(apiRequest)
            }.response
        }
    }

    /// Adds a route that authenticates itself (signed callbacks) or needs no key; documented all the same.
    func addPublic(
        _ method: HTTPRequest.Method, _ path: String, doc: RouteDoc,
        handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response
    ) {
        documented.append((method, path, [], doc))
        router.on(RouterPath(path), method: method, use: handler)
    }

    static func authenticate(_ request: Request, yunying: Yunying) async throws -> APIKeyRecord {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw APIError(status: .unauthorized, code: "unauthenticated", message: "Send an API key as 'Authorization: Bearer yk_…'.")
        }
        guard let key = try await yunying.access.authenticate(secret: String(header.dropFirst(7))) else {
            throw APIError(status: .unauthorized, code: "unauthenticated", message: "The API key is not valid.")
        }
        return key
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let signature = HTTPField.Name("X-Yunying-Signature")!
}

/// Role sets routes declare.
enum Roles {
    /// Every role that reads the shop (all but `ingest`, which only sends events).
    static let everyone: Set<Role> = Set(Role.allCases).subtracting([.ingest])
    static let eventSenders: Set<Role> = [.admin, .operator, .ingest]
    static let analysts: Set<Role> = [.admin, .operator, .analyst, .viewer]
    static let catalogWriters: Set<Role> = [.admin, .operator]
    static let orderWriters: Set<Role> = [.admin, .operator, .service]
    static let adminOnly: Set<Role> = [.admin]
}
