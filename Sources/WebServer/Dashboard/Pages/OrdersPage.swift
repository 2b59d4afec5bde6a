import Commerce
import Operations
import Persistence

/// Orders: newest first, filtered by status, cursor-paged; each row links to the order's page.
/// Reads through `OrderService.orders` like `GET /api/v1/orders`.
enum OrdersPage {
    static let pageSize = 30

    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/orders", roles: Roles.everyone) { request in
            let filter = try OrderRoutes.filter(request.query)
            let page = try await request.yunying.orders.orders(
                request.shop, filter: filter, page: PageRequest(limit: pageSize, startingAfter: try request.cursor(.order)))
            let names = try await OrderDisplay.customerNames(request, page.items.compactMap(\.customerID) + [filter.customerID].compactMap { $0 })
            let rows: [[String: Any]] = page.items.map { order in
                var row = OrderDisplay.summary(order, request)
                if let customerID = order.customerID, let name = names[customerID] { row["customer_name"] = name }
                return row
            }
            var filters: [String: String] = [:]
            filters["status"] = filter.status?.rawValue
            filters["customer_id"] = filter.customerID.map(IDPrefix.customer.format)
            var context: [String: Any] = [
                "orders": rows, "has_orders": !rows.isEmpty,
                "statuses": OrderStatus.allCases.map { choice in
                    ["value": choice.rawValue, "label": OrderDisplay.statusLabel(choice, request), "selected": choice == filter.status]
                },
                "pager": request.pager(filters: filters, lastID: page.items.last.map { IDPrefix.order.format($0.id) }, hasMore: page.hasMore),
            ]
            if filter.status == nil { context["all_selected"] = true }
            if let customerID = filter.customerID {
                // One customer's orders: named, with the way back to everyone's (the status kept).
                context["customer_filter"] = [
                    "id": IDPrefix.customer.format(customerID), "name": names[customerID] ?? IDPrefix.customer.format(customerID),
                    "everyone": DashboardResponder.appending(filters.filter { $0.key == "status" }, to: "/orders"),
                ]
            }
            return Page(title: request.text("nav_orders"), template: "orders", context: context)
        }
    }
}

/// How orders read on the dashboard: status names and badges, the list row, customer names.
enum OrderDisplay {
    static func statusLabel(_ status: OrderStatus, _ request: DashboardRequest) -> String {
        request.text("orders_status_" + status.rawValue)
    }

    /// The badge colour of a status: waiting for the customer, done, or stopped.
    static func badge(_ status: OrderStatus) -> String {
        switch status {
        case .pendingPayment: "warn"
        case .delivered, .completed: "good"
        case .cancelled: "bad"
        case .paid, .shipped: ""
        }
    }

    /// Whether the order's money was taken and kept (a cancelled paid order was refunded).
    static func isPaid(_ status: OrderStatus) -> Bool {
        [.paid, .shipped, .delivered, .completed].contains(status)
    }

    /// The values of an order's row in the list (and the head of its own page).
    static func summary(_ order: Order, _ request: DashboardRequest) -> [String: Any] {
        let items = order.lines.reduce(Int64(0)) { $0 + $1.quantity }
        var row: [String: Any] = [
            "id": IDPrefix.order.format(order.id),
            "placed_at": request.localTime(order.createdAt), "placed_value": order.createdAt.millisecondsSinceEpoch,
            "status": statusLabel(order.status, request), "status_code": order.status.rawValue, "badge": badge(order.status),
            "items": request.style.count(items), "items_value": items,
            "total": request.money(order.total), "total_value": order.total.amount,
            "paid": request.text(isPaid(order.status) ? "yes" : "no"),
        ]
        if let customerID = order.customerID { row["customer_id"] = IDPrefix.customer.format(customerID) }
        return row
    }

    /// Names of the given customers, in one read; customers no longer found are left out.
    static func customerNames(_ request: DashboardRequest, _ ids: [Int64]) async throws -> [Int64: String] {
        try await request.yunying.customers.customers(request.shop, ids: ids).reduce(into: [:]) { $0[$1.id] = $1.name }
    }
}
