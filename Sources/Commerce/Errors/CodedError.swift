/// How a failure should be understood by a caller: the HTTP layer maps each kind to one status.
public enum ErrorKind: Sendable, Equatable {
    /// The request itself is malformed (bad JSON, wrong types). HTTP 400.
    case malformed
    /// The request is well-formed but a value is not acceptable. HTTP 422.
    case invalid
    /// The thing named does not exist. HTTP 404.
    case notFound
    /// The request conflicts with the current state (stock, transitions, duplicates). HTTP 409.
    case conflict
    /// No or bad credentials. HTTP 401.
    case unauthenticated
    /// Credentials valid but the role may not do this. HTTP 403.
    case forbidden
    /// Body over the size limit. HTTP 413.
    case tooLarge
}

/// An error with a stable machine-readable code, the offending field (if any) and a message.
/// Every layer's error enums conform; the web layer turns them into `{"error":{…}}` once.
public protocol CodedError: Error, Sendable {
    var code: String { get }
    var field: String? { get }
    var message: String { get }
    var kind: ErrorKind { get }
}

/// A validation failure of the pure rules: bad values, impossible states.
public struct CommerceError: CodedError, Equatable {
    public let code: String
    public let field: String?
    public let message: String
    public let kind: ErrorKind

    public init(code: String, field: String? = nil, message: String, kind: ErrorKind = .invalid) {
        self.code = code
        self.field = field
        self.message = message
        self.kind = kind
    }

    public static func invalid(_ field: String, _ message: String, code: String = "invalid_value") -> CommerceError {
        CommerceError(code: code, field: field, message: message)
    }

    public static func insufficientStock(sku: String, field: String?) -> CommerceError {
        CommerceError(
            code: "insufficient_stock", field: field,
            message: "Not enough stock available for SKU \(sku).", kind: .conflict)
    }
}
