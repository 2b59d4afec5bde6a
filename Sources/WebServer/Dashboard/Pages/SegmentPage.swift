import Commerce
import Foundation
import Operations
import Persistence

/// A saved segment (`/segments/:id`): its rules, its members now with a preview of the first
/// ones, the campaigns launched at it, and the form launching a campaign (coupon or message,
/// with a holdout) through the campaign service, as `POST /api/v1/campaigns` does.
enum SegmentPage {
    static let previewSize = 20

    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/segments/:id", roles: Roles.everyone) { request in
            try await page(request, form: ["holdout_percent": "10", "attribution_days": "14", "action": "coupon", "channel": "sms"], error: nil)
        }
        dashboard.action("/segments/:id/campaigns", roles: Roles.catalogWriters) { request in
            let segment = try await request.yunying.segments.segment(request.shop, id: request.parameter("id"))
            let values = request.form.filter { $0.key != "csrf" }
            do {
                let json = try launchJSON(request, segmentID: IDPrefix.segment.format(segment.id))
                let campaign = try await request.yunying.campaigns.launch(request.shop, json: Array(try JSONSerialization.data(withJSONObject: json)))
                return .redirect("/campaigns/" + IDPrefix.campaign.format(campaign.id), notice: "campaign_launched")
            } catch let error as any CodedError {
                return .page(try await page(request, form: values, error: error))
            }
        }
    }

    /// The launch JSON of `POST /api/v1/campaigns` from the form.
    static func launchJSON(_ request: DashboardRequest, segmentID: String) throws -> [String: Any] {
        var object: [String: Any] = ["name": request.form["name"]?.trimmingCharacters(in: .whitespaces) ?? "", "segment_id": segmentID]
        switch request.field("action") {
        case "message":
            object["action"] = ["type": "message", "channel": request.field("channel") ?? "", "template": request.field("template") ?? ""]
        case "coupon":
            object["action"] = ["type": "coupon", "coupon_id": request.field("coupon_id") ?? ""]
        default:
            object["action"] = ["type": request.field("action") ?? ""]
        }
        for field in ["holdout_percent", "attribution_days"] {
            guard let text = request.field(field) else { continue }
            guard let number = Int(text) else {
                throw OperationsError.invalid(code: "invalid_value", field: field, message: "\(field) must be a whole number.")
            }
            object[field] = number
        }
        return object
    }

    /// The segment with the launch form showing `form`; with `error`, the refusal (status 422).
    static func page(_ request: DashboardRequest, form: [String: String], error: (any CodedError)?) async throws -> Page {
        let yunying = request.yunying, shop = request.shop, style = request.style
        let record = try await yunying.segments.segment(shop, id: request.parameter("id"))
        let evaluation = try await yunying.segments.evaluate(shop, rules: record.rules)
        let id = IDPrefix.segment.format(record.id)
        var context: [String: Any] = [
            "name": record.name, "id": id, "rules": prettyRules(record.rules),
            "size": style.count(evaluation.size), "total": style.count(evaluation.total),
            "share": evaluation.total == 0 ? "–" : style.percent(Double(evaluation.size) / Double(evaluation.total)),
            "members": zip(evaluation.customers, evaluation.names).prefix(previewSize).map { customer, name in
                ["id": IDPrefix.customer.format(customer), "name": name]
            },
            "more_members": evaluation.size > previewSize, "no_members": evaluation.size == 0,
            "may_write": request.may(Roles.catalogWriters), "f": form, "action_path": "/segments/\(id)/campaigns",
            "is_message": form["action"] == "message",
            "channels": MessageChannel.allCases.map { channel in
                ["value": channel.rawValue, "label": request.text("crm_channel_" + channel.rawValue), "selected": form["channel"] == channel.rawValue] as [String: Any]
            },
        ]
        let campaigns = try await yunying.campaigns.list(shop, page: PageRequest(limit: 100)).items.filter { $0.segmentID == record.id }
        context["campaigns"] = campaigns.map { CampaignsPage.row($0, request: request) }
        context["has_campaigns"] = !campaigns.isEmpty
        if request.may(Roles.catalogWriters) {
            let coupons = try await yunying.coupons.list(shop, page: PageRequest(limit: 100)).items
            context["coupons"] = coupons.map { coupon in
                let couponID = IDPrefix.coupon.format(coupon.id)
                return ["value": couponID, "label": "\(coupon.terms.name) (\(couponID))", "selected": form["coupon_id"] == couponID] as [String: Any]
            }
            context["no_coupons"] = coupons.isEmpty
        }
        if let error {
            let shown = APIError(error)
            context["error"] = shown.message
            context["error_code"] = shown.code
            context["error_field"] = shown.field as Any
        }
        return Page(title: request.text("crm_segment_title") + " · " + record.name, template: "segment", context: context,
                    status: error == nil ? .ok : .unprocessableContent)
    }

    /// The rules as indented JSON for reading.
    static func prettyRules(_ rules: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(rules.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        else { return rules }
        return String(decoding: data, as: UTF8.self)
    }
}
