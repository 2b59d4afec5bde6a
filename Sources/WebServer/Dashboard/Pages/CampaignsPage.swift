import Commerce
import Operations
import Persistence

/// Campaigns: the list (`/campaigns`) and one campaign's result (`/campaigns/:id`): what each
/// member got, messages sent, and — for roles that may read reports, as the API's results — the
/// conversion and revenue per customer of targets against the holdout, the uplift with its 95%
/// interval, and bar charts of both.
enum CampaignsPage {
    static let pageSize = 50

    static func register(_ dashboard: DashboardRouter) {
        dashboard.page("/campaigns", roles: Roles.everyone) { request in
            let after = request.query("after").flatMap { IDPrefix.campaign.parse($0) }
            let page = try await request.yunying.campaigns.list(request.shop, page: PageRequest(limit: pageSize, startingAfter: after))
            var context: [String: Any] = ["rows": page.items.map { row($0, request: request) }, "empty": page.items.isEmpty]
            if page.hasMore, let last = page.items.last { context["more_href"] = "/campaigns?after=" + IDPrefix.campaign.format(last.id) }
            if after != nil { context["first_href"] = "/campaigns" }
            return Page(title: request.text("crm_campaigns"), template: "campaigns", context: context)
        }
        dashboard.page("/campaigns/:id", roles: Roles.everyone) { request in
            let campaign = try await request.yunying.campaigns.campaign(request.shop, id: request.parameter("id"))
            var context = row(campaign, request: request)
            let style = request.style
            context["outcomes"] = campaign.outcomes.sorted { $0.key < $1.key }.map { key, count in
                ["label": outcomeLabel(key, request), "key": key, "count": style.count(count)] as [String: Any]
            }
            context["messages_sent"] = style.count(campaign.outcomes["message_sent"] ?? 0)
            context["messages_failed"] = style.count(campaign.outcomes["message_failed"] ?? 0)
            context["messages_waiting"] = style.count((campaign.outcomes["message_pending"] ?? 0) + (campaign.outcomes["message_sending"] ?? 0))
            context["attribution_days"] = style.count(campaign.attributionDays)
            context["may_analyse"] = request.may(Roles.analysts)
            if request.may(Roles.analysts) {
                let result = try await request.yunying.analytics.campaignResult(request.shop, campaign)
                context.merge(CampaignResultView.context(result, request: request)) { _, new in new }
            }
            return Page(title: request.text("crm_campaign_title") + " · " + campaign.name, template: "campaign", context: context)
        }
    }

    /// A campaign as a list row and the facts of its page.
    static func row(_ record: CampaignRecord, request: DashboardRequest) -> [String: Any] {
        let style = request.style
        let id = IDPrefix.campaign.format(record.id)
        let held = record.outcomes["held_out"] ?? 0
        let members = record.outcomes.filter { !$0.key.hasPrefix("message_") }.values.reduce(0, +)
        let action: String
        switch record.action {
        case .coupon(let couponID): action = request.text("crm_action_coupon") + " " + IDPrefix.coupon.format(couponID)
        case .message(let channel, _): action = request.text("crm_action_message") + " · " + request.text("crm_channel_" + channel.rawValue)
        }
        var row: [String: Any] = [
            "id": id, "name": record.name, "href": "/campaigns/" + id,
            "segment_href": "/segments/" + IDPrefix.segment.format(record.segmentID), "segment_id": IDPrefix.segment.format(record.segmentID),
            "action": action, "holdout": style.count(record.holdoutPercent) + "%",
            "launched": ShopClock(request.shop).display(record.launchedAt), "launched_value": record.launchedAt.millisecondsSinceEpoch,
            "targets": style.count(members - held), "held_out": style.count(held),
        ]
        if case .message(_, let template) = record.action { row["template"] = template }
        return row
    }

    /// An outcome's name: `coupon_issued`, `queued`, `message_sent`, …; `coupon_failed_<code>` keeps its code.
    static func outcomeLabel(_ key: String, _ request: DashboardRequest) -> String {
        if let text = request.language.strings["crm_outcome_" + key] { return text }
        if key.hasPrefix("coupon_failed_") { return request.text("crm_outcome_coupon_failed") + " (" + key.dropFirst(14) + ")" }
        return key
    }
}
