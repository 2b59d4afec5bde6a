import Commerce
import Hummingbird
import Operations
import Persistence

/// `/coupons`, claims, and `/carts/price` (a quote through the same engine as orders).
enum CouponRoutes {
    static func register(_ api: APIRouter) {
        let coupons = api.yunying.coupons
        let orders = api.yunying.orders
        api.add(.post, "/coupons", roles: Roles.catalogWriters,
                doc: RouteDoc(summary: "Create a coupon (fixed or percent, threshold, scope, validity, limits, shared code or unique codes)",
                              tag: "Coupons", request: "CreateCoupon", response: "Coupon", status: 201)) { req in
            let coupon = try await coupons.create(req.shop, json: Array(req.body.readableBytesView))
            return try JSONCoding.encode(object: try await coupons.wire(req.shop, coupon), status: .created)
        }
        api.add(.get, "/coupons", roles: Roles.everyone,
                doc: RouteDoc(summary: "List coupons, newest first", tag: "Coupons", response: "CouponList", query: ["limit", "starting_after"])) { req in
            let page = try await coupons.list(req.shop, page: req.page(.coupon))
            var data: [Any] = []
            for coupon in page.items { data.append(try await coupons.wire(req.shop, coupon)) }
            return try JSONCoding.encode(object: ["data": data, "has_more": page.hasMore])
        }
        api.add(.get, "/coupons/:id", roles: Roles.everyone,
                doc: RouteDoc(summary: "Get a coupon", tag: "Coupons", response: "Coupon")) { req in
            try JSONCoding.encode(object: try await coupons.wire(req.shop, try await coupons.coupon(req.shop, id: req.parameter("id"))))
        }
        api.add(.post, "/coupons/:id/claims", roles: Roles.orderWriters,
                doc: RouteDoc(summary: "Claim a coupon for a customer (limits checked atomically)", tag: "Coupons", request: "ClaimCoupon", response: "CouponClaim", status: 201)) { req in
            let input = try req.decode(ClaimCoupon.self)
            let claim = try await coupons.claim(req.shop, couponID: req.parameter("id"), code: input.code, customerID: input.customerId)
            return try JSONCoding.encode(CouponClaimView(claim), status: .created)
        }
        api.add(.post, "/coupons/claims", roles: Roles.orderWriters,
                doc: RouteDoc(summary: "Claim a coupon by its code for a customer", tag: "Coupons", request: "ClaimCoupon", response: "CouponClaim", status: 201)) { req in
            let input = try req.decode(ClaimCoupon.self)
            guard let code = input.code else { throw APIError(status: .unprocessableContent, code: "required", message: "code is required.", field: "code") }
            return try JSONCoding.encode(CouponClaimView(try await coupons.claim(req.shop, couponID: nil, code: code, customerID: input.customerId)), status: .created)
        }
        api.add(.get, "/customers/:id/coupons", roles: Roles.everyone,
                doc: RouteDoc(summary: "A customer's coupon claims", tag: "Coupons", response: "CouponClaimList")) { req in
            let claims = try await coupons.claims(req.shop, customerID: req.parameter("id"))
            return try JSONCoding.encode(ListView(data: claims.map(CouponClaimView.init), hasMore: false))
        }
        api.add(.post, "/carts/price", roles: Roles.everyone,
                doc: RouteDoc(summary: "Price a cart with the best promotions and coupon, without ordering", tag: "Coupons", request: "CreateOrder", response: "PricedCart")) { req in
            JSONCoding.encode(PricedCartView(try await orders.quote(req.shop, req.decode(CreateOrder.self))))
        }
    }
}

/// Input for claiming a coupon.
struct ClaimCoupon: Decodable, Sendable {
    let customerId: String
    let code: String?

    enum CodingKeys: String, CodingKey {
        case code
        case customerId = "customer_id"
    }
}

struct CouponClaimView: Encodable, Sendable {
    let id: String
    let couponId: String
    let customerId: String
    let code: String
    let status: CouponClaim.Status
    let validFrom: String
    let validUntil: String
    let orderId: String?

    enum CodingKeys: String, CodingKey {
        case id, code, status
        case couponId = "coupon_id", customerId = "customer_id", validFrom = "valid_from", validUntil = "valid_until", orderId = "order_id"
    }

    init(_ claim: CouponClaim) {
        id = IDPrefix.claim.format(claim.id)
        couponId = IDPrefix.coupon.format(claim.couponID)
        customerId = IDPrefix.customer.format(claim.customerID)
        code = claim.code
        status = claim.status
        validFrom = claim.validFrom.iso8601
        validUntil = claim.validUntil.iso8601
        orderId = claim.orderID.map(IDPrefix.order.format)
    }
}
