import Commerce
import Operations

/// A campaign result (`AnalyticsService.campaignResult`) as the campaign page shows it: per
/// metric, targets and holdout, the uplift with its 95% interval, p-value and chance to win; and a
/// bar chart per metric.
enum CampaignResultView {
    static func context(_ result: ReportValue, request: DashboardRequest) -> [String: Any] {
        let style = request.style
        let currency = result["currency"]?.text ?? request.shop.currency.code
        let clock = ShopClock(request.shop)
        var metrics: [[String: Any]] = []
        var charts: [String] = []
        for metric in result["metrics"]?.items ?? [] {
            let name = metric["metric"]?.text ?? ""
            let conversion = name == "conversion"
            let points = request.text("crm_pp")
            func value(_ number: Double) -> String {
                conversion ? style.percent(number) : style.money(Int64(number.rounded()), currency)
            }
            func difference(_ number: Double) -> String {
                guard number.isFinite else { return "–" }
                let sign = number > 0 ? "+" : ""
                return conversion ? sign + style.decimal(number * 100, digits: 1) + " " + points : sign + style.money(Int64(number.rounded()), currency)
            }
            let target = metric["target"]?["mean"]?.number ?? 0, holdout = metric["holdout"]?["mean"]?.number ?? 0
            var row: [String: Any] = [
                "label": request.text("crm_metric_" + name),
                "target": value(target), "holdout": value(holdout),
                "target_customers": style.count(Int(metric["target"]?["customers"]?.number ?? 0)),
                "holdout_customers": style.count(Int(metric["holdout"]?["customers"]?.number ?? 0)),
            ]
            if let uplift = metric["uplift"], let absolute = uplift["absolute"]?.number {
                let low = uplift["absolute_ci_low"]?.number ?? .nan, high = uplift["absolute_ci_high"]?.number ?? .nan
                row["uplift"] = difference(absolute)
                row["interval"] = "[" + difference(low) + ", " + difference(high) + "]"
                row["relative"] = style.signedPercent(uplift["relative"]?.number ?? .nan)
                row["relative_interval"] = "[" + style.signedPercent(uplift["relative_ci_low"]?.number ?? .nan) + ", "
                    + style.signedPercent(uplift["relative_ci_high"]?.number ?? .nan) + "]"
                // The p-value of the test whose interval is shown (and decides the badge).
                row["p_value"] = style.decimal(uplift["absolute_p_value"]?.number ?? .nan, digits: 3)
                row["chance_to_win"] = style.percent(uplift["chance_to_win"]?.number ?? .nan)
                row["significant"] = low > 0 || high < 0
            } else {
                row["uplift"] = request.text("crm_uplift_none")
            }
            metrics.append(row)
            let format: ChartFormatter
            if conversion {
                format = { style.percent($0) }
            } else {
                format = { style.moneyRounded($0, currency) }
            }
            charts.append(BarChart(
                title: request.text("crm_metric_" + name), summary: request.text("crm_result_chart_desc"),
                labels: [request.text("crm_targets"), request.text("crm_holdout")],
                series: [ChartSeries(name: request.text("crm_metric_" + name), values: [target, holdout])],
                orientation: .vertical,
                format: format,
                emptyText: request.text("no_data"), width: 360, height: 220).svg)
        }
        var context: [String: Any] = ["metrics": metrics, "result_charts": charts]
        if let from = result["from"]?.text.flatMap(Instant.init(iso8601:)), let to = result["to"]?.text.flatMap(Instant.init(iso8601:)) {
            context["result_from"] = clock.display(from)
            context["result_to"] = clock.display(to)
        }
        return context
    }
}
