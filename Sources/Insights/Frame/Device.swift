/// Device class of an event or session.
public enum Device: UInt8, CaseIterable, Sendable {
    case other = 0, desktop, mobile, tablet, app, miniProgram

    /// The wire name, e.g. `"mini_program"`.
    public var name: String {
        switch self {
        case .other: "other"
        case .desktop: "desktop"
        case .mobile: "mobile"
        case .tablet: "tablet"
        case .app: "app"
        case .miniProgram: "mini_program"
        }
    }

    /// The device with this wire name.
    public init?(name: String) {
        guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }
}
