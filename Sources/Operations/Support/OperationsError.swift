import Commerce

/// Failures of use cases: references to things that do not exist, values that do not fit.
public enum OperationsError: CodedError, Equatable {
    case notFound(entity: String, id: String)
    case unknownReference(code: String, field: String, message: String)
    case invalid(code: String, field: String?, message: String)
    case conflict(code: String, message: String)
    case unauthenticated(String)
    case forbidden(String)

    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .unknownReference(let code, _, _), .invalid(let code, _, _), .conflict(let code, _): code
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        }
    }

    public var field: String? {
        switch self {
        case .unknownReference(_, let field, _): field
        case .invalid(_, let field, _): field
        default: nil
        }
    }

    public var message: String {
        switch self {
        case .notFound(let entity, let id): "No \(entity) \(id)."
        case .unknownReference(_, _, let message), .invalid(_, _, let message), .conflict(_, let message): message
        case .unauthenticated(let message), .forbidden(let message): message
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .notFound: .notFound
        case .unknownReference, .invalid: .invalid
        case .conflict: .conflict
        case .unauthenticated: .unauthenticated
        case .forbidden: .forbidden
        }
    }
}
