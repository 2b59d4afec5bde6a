/// Where an order is in its life.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    case pendingPayment = "pending_payment"
    case paid
    case shipped
    case delivered
    case completed
    case cancelled
}

/// What can happen to an order.
public enum OrderAction: String, Sendable, CaseIterable {
    case pay, ship, deliver, complete, cancel, expire
}

/// Why an order was cancelled.
public enum CancelReason: String, Sendable, Codable {
    /// Cancelled by the shop or the customer through the API.
    case requested
    /// The payment hold expired before payment.
    case paymentTimeout = "payment_timeout"
}

/// The order state machine: pending_payment → paid → shipped → delivered → completed, with
/// cancel from pending_payment (releasing the hold) and from paid (releasing the allocation
/// and refunding), and expiry of unpaid orders.
public enum OrderStateMachine {
    /// The status after `action`, or `invalid_transition`.
    public static func next(from status: OrderStatus, on action: OrderAction) throws(CommerceError) -> OrderStatus {
        switch (status, action) {
        case (.pendingPayment, .pay): return .paid
        case (.paid, .ship): return .shipped
        case (.shipped, .deliver): return .delivered
        case (.delivered, .complete): return .completed
        case (.pendingPayment, .cancel), (.paid, .cancel): return .cancelled
        case (.pendingPayment, .expire): return .cancelled
        default:
            throw CommerceError(
                code: "invalid_transition", field: nil,
                message: "Cannot \(action.rawValue) an order that is \(status.rawValue).", kind: .conflict)
        }
    }

    /// The statuses from which `action` is allowed (used for guarded updates in the store).
    public static func sources(of action: OrderAction) -> [OrderStatus] {
        OrderStatus.allCases.filter { (try? next(from: $0, on: action)) != nil }
    }
}
