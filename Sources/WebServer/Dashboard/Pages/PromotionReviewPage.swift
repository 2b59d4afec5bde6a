import Commerce
import Operations
import Persistence

/// A promotion's review (复盘, `/promotions/:id`): what the orders that used it did — orders,
/// GMV, discount cost, units, customers, new customers, average discount rate — beside the
/// equal-length period before it, with bar charts comparing the two.
enum PromotionReviewPage {
    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/promotions/:id", roles: Roles.everyone) { request in
            let review = try await request.yunying.promotions.review(request.shop, id: request.parameter("id"))
            let clock = ShopClock(request.shop), style = request.style, currency = request.shop.currency.code
            let during = review.during, before = review.before
            let beforeFrom = Instant(millisecondsSinceEpoch: 2 * review.period.from.millisecondsSinceEpoch - review.period.to.millisecondsSinceEpoch)
            func rate(_ figures: PromotionFigures) -> Double { figures.gmv == 0 ? 0 : Double(figures.discount) / Double(figures.gmv) }
            func change(_ now: Double, _ then: Double) -> (text: String, direction: String) {
                guard then != 0 else { return (request.text("change_none"), "flat") }
                let relative = (now - then) / then
                return (style.signedPercent(relative), relative == 0 ? "flat" : relative > 0 ? "up" : "down")
            }
            let figures: [(key: String, now: Double, then: Double, text: (Double) -> String)] = [
                ("orders", Double(during.orders), Double(before.orders), { style.count(Int64($0)) }),
                ("gmv", Double(during.gmv), Double(before.gmv), { style.money(Int64($0), currency) }),
                ("discount", Double(during.discount), Double(before.discount), { style.money(Int64($0), currency) }),
                ("units", Double(during.units), Double(before.units), { style.count(Int64($0)) }),
                ("customers", Double(during.customers), Double(before.customers), { style.count(Int64($0)) }),
                ("new_customers", Double(during.newCustomers), Double(before.newCustomers), { style.count(Int64($0)) }),
                ("average_discount_rate", rate(during), rate(before), { style.percent($0) }),
            ]
            let rows = figures.map { figure -> [String: Any] in
                let moved = change(figure.now, figure.then)
                return [
                    "label": request.text("promo_review_" + figure.key), "during": figure.text(figure.now), "before": figure.text(figure.then),
                    "change": moved.text, "direction": moved.direction,
                ]
            }
            let series = { (values: (PromotionFigures) -> [Double]) in
                [ChartSeries(name: request.text("promo_review_during"), values: values(during)),
                 ChartSeries(name: request.text("promo_review_before"), values: values(before))]
            }
            let counts = BarChart(
                title: request.text("promo_review_counts_chart"), summary: request.text("promo_review_chart_desc"),
                labels: ["orders", "units", "customers", "new_customers"].map { request.text("promo_review_" + $0) },
                series: series { [Double($0.orders), Double($0.units), Double($0.customers), Double($0.newCustomers)] },
                format: { style.count(Int64($0.rounded())) }, emptyText: request.text("no_data"), height: 220)
            let money = BarChart(
                title: request.text("promo_review_money_chart"), summary: request.text("promo_review_chart_desc"),
                labels: ["gmv", "discount"].map { request.text("promo_review_" + $0) },
                series: series { [Double($0.gmv), Double($0.discount)] },
                format: { style.moneyRounded($0, currency) }, emptyText: request.text("no_data"), height: 220)
            let record = review.promotion
            var summary = PromotionSummary.row(record, request: request, clock: clock, now: request.yunying.time.now())
            summary["may_write"] = request.may(Roles.catalogWriters)
            return Page(title: request.text("promo_review_title") + " · " + record.name, template: "promotion_review", context: [
                "promotion": summary, "rows": rows, "counts_chart": counts.svg, "money_chart": money.svg,
                "from": clock.display(review.period.from), "to": clock.display(review.period.to),
                "before_from": clock.display(beforeFrom), "before_to": clock.display(review.period.from),
                "empty": during.orders == 0 && before.orders == 0,
            ])
        }
    }
}
