import Commerce
import Operations
import Persistence

/// Customers (`/customers`): the RFM grid (R × FM cells with their segment and customers, shaded
/// by count) and the segment table from the `rfm` report, for roles that may read reports; and
/// every saved segment with its members now.
enum CustomersPage {
    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/customers", roles: Roles.everyone) { request in
            var context: [String: Any] = ["may_analyse": request.may(Roles.analysts), "may_write": request.may(Roles.catalogWriters)]
            if request.may(Roles.analysts) {
                let window = request.query("window").flatMap(Int.init).flatMap { [90, 180, 365].contains($0) ? $0 : nil } ?? 365
                let report = try await request.yunying.analytics.report(request.shop, name: "rfm", ReportParameters(["window_days": String(window)])).json
                context.merge(rfm(report, request: request)) { _, new in new }
                context["windows"] = [90, 180, 365].map { days in
                    ["label": request.text("crm_window_\(days)"), "href": "/customers?window=\(days)", "active": days == window] as [String: Any]
                }
            }
            let segments = request.yunying.segments
            let page = try await segments.list(request.shop, page: PageRequest(limit: 100))
            let evaluations = try await segments.evaluate(request.shop, rules: page.items.map(\.rules))
            let clock = ShopClock(request.shop), style = request.style
            context["segments"] = zip(page.items, evaluations).map { record, evaluation -> [String: Any] in
                [
                    "name": record.name, "href": "/segments/" + IDPrefix.segment.format(record.id), "size": style.count(evaluation.size),
                    "size_value": evaluation.size, "share": evaluation.total == 0 ? "–" : style.percent(Double(evaluation.size) / Double(evaluation.total)),
                    "updated": clock.display(record.updatedAt),
                ]
            }
            context["no_segments"] = page.items.isEmpty
            return Page(title: request.text("nav_customers"), template: "customers", context: context)
        }
    }

    /// The grid, the segment table and a chart of segment sizes from an `rfm` report.
    static func rfm(_ report: ReportValue, request: DashboardRequest) -> [String: Any] {
        let style = request.style, currency = request.shop.currency.code
        let cells = AnalyticsService.rfmGrid(report)
        let most = max(cells.map(\.customers).max() ?? 0, 1)
        let grid = stride(from: 5, through: 1, by: -1).map { fm -> [String: Any] in
            [
                "fm": fm,
                "cells": cells.filter { $0.fm == fm }.map { cell -> [String: Any] in
                    let fill = cell.customers == 0 ? "#ffffff" : ChartPalette.interpolate(ChartPalette.heatLow, ChartPalette.heatHigh, Double(cell.customers) / Double(most))
                    return [
                        "segment": request.text("crm_segment_" + cell.segment), "count": style.count(cell.customers), "value": cell.customers,
                        "style": "background:\(fill);color:\(ChartPalette.contrastingText(on: fill))", "r": cell.r, "fm": cell.fm,
                    ]
                },
            ]
        }
        var groups: [String: (customers: Int, frequency: Int, monetary: Int, recency: Int)] = [:]
        let rows = report["customers"]?.items ?? []
        for row in rows {
            guard let segment = row["segment"]?.text else { continue }
            var group = groups[segment] ?? (0, 0, 0, 0)
            group.customers += 1
            group.frequency += Int(row["frequency"]?.number ?? 0)
            group.monetary += Int(row["monetary"]?.number ?? 0)
            group.recency += Int(row["recency_days"]?.number ?? 0)
            groups[segment] = group
        }
        let total = rows.count
        let table = AnalyticsService.rfmSegmentNames.map { name -> [String: Any] in
            let group = groups[name] ?? (0, 0, 0, 0)
            let n = Double(max(group.customers, 1))
            return [
                "segment": request.text("crm_segment_" + name), "key": name, "customers": style.count(group.customers), "customers_value": group.customers,
                "share": total == 0 ? "–" : style.percent(Double(group.customers) / Double(total)),
                "frequency": group.customers == 0 ? "–" : style.decimal(Double(group.frequency) / n, digits: 1),
                "monetary": group.customers == 0 ? "–" : style.money(Int64((2 * group.monetary + group.customers) / (2 * group.customers)), currency),
                "recency": group.customers == 0 ? "–" : style.decimal(Double(group.recency) / n, digits: 0),
            ]
        }
        let chart = BarChart(
            title: request.text("crm_segment_chart"), summary: request.text("crm_segment_chart_desc"),
            labels: AnalyticsService.rfmSegmentNames.map { request.text("crm_segment_" + $0) },
            series: [ChartSeries(name: request.text("crm_customers"), values: AnalyticsService.rfmSegmentNames.map { Double(groups[$0]?.customers ?? 0) })],
            format: { style.count(Int64($0.rounded())) }, emptyText: request.text("no_data"))
        return [
            "grid": grid, "r_scores": Array(1...5), "segment_table": table, "segment_chart": total == 0 ? "" : chart.svg,
            "rfm_customers": style.count(total), "rfm_empty": total == 0,
        ]
    }
}
