import Commerce
import Hummingbird
import Operations
import Persistence

/// `/orders` and their state actions.
enum OrderRoutes {
    static func register(_ api: APIRouter) {
        let orders = api.yunying.orders
        let payments = api.yunying.payments
        api.add(.post, "/orders", roles: Roles.orderWriters,
                doc: RouteDoc(summary: "Place an order: price it and hold its stock", tag: "Orders", request: "CreateOrder", response: "Order", status: 201)) { req in
            JSONCoding.encode(OrderView(try await orders.place(req.shop, req.decode(CreateOrder.self))), status: .created)
        }
        api.add(.get, "/orders", roles: Roles.everyone,
                doc: RouteDoc(summary: "List orders, newest first (filtered by status and customer)", tag: "Orders", response: "OrderList",
                              query: ["status", "customer_id", "limit", "starting_after"])) { req in
            let page = try await orders.orders(req.shop, filter: try filter(req.query), page: req.page(.order))
            return JSONCoding.encode(ListView(data: page.items.map(OrderView.init), hasMore: page.hasMore))
        }
        api.add(.get, "/orders/:id", roles: Roles.everyone,
                doc: RouteDoc(summary: "Get an order", tag: "Orders", response: "Order")) { req in
            JSONCoding.encode(OrderView(try await orders.order(req.shop, id: req.parameter("id"))))
        }
        api.add(.post, "/orders/:id/pay", roles: Roles.orderWriters,
                doc: RouteDoc(summary: "Pay the exact amount due through the simulated gateway", tag: "Orders", request: "PayOrder", response: "Order")) { req in
            JSONCoding.encode(OrderView(try await payments.pay(req.shop, orderID: req.parameter("id"), req.decode(PayOrder.self))))
        }
        api.add(.post, "/orders/:id/cancel", roles: Roles.orderWriters,
                doc: RouteDoc(summary: "Cancel an unpaid or paid order, releasing stock (and refunding)", tag: "Orders", response: "Order")) { req in
            JSONCoding.encode(OrderView(try await orders.cancel(req.shop, id: req.parameter("id"))))
        }
        api.add(.post, "/orders/:id/ship", roles: Roles.orderWriters,
                doc: RouteDoc(summary: "Ship a paid order", tag: "Orders", request: "ShipOrder", response: "Order")) { req in
            JSONCoding.encode(OrderView(try await orders.ship(req.shop, id: req.parameter("id"), req.decode(ShipOrder.self))))
        }
        api.add(.post, "/orders/:id/deliver", roles: Roles.orderWriters,
                doc: RouteDoc(summary: "Mark a shipped order delivered", tag: "Orders", response: "Order")) { req in
            JSONCoding.encode(OrderView(try await orders.deliver(req.shop, id: req.parameter("id"))))
        }
        api.add(.post, "/orders/:id/complete", roles: Roles.orderWriters,
                doc: RouteDoc(summary: "Mark a delivered order completed", tag: "Orders", response: "Order")) { req in
            JSONCoding.encode(OrderView(try await orders.complete(req.shop, id: req.parameter("id"))))
        }
        api.add(.get, "/orders/:id/payments", roles: Roles.everyone,
                doc: RouteDoc(summary: "An order's payments and refunds", tag: "Orders", response: "OrderPayments")) { req in
            let order = try await orders.order(req.shop, id: req.parameter("id"))
            let view = OrderPaymentsView(
                payments: try await payments.payments(req.shop, orderID: order.id).map(PaymentView.init),
                refunds: try await payments.refunds(req.shop, orderID: order.id).map(RefundView.init))
            return try JSONCoding.encode(view)
        }
    }
}

extension OrderRoutes {
    /// The `status` and `customer_id` filters of an order list, from the API's query or the
    /// dashboard's; a value that is not one is refused by field.
    static func filter(_ query: (String) -> String?) throws -> OrderFilter {
        var filter = OrderFilter()
        if let raw = query("status") {
            guard let status = OrderStatus(rawValue: raw) else {
                throw OperationsError.invalid(code: "invalid_value", field: "status", message: "Unknown order status \(raw).")
            }
            filter.status = status
        }
        if let raw = query("customer_id") {
            guard let id = IDPrefix.customer.parse(raw) else {
                throw OperationsError.invalid(code: "invalid_value", field: "customer_id", message: "Expected a customer id like cus_12.")
            }
            filter.customerID = id
        }
        return filter
    }
}

struct OrderPaymentsView: Encodable, Sendable {
    let payments: [PaymentView]
    let refunds: [RefundView]
}
