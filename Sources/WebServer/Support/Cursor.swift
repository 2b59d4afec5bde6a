import Commerce
import Operations

/// The `starting_after` cursor of a listed page, read the same way by the API and the dashboard.
enum Cursor {
    /// `ord_12` → 12; nil when absent; `invalid_id` on `starting_after` when it is not such an id.
    static func startingAfter(_ text: String?, _ prefix: IDPrefix) throws -> Int64? {
        guard let text else { return nil }
        guard let id = prefix.parse(text) else {
            throw OperationsError.invalid(code: "invalid_id", field: "starting_after", message: "Expected an id like \(prefix.format(1)).")
        }
        return id
    }
}
