import Foundation
import HTTPTypes
import HummingbirdTesting
import Operations
import StoreTesting
import Testing
@testable import WebServer

/// Shared set-up of the promotion, coupon, flash-sale and cart-price route tests.
extension TestShop {
    /// A shop with TEA (100.00, 100 in stock) and CUP (50.00, 100 in stock).
    static func teaShop(on backend: StoreKind = .sqlite) async throws -> TestShop {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "TEA", price: 10000, stock: 100)
        try await shop.product(code: "CUP", price: 5000, stock: 100)
        return shop
    }

    /// Creates a customer and returns its wire id (`cus_…`).
    func customer(_ name: String = "Wang Fang") async throws -> String {
        "cus_\(try await yunying.customers.create(shop, .init(name: name)).id)"
    }
}

/// A promotion body: the common fields and `rest` (the type-specific fields, without braces).
func promotionJSON(
    _ type: String, _ rest: String, name: String = "Promo", starts: String = "2026-01-01", ends: String = "2027-01-01"
) -> String {
    #"{"name":"\#(name)","type":"\#(type)","starts_at":"\#(starts)","ends_at":"\#(ends)"\#(rest.isEmpty ? "" : ",")\#(rest)}"#
}

/// An order body for one customer (or a guest), with an optional coupon code.
func orderJSON(_ lines: [(String, Int)], customer: String? = nil, coupon: String? = nil) -> String {
    var fields = [#""lines":[\#(lines.map { #"{"sku":"\#($0.0)","quantity":\#($0.1)}"# }.joined(separator: ","))]"#]
    if let customer { fields.append(#""customer_id":"\#(customer)""#) }
    if let coupon { fields.append(#""coupon_code":"\#(coupon)""#) }
    return "{" + fields.joined(separator: ",") + "}"
}

extension TestClientProtocol {
    /// POSTs `json` and returns the answer's object, requiring 201 Created.
    @discardableResult
    func created(_ uri: String, _ json: String, as key: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let answer = try await call(.post, uri, as: key, json: json)
        #expect(answer.status == .created, "POST \(uri): \(answer.status) \(answer.json)", sourceLocation: sourceLocation)
        return answer.json
    }

    /// Creates a promotion and returns its id (`promo_…`).
    func promotion(_ json: String, as key: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try #require(try await created("/api/v1/promotions", json, as: key, sourceLocation: sourceLocation)["id"] as? String)
    }

    /// GETs a promotion, requiring 200.
    func promotionObject(_ id: String, as key: String) async throws -> [String: Any] {
        let answer = try await call(.get, "/api/v1/promotions/\(id)", as: key)
        #expect(answer.status == .ok, "GET promotion \(id): \(answer.json)")
        return answer.json
    }

    /// Places an order (POST /orders) and returns the answer.
    func order(_ json: String, as key: String) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        try await call(.post, "/api/v1/orders", as: key, json: json)
    }

    /// A customer's coupon claims.
    func claims(_ customer: String, as key: String) async throws -> [[String: Any]] {
        try await list("/api/v1/customers/\(customer)/coupons", as: key).items
    }
}

extension Dictionary where Key == String, Value == Any {
    /// An integer at a dotted path (`used.budget.amount`), or nil.
    func int(_ path: String) -> Int? { self[path: path] as? Int }
    /// A string at a dotted path, or nil.
    func string(_ path: String) -> String? { self[path: path] as? String }
}
