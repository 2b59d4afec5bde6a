import Commerce
import Foundation
import Insights
import Persistence

extension AnalyticsService {
    /// A campaign's effect: conversion (an order paid in the attribution window after launch) and
    /// revenue per customer, targets against the holdout. Every target counts, reached or not
    /// (intention to treat), so opt-outs and caps cannot bias the comparison.
    public func campaignResult(_ shop: ShopInfo, _ campaign: CampaignRecord) async throws -> ReportValue {
        let members = try await store.campaignMembers(shop.id, campaignID: campaign.id)
        let data = try await sources(shop, reading: .orders, events: false)
        let from = campaign.launchedAt.millisecondsSinceEpoch
        let to = campaign.launchedAt.adding(seconds: Int64(campaign.attributionDays) * 86_400).millisecondsSinceEpoch
        var revenue: [Int64: Int64] = [:], converted = Set<Int64>()
        let orders = data.orders
        for i in 0..<orders.orderCount where orders.customer[i] != 0 && orders.paidAt[i] >= from && orders.paidAt[i] < to {
            revenue[orders.customer[i], default: 0] += orders.total[i]
            converted.insert(orders.customer[i])
        }
        func summary(_ name: String, holdout: Bool, conversion: Bool) -> VariantSummary {
            var units = 0, sum = 0.0, squares = 0.0
            for member in members where member.holdout == holdout {
                units += 1
                let value = conversion ? (converted.contains(member.customerID) ? 1.0 : 0) : Double(revenue[member.customerID] ?? 0)
                sum += value
                squares += value * value
            }
            return VariantSummary(name: name, weight: holdout ? Double(campaign.holdoutPercent) / 100 : 1 - Double(campaign.holdoutPercent) / 100,
                                  units: units, sum: sum, sumSquares: squares)
        }
        func metric(_ name: String, conversion: Bool) -> ReportValue {
            let groups = [summary("holdout", holdout: true, conversion: conversion), summary("target", holdout: false, conversion: conversion)]
            let base: [(String, ReportValue)] = [
                ("metric", .string(name)),
                ("holdout", .object([("customers", .int(groups[0].units)), ("mean", .double(groups[0].units == 0 ? 0 : groups[0].sum / Double(groups[0].units)))])),
                ("target", .object([("customers", .int(groups[1].units)), ("mean", .double(groups[1].units == 0 ? 0 : groups[1].sum / Double(groups[1].units)))])),
            ]
            guard let comparison = try? ExperimentAnalysis.compare(groups, type: conversion ? .proportion : .mean), comparison.variants.count == 2 else {
                return .object(base + [("uplift", .null)])
            }
            let target = comparison.variants[1]
            return .object(base + [("uplift", .object([
                ("absolute", .double(target.liftAbsolute)),
                ("absolute_ci_low", .double(target.ciAbsoluteLow)), ("absolute_ci_high", .double(target.ciAbsoluteHigh)),
                ("absolute_p_value", .double(target.pValueAbsolute)),
                ("relative", .double(target.liftRelative)),
                ("relative_ci_low", .double(target.ciLow)), ("relative_ci_high", .double(target.ciHigh)), ("p_value", .double(target.pValue)),
                ("chance_to_win", .double(target.chanceToWin)),
            ]))])
        }
        return .object([
            ("campaign_id", .string(IDPrefix.campaign.format(campaign.id))), ("from", .string(campaign.launchedAt.iso8601)),
            ("to", .string(Instant(millisecondsSinceEpoch: to).iso8601)), ("currency", .string(data.currency)),
            ("metrics", .array([metric("conversion", conversion: true), metric("revenue_per_customer", conversion: false)])),
        ])
    }
}
