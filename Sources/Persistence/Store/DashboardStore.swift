import Commerce

/// A person who signs in to the dashboard; acts within one shop with one role, like an API key.
public struct DashboardUser: Sendable, Equatable {
    public var id: Int64
    public var shopID: ShopID
    public var username: String
    public var role: Role
    /// `pbkdf2-sha256$ROUNDS$SALT$HASH` (see Operations' PasswordHash).
    public var passwordHash: String

    public init(id: Int64, shopID: ShopID, username: String, role: Role, passwordHash: String) {
        self.id = id
        self.shopID = shopID
        self.username = username
        self.role = role
        self.passwordHash = passwordHash
    }
}

/// A signed-in browser: found by the hash of its cookie token, carrying its CSRF token.
public struct DashboardSession: Sendable, Equatable {
    public var user: DashboardUser
    public var csrfToken: String
    public var expiresAt: Instant

    public init(user: DashboardUser, csrfToken: String, expiresAt: Instant) {
        self.user = user
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// Dashboard users, their sessions and one-time sign-in links. Usernames are unique across shops,
/// so the sign-in form needs no shop field.
public protocol DashboardStore: Sendable {
    /// Throws `StoreError.duplicate` when the username is taken.
    func createDashboardUser(_ shop: ShopID, username: String, role: Role, passwordHash: String, now: Instant) async throws -> DashboardUser
    func setDashboardPassword(userID: Int64, passwordHash: String) async throws
    func dashboardUser(username: String) async throws -> DashboardUser?
    func dashboardUsers(_ shop: ShopID) async throws -> [DashboardUser]
    func createDashboardSession(tokenHash: String, userID: Int64, csrfToken: String, expiresAt: Instant, now: Instant) async throws
    /// The unexpired session with this token hash.
    func dashboardSession(tokenHash: String, now: Instant) async throws -> DashboardSession?
    func deleteDashboardSession(tokenHash: String) async throws
    func createSignInLink(tokenHash: String, userID: Int64, expiresAt: Instant) async throws
    /// Deletes the link and returns its user when it was unexpired; a link works once.
    func consumeSignInLink(tokenHash: String, now: Instant) async throws -> DashboardUser?
}
