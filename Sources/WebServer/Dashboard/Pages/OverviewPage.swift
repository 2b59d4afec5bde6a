import Operations

/// Overview: KPI cards for today / 7 / 30 days with sparklines and the change against the
/// period before, the sentence explaining the GMV change, and the GMV trend.
enum OverviewPage {
    static let cards: [(key: String, kind: KPIKind)] = [
        ("gmv", .money), ("paid_revenue", .money), ("uv", .count), ("conversion_rate", .rate), ("aov_per_order", .money), ("repurchase_rate", .rate),
    ]

    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/", roles: Roles.analysts) { request in
            let window = try PeriodWindow(request, choices: [1, 7, 30], defaultDays: 7)
            let analytics = request.yunying.analytics
            // Four independent reports over the same cached data, computed side by side.
            async let currentReport = analytics.report(request.shop, name: "kpis", window.parameters)
            async let previousReport = analytics.report(request.shop, name: "kpis", window.previous.parameters)
            // The trend covers at least 30 days and the sparklines at least 14, so "today" still shows a shape.
            async let dailyReport = analytics.report(request.shop, name: "kpis", window.widened(to: max(30, window.days)).parameters(["by": "day"]))
            async let changeReport = analytics.report(request.shop, name: "gmv-change", window.parameters)
            let (current, previous, daily, change) = try await (currentReport.json, previousReport.json, dailyReport.json, changeReport.json)
            let rows = daily["rows"]?.items ?? []
            let recent = Array(rows.suffix(max(14, window.days)))
            let style = request.style
            let cards: [[String: Any]] = cards.map { card in
                let now = current[card.key]?.number ?? 0, before = previous[card.key]?.number ?? 0
                let relative = before == 0 ? Double.nan : (now - before) / before
                return [
                    "label": request.text("kpi_" + card.key),
                    "value": card.kind.format(current[card.key], style: style),
                    "change": relative.isFinite ? style.signedPercent(relative) : request.text("change_none"),
                    "direction": !relative.isFinite || relative == 0 ? "flat" : relative > 0 ? "up" : "down",
                    "sparkline": Sparkline(
                        title: request.text("kpi_" + card.key), summary: request.text("overview_sparkline_desc"),
                        values: recent.map { $0[card.key]?.number }, emptyText: request.text("no_data")).svg,
                ]
            }
            let sentenceKey = request.language == .zh ? "sentence_zh" : "sentence"
            let trend = LineChart(
                title: request.text("overview_trend"),
                summary: request.text("overview_trend_desc"),
                labels: rows.map { $0["period"]?.text ?? "" },
                series: [
                    ChartSeries(name: request.text("kpi_gmv"), values: rows.map { $0["gmv"]?.number }),
                    ChartSeries(name: request.text("kpi_paid_revenue"), values: rows.map { $0["paid_revenue"]?.number }),
                ],
                format: { style.moneyRounded($0, request.shop.currency.code) },
                emptyText: request.text("no_data"), width: 960, height: 300)
            return Page(title: request.text("nav_overview"), template: "overview", context: [
                "periods": window.choices(request), "cards": cards, "sentence": change[sentenceKey]?.text ?? "",
                "from": window.from, "to": window.to, "trend": trend.svg,
                // Today so far is compared with all of yesterday: say so, since the day is not over.
                "comparison": request.text(window.days == 1 ? "overview_vs_yesterday" : "overview_vs_previous"),
            ])
        }
    }
}

/// How a KPI's value reads on a card.
enum KPIKind {
    case money, count, rate

    func format(_ value: ReportValue?, style: NumberStyle) -> String {
        switch (self, value) {
        case (.money, .money(let amount, let currency)?): style.money(amount, currency)
        case (.count, .int(let count)?): style.count(count)
        case (.rate, .double(let rate)?): style.percent(rate)
        default: "–"
        }
    }
}
