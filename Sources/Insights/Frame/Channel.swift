/// Touch channel of an event or session (classified by the caller; rules in docs/analytics.md).
public enum Channel: UInt8, CaseIterable, Sendable {
    case direct = 0, paidSearch, organicSearch, social, liveStream, shortVideo, kol, emailSMS, referral

    /// The wire name, e.g. `"paid_search"`.
    public var name: String {
        switch self {
        case .direct: "direct"
        case .paidSearch: "paid_search"
        case .organicSearch: "organic_search"
        case .social: "social"
        case .liveStream: "live_stream"
        case .shortVideo: "short_video"
        case .kol: "kol"
        case .emailSMS: "email_sms"
        case .referral: "referral"
        }
    }

    /// The channel with this wire name.
    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }
}
