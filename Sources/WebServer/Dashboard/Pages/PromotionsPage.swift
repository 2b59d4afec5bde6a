import Commerce
import Operations
import Persistence

/// Promotions (`/promotions`): a month calendar (weeks Monday to Sunday) listing on each day the
/// promotions live that day, with links to plan a new one from a day, and below it every
/// promotion with its type, window, state and budget use.
enum PromotionsPage {
    static let pageSize = 50

    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/promotions", roles: Roles.everyone) { request in
            let clock = ShopClock(request.shop)
            let today = request.yunying.analytics.localDay(request.shop)
            let month = try CalendarMonth(request.query("month") ?? String(today.prefix(7)))
            let promotions = request.yunying.promotions
            let gridEnd = AnalyticsService.shiftDay(month.gridEnd, by: 1)!
            guard let from = clock.start(ofDay: month.gridStart), let to = clock.start(ofDay: gridEnd) else {
                throw OperationsError.invalid(code: "invalid_value", field: "month", message: "month must look like 2026-11.")
            }
            let planned = try await promotions.calendar(request.shop, from: from, to: to).filter { $0.status == .active }
            let mayWrite = request.may(Roles.catalogWriters)
            let weeks = month.weeks.map { week in
                ["days": week.map { day -> [String: Any] in
                    let start = clock.start(ofDay: day)!, end = clock.start(ofDay: AnalyticsService.shiftDay(day, by: 1)!)!
                    let live = planned.filter { $0.startsAt < end && $0.endsAt > start }
                    return [
                        "day": day, "number": Int(day.suffix(2)) ?? 0, "outside": !day.hasPrefix(month.name), "today": day == today,
                        "promotions": live.map { record in
                            ["name": record.name, "href": "/promotions/" + IDPrefix.promotion.format(record.id),
                             "type": request.text("promo_type_" + record.rule.type.rawValue)] as [String: Any]
                        },
                    ]
                }] as [String: Any]
            }
            let after = request.query("after").flatMap { IDPrefix.promotion.parse($0) }
            let page = try await promotions.list(request.shop, window: nil, type: nil, page: PageRequest(limit: pageSize, startingAfter: after))
            let now = request.yunying.time.now()
            let rows = page.items.map { PromotionSummary.row($0, request: request, clock: clock, now: now) }
            var context: [String: Any] = [
                "month": month.name, "month_label": month.label(request.language),
                "prev_href": "/promotions?month=" + month.previous, "next_href": "/promotions?month=" + month.next,
                "this_month_href": "/promotions", "weekdays": (1...7).map { request.text("promo_weekday_\($0)") },
                "weeks": weeks, "rows": rows, "may_write": mayWrite, "empty": rows.isEmpty,
            ]
            if page.hasMore, let last = page.items.last {
                context["more_href"] = DashboardResponder.appending(["after": IDPrefix.promotion.format(last.id)], to: request.path + "?month=" + month.name)
            }
            if after != nil { context["first_href"] = "/promotions?month=" + month.name }
            return Page(title: request.text("nav_promotions"), template: "promotions", context: context)
        }
    }
}

/// A calendar month (`2026-11`): its name, neighbours and the Monday-to-Sunday weeks covering it.
struct CalendarMonth {
    let year: Int
    let month: Int

    init(_ text: String) throws {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1970...9998).contains(year), (1...12).contains(month) else {
            throw OperationsError.invalid(code: "invalid_value", field: "month", message: "month must look like 2026-11.")
        }
        self.year = year
        self.month = month
    }

    init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    var name: String { String(year) + "-" + (month < 10 ? "0" : "") + String(month) }
    var first: String { name + "-01" }
    var previous: String { (month == 1 ? CalendarMonth(year: year - 1, month: 12) : CalendarMonth(year: year, month: month - 1)).name }
    var next: String { (month == 12 ? CalendarMonth(year: year + 1, month: 1) : CalendarMonth(year: year, month: month + 1)).name }
    var last: String { AnalyticsService.shiftDay(next + "-01", by: -1)! }

    /// Monday = 0 … Sunday = 6 of a date label (1970-01-01 was a Thursday).
    static func weekday(_ day: String) -> Int {
        let days = Int(Instant(iso8601: day)!.millisecondsSinceEpoch / 86_400_000)
        return (days % 7 + 7 + 3) % 7
    }

    var gridStart: String { AnalyticsService.shiftDay(first, by: -Self.weekday(first))! }
    var gridEnd: String { AnalyticsService.shiftDay(last, by: 6 - Self.weekday(last))! }

    /// The weeks shown, each seven date labels from Monday.
    var weeks: [[String]] {
        var weeks: [[String]] = []
        var day = gridStart
        while day <= gridEnd {
            weeks.append((0..<7).map { AnalyticsService.shiftDay(day, by: $0)! })
            day = AnalyticsService.shiftDay(day, by: 7)!
        }
        return weeks
    }

    func label(_ language: Language) -> String {
        language == .zh ? "\(year)年\(month)月" : language.text("promo_month_\(month)") + " \(year)"
    }
}
