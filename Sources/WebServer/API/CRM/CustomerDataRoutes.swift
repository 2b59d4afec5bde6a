import Commerce
import Foundation
import Hummingbird
import Operations
import Persistence

/// A customer's profile, opt-outs and personal data (export, erasure), and the CRM settings.
enum CustomerDataRoutes {
    static func register(_ api: APIRouter) {
        let yunying = api.yunying
        api.add(.get, "/customers/:id/profile", roles: Roles.everyone, doc: RouteDoc(
            summary: "Orders, spend, AOV, first/last order, channel, tier, points, RFM, lifecycle, intent, segments, recent events",
            tag: "CRM", response: "Report")) { req in
            APIResponse(status: .ok, body: Array(try await yunying.analytics.profile(req.shop, customer: req.parameter("id")).json.utf8))
        }
        api.add(.put, "/customers/:id/opt-outs", roles: Roles.orderWriters, doc: RouteDoc(
            summary: "The marketing channels the customer refuses: {\"channels\": [\"sms\", \"email\", \"wechat\"]}", tag: "CRM",
            request: "OptOuts", response: "OptOuts")) { req in
            let input = try req.decode(OptOutsInput.self)
            let channels = try await yunying.privacy.setOptOuts(req.shop, customer: req.parameter("id"), channels: input.channels)
            return try JSONCoding.encode(object: ["channels": channels.map(\.rawValue).sorted()])
        }
        api.add(.get, "/customers/:id/export", roles: Roles.adminOnly, doc: RouteDoc(
            summary: "Everything held about the customer (personal data export)", tag: "CRM", response: "Report")) { req in
            try JSONCoding.encode(object: try await yunying.privacy.export(req.shop, customer: req.parameter("id")))
        }
        api.add(.delete, "/customers/:id", roles: Roles.adminOnly, doc: RouteDoc(
            summary: "Erase the customer's personal data; orders stay for accounting without it", tag: "CRM", response: "Customer")) { req in
            try await yunying.privacy.erase(req.shop, customer: req.parameter("id"))
            return try JSONCoding.encode(CustomerView(try await yunying.customers.customer(req.shop, id: req.parameter("id"))))
        }
        api.add(.get, "/crm/settings", roles: Roles.everyone, doc: RouteDoc(
            summary: "Lifecycle and intent thresholds and the weekly message cap", tag: "CRM", response: "CRMSettings")) { req in
            try JSONCoding.encode(try await yunying.crmSettings.settings(req.shop))
        }
        api.add(.put, "/crm/settings", roles: Roles.catalogWriters, doc: RouteDoc(
            summary: "Change the lifecycle and intent thresholds and the weekly message cap", tag: "CRM",
            request: "CRMSettings", response: "CRMSettings")) { req in
            let settings = try await yunying.crmSettings.set(req.shop, json: Array(req.body.readableBytesView))
            return try JSONCoding.encode(settings)
        }
    }
}

struct OptOutsInput: Decodable {
    var channels: [String]
}
