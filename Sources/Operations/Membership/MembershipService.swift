import Commerce
import Foundation
import Persistence

/// Use cases of membership (会员): the shop's program, a customer's tier and points, points for
/// activities and the shop's corrections. Orders earn and spend points themselves.
public struct MembershipService: Sendable {
    let store: any Store
    let time: any TimeSource

    public init(store: any Store, time: any TimeSource) {
        self.store = store
        self.time = time
    }

    public func program(_ shop: ShopInfo) async throws -> MembershipProgram {
        try await store.membershipProgram(shop.id)
    }

    /// Replaces the program from its JSON (the shape `GET` returns); tiers are recomputed.
    public func setProgram(_ shop: ShopInfo, json: [UInt8]) async throws -> MembershipProgram {
        let program: MembershipProgram
        do {
            program = try JSONDecoder().decode(MembershipProgram.self, from: Data(json))
        } catch let error as DecodingError {
            throw PromotionHeader.describe(error)
        } catch {
            throw CommerceError(code: "invalid_json", message: "The body is not a JSON object.", kind: .malformed)
        }
        try program.validate()
        try await store.setMembershipProgram(shop.id, program, now: time.now())
        return program
    }

    public func membership(_ shop: ShopInfo, customer id: String) async throws -> (MembershipRecord, MembershipProgram) {
        let customerID = try Self.customerID(id)
        guard let record = try await store.membership(shop.id, customerID: customerID, now: time.now()) else {
            throw OperationsError.notFound(entity: "customer", id: id)
        }
        return (record, try await store.membershipProgram(shop.id))
    }

    /// Gives the points of an activity the program names (`sign_in`, `review`, …).
    public func award(_ shop: ShopInfo, customer id: String, activity: String, note: String?) async throws -> (MembershipRecord, MembershipProgram) {
        let program = try await store.membershipProgram(shop.id)
        guard let points = program.activities[activity] else {
            throw OperationsError.invalid(
                code: "unknown_activity", field: "activity",
                message: "The program gives points for \(program.activities.keys.sorted().joined(separator: ", ")).")
        }
        let record = try await store.recordPoints(shop.id, customerID: try Self.customerID(id), kind: .activity, amount: points, note: note ?? activity, now: time.now())
        return (record, program)
    }

    /// A correction by the shop; a deduction may not take the balance below zero.
    public func adjust(_ shop: ShopInfo, customer id: String, amount: Int64, note: String?) async throws -> (MembershipRecord, MembershipProgram) {
        guard amount != 0, abs(amount) <= 100_000_000 else {
            throw OperationsError.invalid(code: "invalid_value", field: "amount", message: "amount is a non-zero whole number of points.")
        }
        let record = try await store.recordPoints(shop.id, customerID: try Self.customerID(id), kind: .adjust, amount: amount, note: note, now: time.now())
        return (record, try await store.membershipProgram(shop.id))
    }

    static func customerID(_ id: String) throws -> Int64 {
        guard let customerID = IDPrefix.customer.parse(id) else { throw OperationsError.notFound(entity: "customer", id: id) }
        return customerID
    }
}
