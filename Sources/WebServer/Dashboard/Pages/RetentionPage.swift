import Operations

/// Retention: the cohort heatmap of the `retention` report (cohorts by day, week or month, each
/// with its size; columns D0…Dn / W0…Wn / M0…Mn), tabs for the cohort period and the range, and
/// a GET form for what starts a cohort, the activity that counts as returning and the counting.
enum RetentionPage {
    /// Range lengths, and the default for each cohort period (enough periods to read a trend).
    static let ranges = [30, 90, 180]
    static let defaultRange = ["day": 30, "week": 90, "month": 180]
    static let returnEvents = ["page_view", "product_view", "add_to_cart", "order_placed", "order_paid"]

    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/retention", roles: Roles.analysts) { request in
            let period = request.query("period") ?? "week"
            let window = try PeriodWindow(request, choices: ranges, defaultDays: defaultRange[period] ?? 90)
            let cohort = request.query("cohort") ?? "first_event"
            let activity = request.query("return_event") ?? "any"
            let mode = request.query("mode") ?? "bounded"
            let report = try await request.yunying.analytics.report(request.shop, name: "retention", window.parameters([
                "period": period, "cohort": cohort, "return_event": activity, "mode": mode,
            ])).json
            let unit = report["period"]?.text ?? period
            let allCohorts = report["cohorts"]?.items ?? []
            let columnCount = allCohorts.map { $0["rates"]?.items.count ?? 0 }.max() ?? 0
            // Cohorts before the shop's first visitor are left out; later empty ones stay, blank.
            let cohorts = Array(allCohorts.drop { ($0["size"]?.number ?? 0) == 0 })
            let columnText = request.text("retention_column_" + unit)
            let people = cohorts.reduce(0) { $0 + Int($1["size"]?.number ?? 0) }
            let filled = cohorts.filter { ($0["size"]?.number ?? 0) > 0 }.count
            let style = request.style
            let heatmap = Heatmap(
                title: request.text("retention_heatmap"),
                summary: AnalyticsLinks.fill(request.text("retention_heatmap_desc"), [
                    "cohorts": style.count(filled), "people": style.count(people),
                ]),
                columns: (0..<columnCount).map { AnalyticsLinks.fill(columnText, ["n": String($0)]) },
                rows: cohorts.map { row in
                    let size = Int(row["size"]?.number ?? 0)
                    // An empty cohort has no rate to show: its cells stay blank rather than 0%.
                    return Heatmap.Row(
                        label: row["cohort"]?.text ?? "",
                        detail: AnalyticsLinks.fill(request.text("retention_size"), ["n": style.count(size)]),
                        values: size > 0 ? (row["rates"]?.items ?? []).map(\.number) : [])
                },
                format: { style.percent($0, digits: 0) }, emptyText: request.text("no_data"))

            let activityText = activity == "any"
                ? request.text("retention_activity_any_text")
                : AnalyticsLinks.fill(request.text("retention_activity_text"), ["event": AnalyticsLinks.event(request, activity)])
            let intro = AnalyticsLinks.fill(request.text("retention_intro"), [
                "cohort": request.text("retention_cohort_\(report["cohort"]?.text ?? cohort)_text"),
                "period": request.text("retention_unit_" + unit), "nth": request.text("retention_nth_" + unit),
                "activity": activityText, "mode": request.text("retention_mode_\(report["mode"]?.text ?? mode)_text"),
            ])
            var context: [String: Any] = [
                "period_tabs": AnalyticsLinks.tabs(request, name: "period", current: unit, options: ["day", "week", "month"].map { name in
                    (["period": name, "days": String(defaultRange[name]!)], request.text("retention_by_" + name))
                }),
                "range_tabs": AnalyticsLinks.periodTabs(request, window, labels: [180: request.text("retention_period_180")]),
                "from": window.from, "to": window.to, "period": unit, "days": window.days, "intro": intro, "heatmap": heatmap.svg,
                "has_data": people > 0,
                "cohorts": AnalyticsLinks.options(
                    ["first_event", "first_paid_order"].map { ($0, request.text("retention_cohort_" + $0)) }, selected: cohort),
                "activities": AnalyticsLinks.options(
                    [("any", request.text("retention_activity_any"))] + returnEvents.map { ($0, AnalyticsLinks.event(request, $0)) },
                    selected: activity),
                "modes": AnalyticsLinks.options(
                    ["bounded", "unbounded"].map { ($0, request.text("retention_mode_" + $0)) }, selected: mode),
                "summary_cohorts": style.count(filled), "summary_people": style.count(people),
            ]
            if let end = request.query("to") { context["end"] = end }
            return Page(title: request.text("nav_retention"), template: "retention", context: context)
        }
    }
}
