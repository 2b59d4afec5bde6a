import Commerce

/// Failures a store reports: constraint and guard violations, missing rows.
public enum StoreError: CodedError, Equatable {
    /// A unique key already holds this value (e.g. a SKU code).
    case duplicate(field: String, value: String)
    /// The row to change does not exist in this shop.
    case notFound(entity: String, id: String)
    /// A guarded stock update found too few units.
    case insufficientStock(sku: String, field: String?)
    /// A guarded state change found another state (a concurrent change won).
    case stateChanged(entity: String, current: String)
    /// A stored rule refuses the write (e.g. overlapping flash sales, a coupon limit).
    case rejected(code: String, field: String?, message: String, kind: ErrorKind)

    public var code: String {
        switch self {
        case .duplicate: "duplicate"
        case .notFound: "not_found"
        case .insufficientStock: "insufficient_stock"
        case .stateChanged: "invalid_transition"
        case .rejected(let code, _, _, _): code
        }
    }

    public var field: String? {
        switch self {
        case .duplicate(let field, _): field
        case .insufficientStock(_, let field): field
        case .rejected(_, let field, _, _): field
        case .notFound, .stateChanged: nil
        }
    }

    public var message: String {
        switch self {
        case .duplicate(let field, let value): "\(field) '\(value)' is already taken."
        case .notFound(let entity, let id): "No \(entity) \(id)."
        case .insufficientStock(let sku, _): "Not enough stock available for SKU \(sku)."
        case .stateChanged(let entity, let current): "The \(entity) changed concurrently; it is now \(current)."
        case .rejected(_, _, let message, _): message
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .duplicate, .insufficientStock, .stateChanged: .conflict
        case .notFound: .notFound
        case .rejected(_, _, _, let kind): kind
        }
    }
}

extension StoreError {
    /// The customer holds as many claims of the coupon as it allows.
    static let claimLimitReached = StoreError.rejected(
        code: "limit_reached", field: "customer_id", message: "This customer has claimed this coupon the most times allowed.", kind: .conflict)
    /// The coupon's total issue limit is reached.
    static let couponIssuedOut = StoreError.rejected(
        code: "limit_reached", field: nil, message: "All of this coupon has been issued.", kind: .conflict)

    /// Another active flash sale of the same SKU overlaps the window.
    static func overlappingFlashSale(with other: Int64) -> StoreError {
        .rejected(
            code: "overlapping_flash_sale", field: "sku",
            message: "Another flash sale (promo_\(other)) of this SKU overlaps this window.", kind: .invalid)
    }
}
