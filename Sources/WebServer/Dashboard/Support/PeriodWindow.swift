import Operations

/// The days a page reports on, chosen from a few lengths by `?days=`: today so far (`days=1`), or
/// the last `days` complete days, which end yesterday unless the query names the last day (`to`),
/// so a period is never compared with the one before while half of its last day is missing.
struct PeriodWindow {
    let days: Int
    let from: String
    let to: String
    let choiceDays: [Int]

    init(_ request: DashboardRequest, choices: [Int], defaultDays: Int) throws {
        let asked = request.query("days").flatMap(Int.init) ?? defaultDays
        let days = choices.contains(asked) ? asked : defaultDays
        let to = request.query("to") ?? request.yunying.analytics.localDay(request.shop, daysAgo: days == 1 ? 0 : 1)
        try self.init(days: days, to: to, choices: choices)
    }

    init(days: Int, to: String, choices: [Int]) throws {
        guard let from = AnalyticsService.shiftDay(to, by: 1 - days) else {
            throw OperationsError.invalid(code: "invalid_value", field: "to", message: "to must be a date like 2026-11-01.")
        }
        self.days = days
        self.to = to
        self.from = from
        choiceDays = choices
    }

    /// The same number of days just before.
    var previous: PeriodWindow {
        // `from` is a valid date, so the day before it is too.
        try! PeriodWindow(days: days, to: AnalyticsService.shiftDay(from, by: -1)!, choices: choiceDays)
    }

    /// The window ending on the same day but `days` long.
    func widened(to days: Int) -> PeriodWindow {
        try! PeriodWindow(days: days, to: to, choices: choiceDays)
    }

    var parameters: ReportParameters { parameters([:]) }

    func parameters(_ extra: [String: String]) -> ReportParameters {
        ReportParameters(["from": from, "to": to].merging(extra) { _, new in new })
    }

    /// Links to the other lengths, keeping the end date when one was chosen.
    func choices(_ request: DashboardRequest) -> [[String: Any]] {
        choiceDays.map { length in
            var query = ["days": String(length)]
            if let to = request.query("to") { query["to"] = to }
            return [
                "label": request.text(length == 1 ? "period_today" : "period_\(length)"),
                "href": DashboardResponder.appending(query, to: request.path),
                "active": length == days,
            ]
        }
    }
}
