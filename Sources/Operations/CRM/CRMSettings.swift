import Commerce
import Foundation
import Insights
import Persistence

/// A shop's CRM thresholds: lifecycle and intent rules, and the weekly message cap per customer.
public struct CRMSettings: Sendable, Equatable, Codable {
    public var lifecycle: LifecycleRules
    public var weeklyMessageCap: Int

    public init(lifecycle: LifecycleRules = LifecycleRules(), weeklyMessageCap: Int = 2) {
        self.lifecycle = lifecycle
        self.weeklyMessageCap = weeklyMessageCap
    }

    enum CodingKeys: String, CodingKey {
        case lifecycle
        case weeklyMessageCap = "weekly_message_cap"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lifecycle = try c.decodeIfPresent(LifecycleRules.self, forKey: .lifecycle) ?? LifecycleRules()
        weeklyMessageCap = try c.decodeIfPresent(Int.self, forKey: .weeklyMessageCap) ?? 2
    }

    static let key = "crm_settings"

    static func load(_ store: any Store, _ shop: ShopID) async throws -> CRMSettings {
        guard let text = try await store.setting(shop, key: key) else { return CRMSettings() }
        return (try? JSONDecoder().decode(CRMSettings.self, from: Data(text.utf8))) ?? CRMSettings()
    }
}

/// Reading and changing a shop's CRM settings.
public struct CRMSettingsService: Sendable {
    let store: any Store

    public func settings(_ shop: ShopInfo) async throws -> CRMSettings {
        try await CRMSettings.load(store, shop.id)
    }

    /// Replaces the settings from JSON (missing fields take their defaults).
    public func set(_ shop: ShopInfo, json: [UInt8]) async throws -> CRMSettings {
        let settings: CRMSettings
        do {
            settings = try JSONDecoder().decode(CRMSettings.self, from: Data(json))
        } catch let error as DecodingError {
            throw PromotionHeader.describe(error)
        } catch {
            throw CommerceError(code: "invalid_json", message: "The body is not a JSON object.", kind: .malformed)
        }
        if let problem = settings.lifecycle.problem {
            throw OperationsError.invalid(code: "invalid_value", field: "lifecycle." + problem.field, message: problem.message)
        }
        guard (0...50).contains(settings.weeklyMessageCap) else {
            throw OperationsError.invalid(code: "invalid_value", field: "weekly_message_cap", message: "weekly_message_cap is 0 to 50.")
        }
        let text = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try await store.setSetting(shop.id, key: CRMSettings.key, value: text)
        return settings
    }
}
