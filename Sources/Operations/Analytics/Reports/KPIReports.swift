import Persistence
import Insights

extension AnalyticsService {
    /// `kpis`: the whole period, or a series `by` day/week/month, or a breakdown by channel/device
    /// (by category it is the categories report).
    func kpis(_ shop: ShopInfo, _ parameters: ReportParameters) async throws -> ReportOutput {
        if parameters.values["by"] == "category" { return try await categories(shop, parameters) }
        let data = try await sources(shop, reading: .orders)
        let period = try parameters.period(data.calendar, now: time.now())
        guard let by = parameters.values["by"] else {
            let report = KPIReport(frame: data.frame, orders: data.orders, period: period, calendar: data.calendar)
            let fields = Self.kpiFields(report, currency: data.currency)
            return ReportOutput(json: .object(fields), columns: ["kpi", "value"], rows: fields.map { [.string($0.0), $0.1] })
        }
        if let calendarPeriod = CalendarPeriod(rawValue: by) {
            let series = KPISeries(frame: data.frame, orders: data.orders, period: period, calendar: data.calendar, by: calendarPeriod)
            let rows: [[(String, ReportValue)]] = series.rows.map { row in
                [("period", .string(row.label)), ("from", .string(data.calendar.label(row.firstDay, .day))),
                 ("to", .string(data.calendar.label(row.lastDay, .day)))] + Self.kpiFields(row.kpis, currency: data.currency)
            }
            return Self.rowsOutput(rows, header: [("by", .string(by))], columns: ["period", "from", "to"] + KPIReport.keys)
        }
        if let dimension = BreakdownDimension(rawValue: by) {
            let attribution = Attribution(frame: data.frame, orders: data.orders)
            let breakdown = TrafficBreakdown(frame: data.frame, orders: data.orders, attribution: attribution, period: period, dimension: dimension)
            let rows: [[(String, ReportValue)]] = breakdown.rows.map { row in
                [(by, .string(row.name))] + Self.trafficFields(row, currency: data.currency)
            }
            return Self.rowsOutput(rows, header: [("by", .string(by))], columns: [by] + Self.trafficKeys)
        }
        throw parameters.invalid("by", "by must be one of day, week, month, channel, device, category.")
    }

    /// `gmv-change`: this period against the one before (or `compare_from`/`compare_to`).
    func gmvChange(_ shop: ShopInfo, _ parameters: ReportParameters) async throws -> ReportOutput {
        let data = try await sources(shop, reading: .orders)
        let after = try parameters.period(data.calendar, now: time.now())
        var before = ReportPeriod(firstDay: after.firstDay - Int32(after.dayCount), lastDay: after.firstDay - 1, calendar: data.calendar)
        if parameters.values["compare_from"] != nil || parameters.values["compare_to"] != nil {
            before = try parameters.period(data.calendar, now: time.now(), fromKey: "compare_from", toKey: "compare_to")
        }
        func factors(_ period: ReportPeriod) -> GMVFactors {
            KPIReport(frame: data.frame, orders: data.orders, period: period, calendar: data.calendar).gmvFactors
        }
        let change = GMVChange(before: factors(before), after: factors(after))
        let money = { (amount: Int64) in ReportValue.money(amount, data.currency) }
        func side(_ period: ReportPeriod, _ f: GMVFactors) -> ReportValue {
            .object([("from", .string(data.calendar.label(period.firstDay, .day))), ("to", .string(data.calendar.label(period.lastDay, .day))),
                     ("gmv", money(f.paidRevenue)), ("uv", .int(f.uv)), ("paying_customers", .int(f.payingCustomers)),
                     ("conversion_rate", .double(f.conversion)), ("aov", money(MoneyMath.ratio(f.paidRevenue, Int64(f.payingCustomers))))])
        }
        let contributions: [(String, ReportValue)] = [("uv", money(change.uv)), ("conversion", money(change.conversion)), ("aov", money(change.aov))]
        let json = ReportValue.object([
            ("before", side(before, change.before)), ("after", side(after, change.after)), ("delta", money(change.delta)),
            ("contributions", .object(contributions)), ("sentence", .string(change.sentence(currency: data.currency))),
            ("sentence_zh", .string(change.sentenceChinese(currency: data.currency))),
        ])
        let rows: [[ReportValue]] = [
            [.string("before"), money(change.before.paidRevenue)], [.string("after"), money(change.after.paidRevenue)],
            [.string("delta"), money(change.delta)],
        ] + contributions.map { [.string("contribution of \($0.0)"), $0.1] } + [[.string("sentence"), .string(change.sentence(currency: data.currency))]]
        return ReportOutput(json: json, columns: ["item", "value"], rows: rows)
    }

    static func kpiFields(_ report: KPIReport, currency: String) -> [(String, ReportValue)] {
        report.fields.map { field in
            switch field.value {
            case .count(let value): (field.key, .int(value))
            case .money(let value): (field.key, .money(value, currency))
            case .rate(let value): (field.key, .double(value))
            }
        }
    }

    static let trafficKeys = ["uv", "sessions", "add_to_cart_rate", "orders", "paid_revenue", "paying_customers", "conversion_rate"]

    static func trafficFields(_ row: TrafficBreakdown.Row, currency: String) -> [(String, ReportValue)] {
        [("uv", .int(row.uv)), ("sessions", .int(row.sessions)), ("add_to_cart_rate", .double(row.addToCartRate)),
         ("orders", .int(row.orders)), ("paid_revenue", .money(row.paidRevenue, currency)),
         ("paying_customers", .int(row.payingCustomers)), ("conversion_rate", .double(row.conversionRate))]
    }

    /// `{…header, "rows": [{…}]}` and the same rows as a table with `columns`.
    static func rowsOutput(_ rows: [[(String, ReportValue)]], header: [(String, ReportValue)] = [], columns: [String]) -> ReportOutput {
        let table = rows.map { row in columns.map { column in row.first { $0.0 == column }?.1 ?? .null } }
        return ReportOutput(json: .object(header + [("rows", .array(rows.map { .object($0) }))]), columns: columns, rows: table)
    }
}
