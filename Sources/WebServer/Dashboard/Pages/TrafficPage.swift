import Operations

/// Traffic & channels: per channel UV, sessions, conversion, paid revenue, ad spend, ROAS and CAC
/// from the `channels` report (sortable), bar charts of paid revenue and ROAS per channel, the
/// campaigns with spend or credited orders, and visitors by device from `kpis` `by=device`.
enum TrafficPage {
    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/traffic", roles: Roles.analysts) { request in
            let window = try PeriodWindow(request, choices: [7, 30, 90], defaultDays: 30)
            let analytics = request.yunying.analytics
            let channels = try await analytics.report(request.shop, name: "channels", window.parameters).json
            let devices = try await analytics.report(request.shop, name: "kpis", window.parameters(["by": "device"])).json
            let style = request.style, currency = request.shop.currency.code

            // Channels with traffic, credited orders or spend, highest paid revenue first.
            let shown = (channels["rows"]?.items ?? [])
                .filter { ($0["uv"]?.number ?? 0) > 0 || ($0["orders"]?.number ?? 0) > 0 || ($0["spend"]?.number ?? 0) > 0 }
                .sorted { ($0["paid_revenue"]?.number ?? 0) > ($1["paid_revenue"]?.number ?? 0) }
            let rows: [[String: Any]] = shown.map { row in
                let hasSpend = (row["spend"]?.number ?? 0) > 0
                let roas = row["roas"]?.number ?? 0
                let hasCAC = hasSpend && (row["new_paying_customers"]?.number ?? 0) > 0
                return [
                    "name": AnalyticsLinks.channel(request, row["channel"]?.text ?? ""),
                    "uv": AnalyticsLinks.count(request, row["uv"]), "sessions": AnalyticsLinks.count(request, row["sessions"]),
                    "conversion": AnalyticsLinks.percent(request, row["conversion_rate"]),
                    "orders": AnalyticsLinks.count(request, row["orders"]),
                    "revenue": AnalyticsLinks.money(request, row["paid_revenue"]),
                    "spend": hasSpend ? AnalyticsLinks.money(request, row["spend"]) : AnalyticsLinks.cell("–", 0),
                    "roas": hasSpend ? AnalyticsLinks.cell(style.decimal(roas, digits: 2), roas) : AnalyticsLinks.cell("–", -1),
                    "cac": hasCAC ? AnalyticsLinks.money(request, row["cac"]) : AnalyticsLinks.cell("–", -1),
                    "new_paying": AnalyticsLinks.count(request, row["new_paying_customers"]),
                ]
            }
            let revenueChart = BarChart(
                title: request.text("traffic_revenue_chart"), summary: request.text("traffic_revenue_chart_desc"),
                labels: shown.map { AnalyticsLinks.channel(request, $0["channel"]?.text ?? "") },
                series: [ChartSeries(name: request.text("kpi_paid_revenue"), values: shown.map { $0["paid_revenue"]?.number })],
                orientation: .horizontal, format: { style.moneyRounded($0, currency) }, emptyText: request.text("no_data"))
            let withSpend = shown.filter { ($0["spend"]?.number ?? 0) > 0 }.sorted { ($0["roas"]?.number ?? 0) > ($1["roas"]?.number ?? 0) }
            let roasChart = BarChart(
                title: request.text("traffic_roas_chart"), summary: request.text("traffic_roas_chart_desc"),
                labels: withSpend.map { AnalyticsLinks.channel(request, $0["channel"]?.text ?? "") },
                series: [ChartSeries(name: request.text("traffic_roas"), values: withSpend.map { $0["roas"]?.number })],
                orientation: .horizontal, format: { style.decimal($0, digits: 2) }, emptyText: request.text("traffic_no_spend"))

            let campaigns: [[String: Any]] = (channels["campaigns"]?.items ?? []).map { row in
                let hasSpend = (row["spend"]?.number ?? 0) > 0
                let roas = row["roas"]?.number ?? 0
                return [
                    "channel": AnalyticsLinks.channel(request, row["channel"]?.text ?? ""), "campaign": row["campaign"]?.text ?? "",
                    "spend": AnalyticsLinks.money(request, row["spend"]), "orders": AnalyticsLinks.count(request, row["orders"]),
                    "revenue": AnalyticsLinks.money(request, row["revenue"]),
                    "roas": hasSpend ? AnalyticsLinks.cell(style.decimal(roas, digits: 2), roas) : AnalyticsLinks.cell("–", -1),
                ]
            }
            let deviceRows: [[String: Any]] = (devices["rows"]?.items ?? [])
                .filter { ($0["uv"]?.number ?? 0) > 0 || ($0["orders"]?.number ?? 0) > 0 }
                .map { row in
                    [
                        "name": AnalyticsLinks.device(request, row["device"]?.text ?? ""),
                        "uv": AnalyticsLinks.count(request, row["uv"]), "sessions": AnalyticsLinks.count(request, row["sessions"]),
                        "add_to_cart": AnalyticsLinks.percent(request, row["add_to_cart_rate"]),
                        "conversion": AnalyticsLinks.percent(request, row["conversion_rate"]),
                        "revenue": AnalyticsLinks.money(request, row["paid_revenue"]),
                    ]
                }
            let model = channels["model"]?.text ?? "last_non_direct"
            return Page(title: request.text("nav_traffic"), template: "traffic", context: [
                "periods": AnalyticsLinks.periodTabs(request, window), "from": window.from, "to": window.to,
                "intro": AnalyticsLinks.fill(request.text("traffic_intro"), ["model": AnalyticsLinks.label(request, "traffic_model_", model)]),
                "rows": rows, "has_rows": !rows.isEmpty, "revenue_chart": revenueChart.svg, "roas_chart": roasChart.svg,
                "campaigns": campaigns, "has_campaigns": !campaigns.isEmpty, "devices": deviceRows, "has_devices": !deviceRows.isEmpty,
            ])
        }
    }
}
