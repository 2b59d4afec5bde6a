import Commerce
import Foundation
import Insights
import Persistence

/// Use cases of targeted campaigns (精准营销): a segment's customers get a coupon or a message,
/// a random holdout gets nothing, and the result compares the two (rules: docs/crm.md).
public struct CampaignService: Sendable {
    let store: any Store
    let time: any TimeSource
    let segments: SegmentService

    /// Launches from `{"name", "segment_id", "action": {"type": "coupon", "coupon_id"} |
    /// {"type": "message", "channel", "template"}, "holdout_percent" (10), "attribution_days" (14)}`.
    public func launch(_ shop: ShopInfo, json: [UInt8]) async throws -> CampaignRecord {
        let object = try PromotionService.object(json)
        guard let name = object["name"] as? String else { throw PromotionHeader.missingOrWrong("name", object, "a string") }
        try CatalogRules.validateTitle(name, field: "name")
        guard let segmentText = object["segment_id"] as? String else { throw PromotionHeader.missingOrWrong("segment_id", object, "a segment id") }
        let segment = try await segments.segment(shop, id: segmentText)
        let action = try await Self.action(object, shop: shop, store: store)
        let holdout = try PromotionHeader.integer(object, "holdout_percent") ?? 10
        guard (0...50).contains(holdout) else { throw CommerceError.invalid("holdout_percent", "holdout_percent is 0 to 50.") }
        let days = try PromotionHeader.integer(object, "attribution_days") ?? 14
        guard (1...90).contains(days) else { throw CommerceError.invalid("attribution_days", "attribution_days is 1 to 90.") }
        let evaluation = try await segments.evaluate(shop, rules: segment.rules)
        guard evaluation.size > 0 else {
            throw OperationsError.invalid(code: "empty_segment", field: "segment_id", message: "The segment has no customers now.")
        }
        let members = zip(evaluation.customers, evaluation.names).map { id, customerName -> (customerID: Int64, holdout: Bool, body: String?) in
            let held = Self.isHeldOut(campaign: name, customer: id, percent: Int(holdout))
            guard case .message(_, let template) = action, !held else { return (id, held, nil) }
            return (id, held, Self.render(template, name: customerName))
        }
        let settings = try await CRMSettings.load(store, shop.id)
        return try await store.launchCampaign(shop.id, NewCampaign(
            name: name, segmentID: segment.id, action: action, holdoutPercent: Int(holdout), attributionDays: Int(days),
            members: members, weeklyCap: settings.weeklyMessageCap), now: time.now())
    }

    public func campaign(_ shop: ShopInfo, id: String) async throws -> CampaignRecord {
        guard let campaignID = IDPrefix.campaign.parse(id), let record = try await store.campaign(shop.id, id: campaignID) else {
            throw OperationsError.notFound(entity: "campaign", id: id)
        }
        return record
    }

    public func list(_ shop: ShopInfo, page: PageRequest) async throws -> Page<CampaignRecord> {
        try await store.campaigns(shop.id, page: page)
    }

    public func messages(_ shop: ShopInfo, id: String) async throws -> [OutboxMessage] {
        try await store.outbox(shop.id, campaignID: try await campaign(shop, id: id).id)
    }

    /// Whether a customer is in the campaign's holdout: a hash of (campaign name, customer id),
    /// the same every time, uniform over customers.
    static func isHeldOut(campaign: String, customer: Int64, percent: Int) -> Bool {
        ExperimentAssignment.bucket(seed: "campaign:" + campaign, unit: IDPrefix.customer.format(customer)) * 100 < Double(percent)
    }

    /// The template with `{{name}}` replaced by the customer's name.
    static func render(_ template: String, name: String) -> String {
        template.replacingOccurrences(of: "{{name}}", with: name)
    }

    static func action(_ object: [String: Any], shop: ShopInfo, store: any Store) async throws -> CampaignAction {
        guard let action = object["action"] as? [String: Any] else { throw PromotionHeader.missingOrWrong("action", object, "an object") }
        switch action["type"] as? String {
        case "coupon":
            guard let text = action["coupon_id"] as? String else { throw PromotionHeader.missingOrWrong("action.coupon_id", action, "a coupon id") }
            guard let id = IDPrefix.coupon.parse(text), try await store.coupon(shop.id, id: id) != nil else {
                throw OperationsError.unknownReference(code: "unknown_coupon", field: "action.coupon_id", message: "No coupon \(text).")
            }
            return .coupon(couponID: id)
        case "message":
            guard let channelText = action["channel"] as? String, let channel = MessageChannel(rawValue: channelText) else {
                throw OperationsError.invalid(code: "invalid_value", field: "action.channel", message: "channel is sms, email or wechat.")
            }
            guard let template = action["template"] as? String, !template.isEmpty, template.count <= 1000 else {
                throw OperationsError.invalid(code: "invalid_value", field: "action.template", message: "template is 1 to 1000 characters; {{name}} is replaced.")
            }
            return .message(channel: channel, template: template)
        default:
            throw OperationsError.invalid(code: "invalid_value", field: "action.type", message: "action.type is coupon or message.")
        }
    }
}
