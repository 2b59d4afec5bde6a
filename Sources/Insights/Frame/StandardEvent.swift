/// Standard event types; custom types get codes >= 64 from the log's table.
public enum StandardEvent: UInt8, CaseIterable, Sendable {
    case pageView = 1, search, productView, addToCart, removeFromCart, checkoutStart, orderPlaced, orderPaid, experimentExposure

    /// The wire name, e.g. `"page_view"`.
    public var name: String {
        switch self {
        case .pageView: "page_view"
        case .search: "search"
        case .productView: "product_view"
        case .addToCart: "add_to_cart"
        case .removeFromCart: "remove_from_cart"
        case .checkoutStart: "checkout_start"
        case .orderPlaced: "order_placed"
        case .orderPaid: "order_paid"
        case .experimentExposure: "experiment_exposure"
        }
    }

    /// The standard event with this wire name, or nil for a custom type.
    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    /// The type code of this event in every frame.
    public var code: UInt8 { rawValue }

    /// First code handed to custom event types.
    public static let firstCustomCode: UInt8 = 64
}
