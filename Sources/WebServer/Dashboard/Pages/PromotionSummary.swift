import Commerce
import Operations
import Persistence

/// How a stored promotion reads in the list and on its review: type, window, state, budget use.
enum PromotionSummary {
    /// Where a promotion stands now: `disabled`, `scheduled`, `live` or `ended`, and its badge.
    static func state(_ record: PromotionRecord, now: Instant) -> (key: String, badge: String) {
        if record.status == .disabled { return ("disabled", "bad") }
        if now < record.startsAt { return ("scheduled", "warn") }
        if now < record.endsAt { return ("live", "good") }
        return ("ended", "")
    }

    static func row(_ record: PromotionRecord, request: DashboardRequest, clock: ShopClock, now: Instant) -> [String: Any] {
        let style = request.style, currency = request.shop.currency.code
        let id = IDPrefix.promotion.format(record.id)
        let state = state(record, now: now)
        var budget = style.money(record.budgetUsed, currency)
        if let cap = record.budgetCap, cap > 0 {
            budget += " / " + style.money(cap, currency) + " (" + style.percent(Double(record.budgetUsed) / Double(cap)) + ")"
        }
        var uses = style.count(record.usesCount)
        if let cap = record.usesCap { uses += " / " + style.count(cap) }
        return [
            "id": id, "name": record.name, "href": "/promotions/" + id, "edit_href": "/promotions/" + id + "/edit",
            "type": request.text("promo_type_" + record.rule.type.rawValue), "type_value": record.rule.type.rawValue,
            "starts": clock.display(record.startsAt), "ends": clock.display(record.endsAt),
            "starts_value": record.startsAt.millisecondsSinceEpoch,
            "state": request.text("promo_state_" + state.key), "badge": state.badge,
            "budget": budget, "budget_value": record.budgetUsed, "uses": uses,
            "month_href": "/promotions?month=" + String(clock.day(record.startsAt).prefix(7)),
        ]
    }
}
