import Commerce
import Foundation
import Hummingbird
import Operations
import Persistence

/// `/campaigns`: a segment gets a coupon or a message, a holdout gets nothing; results compare them.
enum CampaignRoutes {
    static func register(_ api: APIRouter) {
        let campaigns = api.yunying.campaigns
        let analytics = api.yunying.analytics
        api.add(.post, "/campaigns", roles: Roles.catalogWriters, doc: RouteDoc(
            summary: "Launch a campaign: {name, segment_id, action: {type: coupon, coupon_id} | {type: message, channel, template}, holdout_percent, attribution_days}",
            tag: "CRM", request: "CreateCampaign", response: "Campaign", status: 201)) { req in
            try JSONCoding.encode(object: view(try await campaigns.launch(req.shop, json: Array(req.body.readableBytesView))), status: .created)
        }
        api.add(.get, "/campaigns", roles: Roles.everyone, doc: RouteDoc(
            summary: "List campaigns, newest first", tag: "CRM", response: "CampaignList", query: ["limit", "starting_after"])) { req in
            let page = try await campaigns.list(req.shop, page: req.page(.campaign))
            return try JSONCoding.encode(object: ["data": page.items.map(view), "has_more": page.hasMore])
        }
        api.add(.get, "/campaigns/:id", roles: Roles.everyone, doc: RouteDoc(
            summary: "A campaign with its members' outcomes and message deliveries", tag: "CRM", response: "Campaign")) { req in
            try JSONCoding.encode(object: view(try await campaigns.campaign(req.shop, id: req.parameter("id"))))
        }
        api.add(.get, "/campaigns/:id/results", roles: Roles.analysts, doc: RouteDoc(
            summary: "Conversion and revenue per customer, targets vs holdout, with the uplift and its 95% interval",
            tag: "CRM", response: "Report")) { req in
            let campaign = try await campaigns.campaign(req.shop, id: req.parameter("id"))
            return APIResponse(status: .ok, body: Array(try await analytics.campaignResult(req.shop, campaign).json.utf8))
        }
        api.add(.get, "/campaigns/:id/messages", roles: Roles.analysts, doc: RouteDoc(
            summary: "The campaign's messages and their delivery", tag: "CRM", response: "MessageList")) { req in
            let messages = try await campaigns.messages(req.shop, id: req.parameter("id"))
            return try JSONCoding.encode(object: ["data": messages.map { message -> [String: Any] in
                ["id": IDPrefix.message.format(message.id), "customer_id": IDPrefix.customer.format(message.customerID),
                 "channel": message.channel.rawValue, "body": message.body, "status": message.status, "attempts": message.attempts,
                 "error": message.error.map { $0 as Any } ?? NSNull()]
            }, "has_more": false])
        }
    }

    static func view(_ record: CampaignRecord) -> [String: Any] {
        var action: [String: Any]
        switch record.action {
        case .coupon(let id): action = ["type": "coupon", "coupon_id": IDPrefix.coupon.format(id)]
        case .message(let channel, let template): action = ["type": "message", "channel": channel.rawValue, "template": template]
        }
        return [
            "id": IDPrefix.campaign.format(record.id), "name": record.name, "segment_id": IDPrefix.segment.format(record.segmentID),
            "action": action, "holdout_percent": record.holdoutPercent, "attribution_days": record.attributionDays,
            "launched_at": record.launchedAt.iso8601, "outcomes": record.outcomes,
        ]
    }
}
