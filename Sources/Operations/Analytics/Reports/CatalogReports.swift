import Insights
import Persistence

extension AnalyticsService {
    /// `skus`: views, add-to-carts, orders, units, revenue, margin and buyer conversion per SKU.
    func skus(_ shop: ShopInfo, _ parameters: ReportParameters) async throws -> ReportOutput {
        let data = try await sources(shop, reading: .ordersAndLines)
        let period = try parameters.period(data.calendar, now: time.now())
        let directory = Dictionary(uniqueKeysWithValues: try await store.skuDirectory(shop.id).map { (Int32($0.id), $0) })
        let report = SKUReport(frame: data.frame, orders: data.orders, period: period)
        let rows: [[(String, ReportValue)]] = report.rows.map { row in
            [("sku", .string(directory[row.id]?.code ?? "#\(row.id)")), ("title", .string(directory[row.id]?.title ?? ""))]
                + Self.activityFields(row, currency: data.currency)
        }
        return Self.rowsOutput(rows, columns: ["sku", "title"] + Self.activityKeys)
    }

    /// `categories`: the SKU figures per category and the category's roles, with the medians and
    /// the multipliers of the role rules they were compared against.
    func categories(_ shop: ShopInfo, _ parameters: ReportParameters) async throws -> ReportOutput {
        let data = try await sources(shop, reading: .ordersAndLines)
        let period = try parameters.period(data.calendar, now: time.now())
        var categoryOfSKU: [Int32: Int32] = [:]
        for sku in try await store.skuDirectory(shop.id) { if let category = sku.categoryID { categoryOfSKU[Int32(sku.id)] = Int32(category) } }
        let names = Dictionary(uniqueKeysWithValues: try await store.categories(shop.id).map { (Int32($0.id), $0.name) })
        let report = CategoryReport(frame: data.frame, orders: data.orders, period: period, categoryOfSKU: categoryOfSKU)
        let rows: [[(String, ReportValue)]] = report.rows.map { row in
            [("category", .string("cat_\(row.category)")), ("name", .string(names[row.category] ?? "")),
             ("roles", .array(row.roles.names.map { .string($0) })), ("traffic_share", .double(row.trafficShare))]
                + Self.activityFields(row.counts, currency: data.currency)
        }
        let medians: [(String, ReportValue)] = [
            ("traffic_share", .double(report.medianTrafficShare)), ("margin", .double(report.medianMargin)),
            ("buyer_conversion", .double(report.medianBuyerConversion)),
        ]
        let t = report.thresholds
        let thresholds: [(String, ReportValue)] = [
            ("traffic_driver", .double(t.trafficDriver)), ("high_margin", .double(t.highMargin)),
            ("high_conversion", .double(t.highConversion)), ("rising_star_traffic", .double(t.risingStarTraffic)),
        ]
        return Self.rowsOutput(rows, header: [("medians", .object(medians)), ("thresholds", .object(thresholds))], columns: ["category", "name", "roles", "traffic_share"] + Self.activityKeys)
    }

    /// `channels`: traffic, attributed orders and revenue, ad spend and its returns per channel;
    /// `model=last_non_direct|first_non_direct`, `lookback=30d`.
    func channels(_ shop: ShopInfo, _ parameters: ReportParameters) async throws -> ReportOutput {
        let data = try await sources(shop, reading: .orders)
        let period = try parameters.period(data.calendar, now: time.now())
        let attribution = Attribution(
            frame: data.frame, orders: data.orders, model: try parameters.choice("model", default: AttributionModel.lastNonDirect),
            lookbackMs: try parameters.duration("lookback", default: Attribution.defaultLookbackMs))
        let report = ChannelReport(
            frame: data.frame, orders: data.orders, attribution: attribution, period: period,
            adSpend: try await adSpend(shop, period, data.calendar))
        let money = { (amount: Int64) in ReportValue.money(amount, data.currency) }
        func spendFields(_ spend: SpendTotals) -> [(String, ReportValue)] {
            [("spend", money(spend.spend)), ("impressions", .int(Int(spend.impressions))), ("clicks", .int(Int(spend.clicks))),
             ("cpc", money(spend.cpc)), ("ctr", .double(spend.ctr))]
        }
        let rows: [[(String, ReportValue)]] = report.rows.map { row in
            [("channel", .string(row.channel))] + Self.trafficFields(row.traffic, currency: data.currency)
                + [("new_paying_customers", .int(row.newPayingCustomers))] + spendFields(row.spend)
                + [("roas", .double(row.roas)), ("cac", money(row.cac))]
        }
        let campaigns = report.campaigns.map { row in
            ReportValue.object(
                [("channel", .string(row.channel)), ("campaign", .string(row.campaign)), ("orders", .int(row.orders)),
                 ("revenue", money(row.revenue)), ("new_paying_customers", .int(row.newPayingCustomers))]
                    + spendFields(row.spend) + [("roas", .double(row.roas)), ("cac", money(row.cac))])
        }
        var output = Self.rowsOutput(
            rows, header: [("model", .string(report.model.rawValue))],
            columns: ["channel"] + Self.trafficKeys + ["new_paying_customers", "spend", "impressions", "clicks", "cpc", "ctr", "roas", "cac"])
        if case .object(var members) = output.json {
            members.append(("campaigns", .array(campaigns)))
            output.json = .object(members)
        }
        return output
    }

    static let activityKeys = ["views", "viewers", "add_to_carts", "orders", "units", "revenue", "cost", "margin", "buyers", "buyer_conversion"]

    static func activityFields(_ row: SKUReport.Row, currency: String) -> [(String, ReportValue)] {
        [("views", .int(row.views)), ("viewers", .int(row.viewers)), ("add_to_carts", .int(row.addToCarts)), ("orders", .int(row.orders)),
         ("units", .int(Int(row.units))), ("revenue", .money(row.revenue, currency)), ("cost", .money(row.cost, currency)),
         ("margin", .double(row.margin)), ("buyers", .int(row.buyers)), ("buyer_conversion", .double(row.buyerConversion))]
    }
}
