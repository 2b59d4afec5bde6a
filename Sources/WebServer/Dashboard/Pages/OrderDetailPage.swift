import Commerce
import Operations
import Persistence

/// One order: its lines with each line's discounts by promotion, coupon or points, the totals,
/// payments and refunds, and forms for the steps its status allows (record payment, ship,
/// deliver, complete, cancel) — each calling the service of the matching `/api/v1/orders/:id/…` route.
enum OrderDetailPage {
    /// Who may change an order: the roles of the API's order actions.
    static let actionRoles = Roles.orderWriters

    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/orders/:id", roles: Roles.everyone) { request in
            try await page(request, id: request.parameter("id"), refused: nil)
        }
        for step in OrderStep.allCases {
            dashboard.action("/orders/:id/" + step.rawValue, roles: actionRoles) { request in
                try await perform(step, request)
            }
        }
    }

    /// Takes the step through the services; a refused value (wrong amount, missing carrier) shows
    /// the page again with the error, anything else (e.g. `invalid_transition`) the error page.
    static func perform(_ step: OrderStep, _ request: DashboardRequest) async throws -> ActionResult {
        let id = request.parameter("id")
        let shop = request.shop
        let orders = request.yunying.orders
        let changed: Order
        do {
            switch step {
            case .pay:
                let order = try await orders.order(shop, id: id)
                let amount = try typedAmount(request.field("amount") ?? "", currency: order.total.currency)
                changed = try await request.yunying.payments.pay(shop, orderID: id, PayOrder(amount: MoneyInput(amount: amount, currency: order.total.currency)))
            case .ship:
                changed = try await orders.ship(
                    shop, id: id, ShipOrder(carrier: request.field("carrier") ?? "", trackingNumber: request.field("tracking_number") ?? ""))
            case .deliver: changed = try await orders.deliver(shop, id: id)
            case .complete: changed = try await orders.complete(shop, id: id)
            case .cancel: changed = try await orders.cancel(shop, id: id)
            }
        } catch let error as any CodedError where error.kind == .invalid {
            return .page(try await page(request, id: id, refused: (step, FormError(error))))
        }
        return .redirect("/orders/" + IDPrefix.order.format(changed.id), notice: step.notice)
    }

    /// Minor units of an amount typed in major units (`19.90`), parsed exactly; refused on `amount`.
    static func typedAmount(_ text: String, currency: Currency) throws -> Int64 {
        switch DecimalMoney.parse(text, currency: currency) {
        case .success(let amount): return amount
        case .failure(let failure): throw CommerceError.invalid("amount", DecimalMoney.message(failure, column: "amount", text: text) + ".")
        }
    }

    /// The order's page; after a refused step, with that step's error and typed values (status 422).
    static func page(_ request: DashboardRequest, id: String, refused: (step: OrderStep, error: FormError)?) async throws -> Page {
        let shop = request.shop
        let order = try await request.yunying.orders.order(shop, id: id)
        let payments = try await request.yunying.payments.payments(shop, orderID: order.id)
        let refunds = try await request.yunying.payments.refunds(shop, orderID: order.id)
        var head = OrderDisplay.summary(order, request)
        if let customerID = order.customerID, let name = try await OrderDisplay.customerNames(request, [customerID])[customerID] {
            head["customer_name"] = name
        }
        head["updated_at"] = request.localTime(order.updatedAt)
        if order.status == .pendingPayment, let expiry = order.holdExpiresAt { head["hold_expires"] = request.localTime(expiry) }
        if let reason = order.cancelReason { head["cancel_reason"] = request.text("orders_cancel_reason_" + reason.rawValue) }
        if let shipment = order.shipment { head["shipment"] = ["carrier": shipment.carrier, "tracking": shipment.trackingNumber] }
        if let address = order.shippingAddress.map(addressText), !address.isEmpty { head["address"] = address }

        let points = order.lines.flatMap(\.applied).filter { $0.source == .points }.reduce(Int64(0)) { $0 + $1.amount.amount }
        var totals: [String: Any] = [
            "subtotal": request.money(order.subtotal), "discount": (order.discount.amount > 0 ? "-" : "") + request.money(order.discount),
            "shipping": request.money(order.shipping), "total": request.money(order.total),
        ]
        if points > 0 { totals["points"] = request.style.money(points, order.total.currency.code) }

        var context: [String: Any] = [
            "order": head, "lines": order.lines.map { line(request, $0) }, "totals": totals,
            "payments": paymentRows(request, payments, refunds), "has_payments": !payments.isEmpty || !refunds.isEmpty,
        ]
        if request.may(actionRoles) {
            let steps = OrderStep.allCases.filter { (try? OrderStateMachine.next(from: order.status, on: $0.action)) != nil }
            context["actions"] = steps.map { form($0, order: order, request: request, refused: refused) }
            context["may_act"] = true
            if steps.isEmpty { context["no_actions"] = true }
            if let refused {
                context["refused"] = refused.error.context.merging(["step": request.text("orders_action_" + refused.step.rawValue)]) { own, _ in own }
            }
        }
        return Page(
            title: request.text("orders_id") + " " + IDPrefix.order.format(order.id), template: "order", context: context,
            status: refused == nil ? .ok : .unprocessableContent)
    }

    /// A line with its discounts, each named by its promotion or coupon (points by the catalog's name).
    static func line(_ request: DashboardRequest, _ line: OrderLine) -> [String: Any] {
        let currency = line.unitPrice.currency.code
        return [
            "sku": line.skuCode, "sku_href": InventoryPage.skuHref(line.skuCode), "title": line.title,
            "quantity": request.style.count(line.quantity), "unit_price": request.money(line.unitPrice),
            "subtotal": request.style.money(line.unitPrice.amount * line.quantity, currency),
            "discount": request.money(line.discount), "has_discount": line.discount.amount > 0, "total": request.money(line.total),
            "applied": line.applied.map { applied in
                [
                    "source": request.text("orders_source_" + applied.source.rawValue),
                    "name": applied.source == .points ? request.text("orders_points_name") : applied.name,
                    "amount": request.money(applied.amount),
                ]
            },
            "has_applied": !line.applied.isEmpty,
        ]
    }

    /// Payments then refunds, each with its time, amount and what became of it.
    static func paymentRows(_ request: DashboardRequest, _ payments: [Payment], _ refunds: [Refund]) -> [[String: Any]] {
        payments.map { payment in
            [
                "kind": request.text("orders_payment"), "id": IDPrefix.payment.format(payment.id), "time": request.localTime(payment.createdAt),
                "amount": request.money(payment.amount),
                "detail": request.text("orders_payment_" + payment.status.rawValue) + " · " + payment.source,
            ]
        } + refunds.map { refund in
            [
                "kind": request.text("orders_refund"), "id": IDPrefix.refund.format(refund.id), "time": request.localTime(refund.createdAt),
                "amount": request.money(refund.amount), "detail": refund.reason,
            ]
        }
    }

    /// The form of one allowed step, with the typed values and error when it was just refused.
    static func form(_ step: OrderStep, order: Order, request: DashboardRequest, refused: (step: OrderStep, error: FormError)?) -> [String: Any] {
        let typed = refused?.step == step
        var form: [String: Any] = [
            "step": step.rawValue, "label": request.text("orders_action_" + step.rawValue),
            "path": "/orders/" + IDPrefix.order.format(order.id) + "/" + step.rawValue,
        ]
        // Every step's flag set, so a template section never finds another value up the context stack.
        for each in OrderStep.allCases { form[each.rawValue] = each == step }
        switch step {
        case .pay: form["amount"] = typed ? request.form["amount"] ?? "" : order.total.currency.plainMajor(order.total.amount)
        case .ship:
            form["carrier"] = typed ? request.field("carrier") ?? "" : ""
            form["tracking_number"] = typed ? request.field("tracking_number") ?? "" : ""
        case .cancel: form["hint"] = request.text(order.status == .paid ? "orders_cancel_paid_hint" : "orders_cancel_unpaid_hint")
        case .deliver, .complete: break
        }
        if typed, let field = refused?.error.field { form["invalid_" + field] = true }
        return form
    }

    /// The address's parts in order, comma-separated.
    static func addressText(_ address: Address) -> String {
        [address.name, address.phone, address.country, address.province, address.city, address.district, address.line1, address.line2, address.postalCode]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

/// A step an operator may take on an order from its page; the path segment is the API's.
enum OrderStep: String, CaseIterable, Sendable {
    case pay, ship, deliver, complete, cancel

    var action: OrderAction {
        switch self {
        case .pay: .pay
        case .ship: .ship
        case .deliver: .deliver
        case .complete: .complete
        case .cancel: .cancel
        }
    }

    /// The catalog key (without `notice_`) shown after the step.
    var notice: String {
        switch self {
        case .pay: "order_paid"
        case .ship: "order_shipped"
        case .deliver: "order_delivered"
        case .complete: "order_completed"
        case .cancel: "order_cancelled"
        }
    }
}
