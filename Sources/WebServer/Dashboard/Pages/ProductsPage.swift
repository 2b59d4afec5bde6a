import Operations

/// Products: the `skus` report as a sortable table (views, conversion, units, revenue, margin
/// rate) with each SKU's available stock and low-stock flag from the inventory, and the
/// `categories` report as a traffic-share × conversion quadrant chart and a table of roles.
enum ProductsPage {
    static let roles = ["traffic_driver", "high_margin", "high_conversion", "rising_star"]

    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/products", roles: Roles.analysts) { request in
            let window = try PeriodWindow(request, choices: [7, 30, 90], defaultDays: 30)
            let analytics = request.yunying.analytics
            let skus = try await analytics.report(request.shop, name: "skus", window.parameters).json
            let categories = try await analytics.report(request.shop, name: "categories", window.parameters).json
            let stock = Dictionary(
                try await request.yunying.inventory.stockTotals(request.shop).map { ($0.sku.code, $0) }, uniquingKeysWith: { first, _ in first })

            let skuRows: [[String: Any]] = (skus["rows"]?.items ?? [])
                .sorted { ($0["revenue"]?.number ?? 0) > ($1["revenue"]?.number ?? 0) }
                .map { row in
                    let code = row["sku"]?.text ?? ""
                    var cells: [String: Any] = [
                        "sku": code, "title": row["title"]?.text ?? "",
                        "views": AnalyticsLinks.count(request, row["views"]),
                        "conversion": AnalyticsLinks.percent(request, row["buyer_conversion"]),
                        "units": AnalyticsLinks.count(request, row["units"]),
                        "revenue": AnalyticsLinks.money(request, row["revenue"]),
                        "margin": (row["revenue"]?.number ?? 0) > 0 ? AnalyticsLinks.percent(request, row["margin"]) : AnalyticsLinks.cell("–", nil),
                    ]
                    if let level = stock[code] {
                        cells["stock"] = AnalyticsLinks.cell(request.style.count(level.total.available), Double(level.total.available))
                        cells["low"] = level.lowStock
                    } else {
                        cells["stock"] = AnalyticsLinks.cell("–", nil)
                        cells["low"] = false
                    }
                    return cells
                }
            var context = categoryContext(categories, request)
            context.merge([
                "periods": AnalyticsLinks.periodTabs(request, window), "from": window.from, "to": window.to,
                "skus": skuRows, "has_skus": !skuRows.isEmpty,
            ]) { _, new in new }
            return Page(title: request.text("nav_products"), template: "products", context: context)
        }
    }

    /// The quadrant chart, the roles table and the explanation of the rules of a `categories` report.
    static func categoryContext(_ report: ReportValue, _ request: DashboardRequest) -> [String: Any] {
        let style = request.style
        let rows = report["rows"]?.items ?? []
        let roleNames = roles.map { request.text("products_role_" + $0) } + [request.text("products_role_none")]
        func name(_ row: ReportValue) -> String {
            let name = row["name"]?.text ?? ""
            return name.isEmpty ? row["category"]?.text ?? "" : name
        }
        func roleList(_ row: ReportValue) -> [String] { (row["roles"]?.items ?? []).compactMap(\.text) }
        let medians = report["medians"]
        let active = rows.filter { ($0["views"]?.number ?? 0) > 0 || ($0["orders"]?.number ?? 0) > 0 }
        let chart = ScatterChart(
            title: request.text("products_quadrant_chart"), summary: request.text("products_quadrant_chart_desc"),
            points: active.map { row in
                ScatterChart.Point(
                    x: row["traffic_share"]?.number ?? 0, y: row["buyer_conversion"]?.number ?? 0, label: name(row),
                    group: roleList(row).first.flatMap { roles.firstIndex(of: $0) } ?? roles.count)
            },
            xTitle: request.text("products_traffic_share"), yTitle: request.text("products_conversion"),
            xFormat: { style.percent($0, digits: 0) }, yFormat: { style.percent($0, digits: 0) },
            quadrants: ScatterChart.Quadrants(
                x: medians?["traffic_share"]?.number ?? .nan, y: medians?["buyer_conversion"]?.number ?? .nan,
                topLeft: request.text("products_quadrant_top_left"), topRight: request.text("products_quadrant_top_right"),
                bottomLeft: request.text("products_quadrant_bottom_left"), bottomRight: request.text("products_quadrant_bottom_right")),
            groupNames: roleNames, emptyText: request.text("no_data"))
        let table: [[String: Any]] = rows
            .sorted { ($0["traffic_share"]?.number ?? 0) > ($1["traffic_share"]?.number ?? 0) }
            .map { row in
                let revenue = row["revenue"]?.number ?? 0
                return [
                    "name": name(row),
                    "traffic_share": AnalyticsLinks.percent(request, row["traffic_share"]),
                    "views": AnalyticsLinks.count(request, row["views"]),
                    "conversion": AnalyticsLinks.percent(request, row["buyer_conversion"]),
                    "margin": revenue > 0 ? AnalyticsLinks.percent(request, row["margin"]) : AnalyticsLinks.cell("–", nil),
                    "revenue": AnalyticsLinks.money(request, row["revenue"]),
                    "roles": roleList(row).map { request.language.strings["products_role_" + $0] ?? $0 },
                ]
            }
        var multipliers: [String: String] = [:]
        for key in ["traffic_driver", "high_margin", "high_conversion", "rising_star_traffic"] {
            multipliers[key] = report["thresholds"]?[key]?.number.map { ValueFormat.decimal($0, maxDecimals: 2) } ?? "–"
        }
        return [
            "category_chart": chart.svg, "categories": table, "has_categories": !table.isEmpty,
            "categories_intro": AnalyticsLinks.fill(request.text("products_categories_intro"), multipliers),
        ]
    }
}
