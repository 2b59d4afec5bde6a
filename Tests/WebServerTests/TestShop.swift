import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Operations
import Persistence
import StoreTesting
import Testing
@testable import WebServer

/// A fresh shop (on a temporary SQLite file or a new PostgreSQL schema), its router, and one API key per role.
struct TestShop {
    let yunying: Yunying
    let shop: ShopInfo
    let time: ManualTime
    let keys: [Role: String]
    let directory: URL

    static func make(on backend: StoreKind = .sqlite, start: Instant = Instant(millisecondsSinceEpoch: 1_780_000_000_000)) async throws -> TestShop {
        // Bootstrap the metrics system before any use case creates its counters.
        _ = ServerApplication.metricsRegistry
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yunying-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let time = ManualTime(start)
        let (yunying, shop) = try await Yunying.open(try await TestStores.make(backend), time: time)
        var keys: [Role: String] = [:]
        for role in Role.allCases {
            keys[role] = try await yunying.access.createKey(shop: shop.id, role: role).secret
        }
        return TestShop(yunying: yunying, shop: shop, time: time, keys: keys, directory: directory)
    }

    /// The key of `role`.
    func key(_ role: Role) -> String { keys[role]! }
    var admin: String { key(.admin) }

    /// Runs `body` against the real router (no sockets).
    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let router = try await ServerApplication.buildRouter(yunying, shop: shop)
        let app = Application(router: router)
        return try await app.test(.router, body)
    }

    /// Creates a listed product with one SKU and `stock` units in the main warehouse.
    @discardableResult
    func product(code: String, price: Int64 = 1000, stock: Int64 = 0, threshold: Int64? = nil, status: ProductStatus? = nil) async throws -> Product {
        let product = try await yunying.catalog.createProduct(
            shop, CreateProduct(title: "Item \(code)", status: status, skus: [CreateSKU(
                code: code, price: MoneyInput(amount: price, currency: nil), cost: MoneyInput(amount: price / 2, currency: nil),
                lowStockThreshold: threshold)]))
        if stock > 0 {
            _ = try await yunying.inventory.adjust(shop, AdjustStock(sku: code, delta: stock, reason: "receipt"))
        }
        return product
    }

    /// The shop's secret for signing payment callbacks.
    func webhookSecret() async throws -> String {
        try await yunying.webhookSecret(shop)
    }

    /// Number of orders stored (all statuses), read from the store directly.
    func orderCount() async throws -> Int {
        try await yunying.store.orders(shop.id, filter: OrderFilter(), page: PageRequest(limit: 100)).items.count
    }

    /// Number of products stored, read from the store directly.
    func productCount() async throws -> Int {
        try await yunying.store.products(shop.id, filter: ProductFilter(), page: PageRequest(limit: 100)).items.count
    }

    /// Number of stock ledger entries, read from the store directly.
    func movementCount() async throws -> Int {
        try await yunying.store.movements(shop.id, skuID: nil, page: PageRequest(limit: 100)).items.count
    }
}

/// Whether a registered route belongs to the JSON API (and its system endpoints) rather than the
/// dashboard's pages, which have their own tests (Tests/WebServerTests/Dashboard).
func isAPIRoute(_ path: String) -> Bool {
    path.hasPrefix("/api/") || path == "/healthz" || path == "/metrics"
}

/// An answer read as text, for non-JSON routes.
struct RawAnswer: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String
}

extension TestClientProtocol {
    /// Sends a JSON request with the given key (none when nil) and decodes the JSON answer.
    @discardableResult
    func call(
        _ method: HTTPRequest.Method, _ uri: String, as key: String?, json: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        let answer = try await raw(method, uri, as: key, body: json.map { Array($0.utf8) }, headers: extra)
        let object = (try? JSONSerialization.jsonObject(with: Data(answer.text.utf8))) as? [String: Any] ?? [:]
        return (answer.status, object)
    }

