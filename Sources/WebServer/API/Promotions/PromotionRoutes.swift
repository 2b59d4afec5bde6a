import Commerce
import Hummingbird
import Operations
import Persistence

/// `/promotions`, their calendar and review, and `/flash-sales`.
enum PromotionRoutes {
    /// Flash orders: their path under `/api/v1` and who may place them (`FlashRefusal` answers
    /// the sold-out ones before routing, by the same rules).
    static let flashOrders = (path: "/flash-sales/:id/orders", roles: Roles.orderWriters)

    static func register(_ api: APIRouter) {
        let promotions = api.yunying.promotions
        let orders = api.yunying.orders
        api.add(.post, "/promotions", roles: Roles.catalogWriters,
                doc: RouteDoc(summary: "Create a promotion (special_price, percent_off, threshold_reduction, quantity_discount, buy_x_get_y, bundle, member_price, free_shipping, flash_sale)",
                              tag: "Promotions", request: "CreatePromotion", response: "Promotion", status: 201)) { req in
            let record = try await promotions.create(req.shop, json: Array(req.body.readableBytesView))
            return try JSONCoding.encode(object: try await promotions.wire(req.shop, record), status: .created)
        }
        api.add(.get, "/promotions", roles: Roles.everyone,
                doc: RouteDoc(summary: "List promotions, newest first", tag: "Promotions", response: "PromotionList",
                              query: ["type", "limit", "starting_after"])) { req in
            let page = try await promotions.list(req.shop, window: nil, type: try type(req), page: req.page(.promotion))
            var data: [Any] = []
            for record in page.items { data.append(try await promotions.wire(req.shop, record)) }
            return try JSONCoding.encode(object: ["data": data, "has_more": page.hasMore])
        }
        api.add(.get, "/promotions/calendar", roles: Roles.everyone,
                doc: RouteDoc(summary: "Promotions overlapping [from, to), by start", tag: "Promotions", response: "PromotionList", query: ["from", "to"])) { req in
            let from = try time(req, "from"), to = try time(req, "to")
            var data: [Any] = []
            for record in try await promotions.calendar(req.shop, from: from, to: to) { data.append(try await promotions.wire(req.shop, record)) }
            return try JSONCoding.encode(object: ["data": data, "has_more": false])
        }
        api.add(.get, "/promotions/:id", roles: Roles.everyone,
                doc: RouteDoc(summary: "Get a promotion with its usage", tag: "Promotions", response: "Promotion")) { req in
            try JSONCoding.encode(object: try await promotions.wire(req.shop, try await promotions.promotion(req.shop, id: req.parameter("id"))))
        }
        api.add(.patch, "/promotions/:id", roles: Roles.catalogWriters,
                doc: RouteDoc(summary: "Change a promotion (window, rule, caps, status); usage is kept", tag: "Promotions", request: "CreatePromotion", response: "Promotion")) { req in
            let record = try await promotions.update(req.shop, id: req.parameter("id"), json: Array(req.body.readableBytesView))
            return try JSONCoding.encode(object: try await promotions.wire(req.shop, record))
        }
        api.add(.get, "/promotions/:id/review", roles: Roles.everyone,
                doc: RouteDoc(summary: "Review (复盘): orders, GMV, discount, units, customers vs the equal period before", tag: "Promotions", response: "PromotionReview")) { req in
            let review = try await promotions.review(req.shop, id: req.parameter("id"))
            return try JSONCoding.encode(object: PromotionReviewView.object(review, currency: req.shop.currency))
        }
        api.add(.get, "/flash-sales", roles: Roles.everyone,
                doc: RouteDoc(summary: "Live and upcoming flash sales with stock left and sold-out state", tag: "Promotions", response: "PromotionList")) { req in
            var data: [Any] = []
            for record in try await promotions.flashSales(req.shop) { data.append(try await promotions.wire(req.shop, record)) }
            return try JSONCoding.encode(object: ["data": data, "has_more": false])
        }
        api.add(.post, flashOrders.path, roles: flashOrders.roles,
                doc: RouteDoc(summary: "Order from a flash sale at the flash price (409 sold_out, limit_reached, not_live)", tag: "Promotions",
                              request: "FlashOrder", response: "Order", status: 201)) { req in
            let order = try await orders.placeFlash(req.shop, promotionID: req.parameter("id")) { try req.decode(FlashOrder.self) }
            return JSONCoding.encode(OrderView(order), status: .created)
        }
    }

    static func type(_ req: APIRequest) throws -> PromotionType? {
        guard let raw = req.query("type") else { return nil }
        guard let type = PromotionType(rawValue: raw) else {
            throw APIError(status: .unprocessableContent, code: "invalid_value", message: "Unknown promotion type \(raw).", field: "type")
        }
        return type
    }

    static func time(_ req: APIRequest, _ name: String) throws -> Instant {
        guard let raw = req.query(name) else {
            throw APIError(status: .unprocessableContent, code: "required", message: "\(name) is required.", field: name)
        }
        guard let instant = Instant(iso8601: raw) else {
            throw APIError(status: .unprocessableContent, code: "invalid_time", message: "Expected an ISO-8601 time or date.", field: name)
        }
        return instant
    }
}

/// The review as JSON: the period, the figures during and before, and their changes.
enum PromotionReviewView {
    static func object(_ review: PromotionReview, currency: Currency) -> [String: Any] {
        func figures(_ figures: PromotionFigures) -> [String: Any] {
            [
                "orders": figures.orders, "gmv": ["amount": figures.gmv, "currency": currency.code],
                "discount": ["amount": figures.discount, "currency": currency.code], "units": figures.units,
                "customers": figures.customers, "new_customers": figures.newCustomers,
                "average_discount_rate": figures.gmv == 0 ? 0 : (Double(figures.discount) / Double(figures.gmv) * 10_000).rounded() / 10_000,
            ]
        }
        return [
            "promotion_id": IDPrefix.promotion.format(review.promotion.id), "name": review.promotion.name,
            "from": review.period.from.iso8601, "to": review.period.to.iso8601,
            "during": figures(review.during), "before": figures(review.before),
        ]
    }
}
