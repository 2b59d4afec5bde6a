import Commerce
import Foundation
import Operations
import Persistence

/// Helpers pages share to read cursors and show instants, amounts and refused forms.
extension DashboardRequest {
    /// The `starting_after` cursor of a list page (`ord_12` → 12); `invalid_id` when it is not such an id.
    func cursor(_ prefix: IDPrefix) throws -> Int64? {
        try Cursor.startingAfter(query("starting_after"), prefix)
    }

    /// Links of a cursor-paged list: back to the first page when not on it, on to the next when more follow.
    /// `filters` are the list's other query values, kept on both links.
    func pager(filters: [String: String], lastID: String?, hasMore: Bool) -> [String: Any] {
        let base = DashboardResponder.appending(filters, to: path)
        var links: [String: Any] = [:]
        if query("starting_after") != nil { links["first"] = base }
        if hasMore, let lastID { links["next"] = DashboardResponder.appending(["starting_after": lastID], to: base) }
        return links
    }

    /// `2026-05-28 14:03`: the instant in the shop's time zone, to the minute.
    func localTime(_ instant: Instant) -> String {
        ShopClock(shop).display(instant)
    }

    /// A money amount as shown in tables.
    func money(_ money: Money) -> String { style.money(money.amount, money.currency.code) }

    /// A count with its sign (`+5`, `-2`); empty for zero, so ledger columns show only what moved.
    func signed(_ value: Int64) -> String {
        value == 0 ? "" : (value > 0 ? "+" : "") + style.count(value)
    }
}

/// Why a submitted form was refused, as a form shows it again: the API's code, field and message.
struct FormError {
    let code: String
    let field: String?
    let message: String

    init(_ error: any CodedError) {
        code = error.code
        field = error.field
        message = error.message
    }

    /// `code`, `message` and (when the error names one) `field`; absent values are left out, not nil.
    var context: [String: Any] {
        var context: [String: Any] = ["code": code, "message": message]
        if let field { context["field"] = field }
        return context
    }
}
