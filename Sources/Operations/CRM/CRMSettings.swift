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
