import Commerce
import Foundation
import Hummingbird
import Operations
import Persistence

/// `/membership/program` and a customer's `/membership` and `/points`.
enum MembershipRoutes {
    static func register(_ api: APIRouter) {
        let membership = api.yunying.membership
        api.add(.get, "/membership/program", roles: Roles.everyone, doc: RouteDoc(
            summary: "The membership program: tiers by growth value, earning rates, point value, redemption cap, expiry, activities",
            tag: "Membership", response: "MembershipProgram")) { req in
            try JSONCoding.encode(try await membership.program(req.shop))
        }
        api.add(.put, "/membership/program", roles: Roles.catalogWriters, doc: RouteDoc(
            summary: "Replace the membership program (members' tiers are recomputed, history kept)", tag: "Membership",
            request: "MembershipProgram", response: "MembershipProgram")) { req in
            let program = try await membership.setProgram(req.shop, json: Array(req.body.readableBytesView))
            return try JSONCoding.encode(program)
        }
        api.add(.get, "/customers/:id/membership", roles: Roles.everyone, doc: RouteDoc(
            summary: "A customer's tier, growth, points (balance, what expires next), tier history and points ledger",
            tag: "Membership", response: "Membership")) { req in
            let (record, program) = try await membership.membership(req.shop, customer: req.parameter("id"))
            return try JSONCoding.encode(object: MembershipView.object(record, program, currency: req.shop.currency))
        }
        api.add(.post, "/customers/:id/points", roles: Roles.orderWriters, doc: RouteDoc(
            summary: "Give an activity's points ({\"activity\": \"sign_in\"}) or correct the balance ({\"amount\": -50, \"note\": …})",
            tag: "Membership", request: "PointsInput", response: "Membership", status: 201)) { req in
            let input = try req.decode(PointsInput.self)
            let id = req.parameter("id")
            let (record, program) = switch (input.activity, input.amount) {
            case (let activity?, nil): try await membership.award(req.shop, customer: id, activity: activity, note: input.note)
            case (nil, let amount?): try await membership.adjust(req.shop, customer: id, amount: amount, note: input.note)
            default: throw APIError(status: .unprocessableContent, code: "invalid_value", message: "Give either activity or amount.", field: "activity")
            }
            return try JSONCoding.encode(object: MembershipView.object(record, program, currency: req.shop.currency), status: .created)
        }
    }
}

/// `{"activity": "sign_in"}` or `{"amount": -50, "note": "goodwill"}`.
struct PointsInput: Decodable {
    var activity: String?
    var amount: Int64?
    var note: String?
}
