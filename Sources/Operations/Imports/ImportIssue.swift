/// One bad row of an import: where it is and why it was refused.
public struct ImportIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// The physical line the record starts on (1-based; the header is line 1).
    public var line: Int
    /// A stable code such as `invalid_quantity`.
    public var code: String
    public var message: String

    public init(line: Int, code: String, message: String) {
        self.line = line
        self.code = code
        self.message = message
    }

    /// `line 14: quantity must be a positive whole number`.
    public var description: String { "line \(line): \(message)" }
}

/// The issues of one import: all are counted, the first `limit` kept with their text.
public struct ImportIssues: Sendable, Equatable {
    public static let defaultLimit = 1000
    public private(set) var count = 0
    public private(set) var first: [ImportIssue] = []
    let limit: Int

    init(limit: Int = ImportIssues.defaultLimit) {
        self.limit = limit
    }

    mutating func append(_ issue: ImportIssue) {
        count += 1
        if first.count < limit { first.append(issue) }
    }

    mutating func append(contentsOf issues: [ImportIssue]) {
        for issue in issues { append(issue) }
    }
}

extension ImportIssues {
    /// Orders the kept issues by line (stable for issues of one line).
    mutating func sortByLine() {
        first = first.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }
}

/// A row (or an order) read from a file: its value, or the issues that refuse it.
enum Checked<Value> {
    case valid(Value)
    case invalid([ImportIssue])
}
