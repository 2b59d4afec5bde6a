import Commerce
import Hummingbird
import Operations

/// Funnel: a GET form for the `funnel` report's steps, window, order and breakdown; the funnel
/// chart and a table of the steps (count, conversion from the previous and from the first step);
/// the breakdown per channel or device when chosen; the top paths to a paid order (`paths`).
/// A step list the report refuses is shown inline on the form with the report's 422.
enum FunnelPage {
    static let defaultSteps = "product_view,add_to_cart,checkout_start,order_paid"
    static let defaultWindow = "7d"

    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/funnel", roles: Roles.analysts) { request in
            let window = try PeriodWindow(request, choices: [7, 30, 90], defaultDays: 30)
            let analytics = request.yunying.analytics
            let steps = request.query("steps") ?? defaultSteps
            let conversionWindow = request.query("window") ?? defaultWindow
            let mode = request.query("mode") ?? "ordered"
            let breakdown = request.query("breakdown") ?? ""
            var context: [String: Any] = [
                "periods": AnalyticsLinks.periodTabs(request, window), "from": window.from, "to": window.to,
                "days": window.days, "steps": steps, "window": conversionWindow,
                "modes": AnalyticsLinks.options(
                    ["ordered", "strict", "unordered"].map { ($0, request.text("funnel_mode_" + $0)) }, selected: mode),
                "breakdowns": AnalyticsLinks.options(
                    [("", request.text("funnel_breakdown_none"))] + ["channel", "device"].map { ($0, request.text("funnel_breakdown_" + $0)) },
                    selected: breakdown),
            ]
            if let end = request.query("to") { context["end"] = end }
            var status = HTTPResponse.Status.ok
            do {
                let funnel = try await analytics.report(request.shop, name: "funnel", window.parameters([
                    "steps": steps, "window": conversionWindow, "mode": mode, "breakdown": breakdown,
                ])).json
                context.merge(Self.funnelContext(funnel, request)) { _, new in new }
            } catch let error as any CodedError {
                // The report's refusal of what the operator typed, next to the form.
                let api = APIError(error)
                status = api.status
                context["error"] = api.message
                context["error_code"] = api.code
                if let field = api.field {
                    context["error_field"] = field
                    context["error_" + field] = true
                }
            }
            let paths = try await analytics.report(request.shop, name: "paths", window.parameters).json["rows"]?.items ?? []
            context["paths"] = paths.enumerated().map { index, row in
                [
                    "rank": index + 1,
                    "path": (row["path"]?.items ?? []).map { AnalyticsLinks.event(request, $0.text ?? "") }.joined(separator: " → "),
                    "count": AnalyticsLinks.count(request, row["count"]),
                ] as [String: Any]
            }
            context["has_paths"] = !paths.isEmpty
            return Page(title: request.text("nav_funnel"), template: "funnel", context: context, status: status)
        }
    }

    /// The chart, the steps table, the median time and the breakdown of a funnel report.
    static func funnelContext(_ funnel: ReportValue, _ request: DashboardRequest) -> [String: Any] {
        let style = request.style
        let steps = funnel["steps"]?.items ?? []
        // A plain event type by its catalog name, a filtered step as written.
        let names = steps.map { AnalyticsLinks.event(request, $0["name"]?.text ?? "") }
        let first = steps.first?["count"]?.number ?? 0
        let overall = steps.last?["conversion_from_start"]?.number ?? 0
        let chart = FunnelChart(
            title: request.text("funnel_chart"),
            summary: AnalyticsLinks.fill(request.text("funnel_chart_desc"), ["rate": style.percent(overall)]),
            steps: first > 0 ? zip(names, steps).map { FunnelChart.Step(name: $0, count: $1["count"]?.number) } : [],
            format: { style.count(Int64($0)) }, percentFormat: { style.percent($0) },
            previousCaption: request.text("funnel_of_previous"), firstCaption: request.text("funnel_of_first"),
            emptyText: request.text("no_data"))
        let rows: [[String: Any]] = zip(names, steps).enumerated().map { index, pair in
            [
                "name": pair.0, "count": AnalyticsLinks.count(request, pair.1["count"]),
                "from_previous": index == 0 ? AnalyticsLinks.cell("–", nil) : AnalyticsLinks.percent(request, pair.1["conversion_from_previous"]),
                "from_first": AnalyticsLinks.percent(request, pair.1["conversion_from_start"]),
            ]
        }
        var context: [String: Any] = ["chart": chart.svg, "rows": rows, "has_data": first > 0, "step_names": names]
        if let median = funnel["median_time_to_convert_ms"]?.number {
            context["median_time"] = duration(median, request)
        }
        let dimension = request.query("breakdown") ?? ""
        let groups = (funnel["breakdown"]?.items ?? []).filter { ($0["steps"]?.items.first?["count"]?.number ?? 0) > 0 }
        context["has_groups"] = !groups.isEmpty
        if !groups.isEmpty {
            context["groups"] = groups.map { group in
                let name = group["group"]?.text ?? ""
                let counts = group["steps"]?.items ?? []
                return [
                    "name": dimension == "device" ? AnalyticsLinks.device(request, name) : AnalyticsLinks.channel(request, name),
                    "counts": counts.map { AnalyticsLinks.count(request, $0["count"]) },
                    "overall": AnalyticsLinks.percent(request, counts.last?["conversion_from_start"]),
                ] as [String: Any]
            }
        }
        return context
    }

    /// Milliseconds as minutes, hours or days.
    static func duration(_ ms: Double, _ request: DashboardRequest) -> String {
        let minutes = ms / 60_000
        if minutes < 90 { return AnalyticsLinks.fill(request.text("funnel_minutes"), ["n": request.style.decimal(minutes, digits: 0)]) }
        if minutes < 48 * 60 { return AnalyticsLinks.fill(request.text("funnel_hours"), ["n": request.style.decimal(minutes / 60, digits: 1)]) }
        return AnalyticsLinks.fill(request.text("funnel_days"), ["n": request.style.decimal(minutes / 1440, digits: 1)])
    }
}