    /// Sends raw bytes and returns the status, headers and body text.
    func raw(
        _ method: HTTPRequest.Method, _ uri: String, as key: String?, body: [UInt8]? = nil, headers extra: HTTPFields = [:]
    ) async throws -> RawAnswer {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let response = try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
        return RawAnswer(status: response.status, headers: response.headers, text: String(decoding: response.body.readableBytesView, as: UTF8.self))
    }

    /// The `data` array of a list response, asserting success.
    func list(_ uri: String, as key: String) async throws -> (items: [[String: Any]], hasMore: Bool?) {
        let answer = try await call(.get, uri, as: key)
        #expect(answer.status == .ok, "GET \(uri): \(answer.json)")
        return ((answer.json["data"] as? [[String: Any]]) ?? [], answer.json["has_more"] as? Bool)
    }

    /// Places an order for `quantity` of `sku` and returns its id, requiring success.
    func placeOrder(_ key: String, sku: String, quantity: Int = 1, customer: String? = nil) async throws -> String {
        let buyer = customer.map { #""customer_id":"\#($0)","# } ?? ""
        let answer = try await call(.post, "/api/v1/orders", as: key, json: #"{\#(buyer)"lines":[{"sku":"\#(sku)","quantity":\#(quantity)}]}"#)
        #expect(answer.status == .created, "place order: \(answer.json)")
        return try #require(answer.json["id"] as? String)
    }

    /// Pays an order its exact total, requiring success.
    func payOrder(_ key: String, _ id: String, amount: Int) async throws {
        let answer = try await call(.post, "/api/v1/orders/\(id)/pay", as: key, json: #"{"amount":\#(amount)}"#)
        #expect(answer.status == .ok, "pay: \(answer.json)")
        #expect(answer.json["status"] as? String == "paid")
    }

    /// A SKU's stock counters: on_hand, held, allocated, available.
    func stock(_ code: String, as key: String) async throws -> StockCounters {
        let answer = try await call(.get, "/api/v1/skus/\(code)/stock", as: key)
        #expect(answer.status == .ok, "stock of \(code): \(answer.json)")
        return StockCounters(
            onHand: answer.json["on_hand"] as? Int ?? -1, held: answer.json["held"] as? Int ?? -1,
            allocated: answer.json["allocated"] as? Int ?? -1, available: answer.json["available"] as? Int ?? -1)
    }

    /// Sends a payment callback signed with `secret` (or with the given signature header).
    func callback(_ body: String, secret: String, signature: String? = nil) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        var headers = HTTPFields()
        headers[.signature] = signature ?? PaymentService.signature(body: Array(body.utf8), secret: secret)
        return try await call(.post, "/api/v1/payments/callback", as: nil, json: body, headers: headers)
    }
}

/// Stock counters of a SKU as the API reports them.
struct StockCounters: Equatable, CustomStringConvertible {
    var onHand: Int
    var held: Int
    var allocated: Int
    var available: Int

    init(onHand: Int, held: Int, allocated: Int, available: Int) {
        self.onHand = onHand
        self.held = held
        self.allocated = allocated
        self.available = available
    }

    var description: String { "on_hand \(onHand) held \(held) allocated \(allocated) available \(available)" }
}

extension Dictionary where Key == String, Value == Any {
    /// The `error.code` of an error response.
    var errorCode: String? { (self["error"] as? [String: Any])?["code"] as? String }
    /// The `error.field` of an error response.
    var errorField: String? { (self["error"] as? [String: Any])?["field"] as? String }
    /// The `error.message` of an error response.
    var errorMessage: String? { (self["error"] as? [String: Any])?["message"] as? String }
    subscript(path path: String) -> Any? {
        var current: Any? = self
        for part in path.split(separator: ".") {
            if let index = Int(part) { current = (current as? [Any]).flatMap { index < $0.count ? $0[index] : nil } }
            else { current = (current as? [String: Any])?[String(part)] }
        }
        return current
    }
}

extension Data {
    /// The JSON object in this data, or an empty one.
    func json() -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: self)) as? [String: Any] ?? [:]
    }
}
