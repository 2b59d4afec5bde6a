import Commerce
import Hummingbird
import Operations
import Persistence

/// `/reports/{name}` (every analytics report; JSON, or CSV with `format=csv`) and `/ad-spend`.
enum ReportRoutes {
    static let queryParameters = [
        "from", "to", "by", "format", "steps", "window", "mode", "breakdown", "cohort", "period", "return_event", "top", "model",
        "lookback", "compare_from", "compare_to", "key", "prior", "correction", "as_of", "window_days",
    ]

    static func register(_ api: APIRouter) {
        let analytics = api.yunying.analytics
        api.add(.get, "/reports/:name", roles: Roles.analysts, doc: RouteDoc(
            summary: "A report: \(AnalyticsService.reportNames.joined(separator: ", ")) (docs/analytics.md)", tag: "Reports",
            response: "Report", query: queryParameters)) { req in
            var values: [String: String] = [:]
            for (key, value) in req.request.uri.queryParameters { values[String(key)] = String(value) }
            let format = values.removeValue(forKey: "format") ?? "json"
            guard ["json", "csv"].contains(format) else {
                throw APIError(status: .unprocessableContent, code: "invalid_value", message: "format is json or csv.", field: "format")
            }
            let output = try await analytics.report(req.shop, name: req.parameter("name"), ReportParameters(values))
            if format == "csv" { return APIResponse(status: .ok, body: Array(output.csv.utf8), contentType: "text/csv; charset=utf-8") }
            return APIResponse(status: .ok, body: Array(output.json.json.utf8))
        }
        api.add(.post, "/ad-spend", roles: Roles.catalogWriters, doc: RouteDoc(
            summary: "Record ad spend per day, channel and campaign (replaces the same day, channel and campaign)", tag: "Reports",
            request: "AdSpendInput", response: "AdSpendResult")) { req in
            let input = try req.decode(AdSpendInput.self)
            let rows = try input.rows.enumerated().map { index, row in try row.record(index: index, currency: req.shop.currency) }
            try await analytics.recordAdSpend(req.shop, rows)
            return try JSONCoding.encode(["stored": rows.count])
        }
    }
}

/// `{"rows":[{"date","channel","campaign","spend","impressions","clicks"}]}`.
struct AdSpendInput: Decodable {
    struct Row: Decodable {
        var date: String
        var channel: String
        var campaign: String
        var spend: MoneyInput
        var impressions: Int64?
        var clicks: Int64?

        func record(index: Int, currency: Currency) throws -> AdSpendRecord {
            let amount = try spend.money(field: "rows[\(index)].spend", currency: currency)
            return AdSpendRecord(
                day: date, channel: channel, campaign: campaign, spend: amount.amount, impressions: impressions ?? 0, clicks: clicks ?? 0)
        }
    }

    var rows: [Row]
}
