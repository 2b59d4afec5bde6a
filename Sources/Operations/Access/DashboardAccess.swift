import Commerce
import Crypto
import Persistence

/// Dashboard users and their browser sessions: sign-in with a password (PBKDF2) or a one-time
/// link printed by the CLI, a random session token kept by the browser (only its hash is stored)
/// and a CSRF token per session that every form must echo.
public struct DashboardAccess: Sendable {
    let store: any Store
    let time: any TimeSource
    let throttle = SignInThrottle()
    /// How long a session lasts from sign-in (seconds).
    public static let sessionSeconds: Int64 = 12 * 3600
    /// How long a printed sign-in link works (seconds).
    public static let linkSeconds: Int64 = 15 * 60
    /// A hash no password matches, checked for unknown usernames so both failures take as long.
    static let decoyHash = "pbkdf2-sha256$\(PasswordHash.defaultRounds)$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

    public init(store: any Store, time: any TimeSource) {
        self.store = store
        self.time = time
    }

    /// Creates a user of `shop`; usernames are 3–64 letters, digits, `.`, `_` or `-`; passwords 8–200 characters.
    public func createUser(_ shop: ShopInfo, username: String, password: String, role: Role, rounds: Int = PasswordHash.defaultRounds) async throws -> DashboardUser {
        try Self.validate(username: username)
        try Self.validate(password: password)
        guard role != .ingest else {
            throw OperationsError.invalid(code: "invalid_value", field: "role", message: "The ingest role only sends events; dashboard users need another role.")
        }
        let hash = try await PasswordHash.make(password, rounds: rounds)
        return try await store.createDashboardUser(shop.id, username: username, role: role, passwordHash: hash, now: time.now())
    }

    /// Replaces a user's password and signs out their sessions.
    public func setPassword(username: String, password: String, rounds: Int = PasswordHash.defaultRounds) async throws {
        try Self.validate(password: password)
        guard let user = try await store.dashboardUser(username: username) else { throw OperationsError.notFound(entity: "user", id: username) }
        try await store.setDashboardPassword(userID: user.id, passwordHash: try await PasswordHash.make(password, rounds: rounds))
    }

    public func users(_ shop: ShopInfo) async throws -> [DashboardUser] {
        try await store.dashboardUsers(shop.id)
    }

    /// What a sign-in with a password led to.
    public enum SignIn: Sendable {
        case signedIn(token: String, session: DashboardSession)
        /// Unknown username or wrong password (not told apart).
        case rejected
        /// Too many failures for this username lately; try again later.
        case throttled
    }

    /// A new session for a matching username and password.
    public func signIn(username: String, password: String) async throws -> SignIn {
        guard throttle.allows(username, now: time.now()) else { return .throttled }
        let user = try await store.dashboardUser(username: username)
        guard await PasswordHash.verify(password, against: user?.passwordHash ?? Self.decoyHash), let user else {
            throttle.recordFailure(username, now: time.now())
            return .rejected
        }
        throttle.recordSuccess(username)
        let started = try await startSession(user)
        return .signedIn(token: started.token, session: started.session)
    }

    /// A one-time sign-in URL path for `username`, valid for `linkSeconds`.
    public func createSignInLink(username: String) async throws -> String {
        guard let user = try await store.dashboardUser(username: username) else { throw OperationsError.notFound(entity: "user", id: username) }
        let token = AccessService.randomToken(length: 40)
        try await store.createSignInLink(tokenHash: Self.hash(token), userID: user.id, expiresAt: time.now().adding(seconds: Self.linkSeconds))
        return "/signin/link?token=\(token)"
    }

    /// Exchanges a sign-in link's token for a session; a token works once.
    public func signIn(linkToken: String) async throws -> (token: String, session: DashboardSession)? {
        guard Self.plausible(linkToken), let user = try await store.consumeSignInLink(tokenHash: Self.hash(linkToken), now: time.now()) else { return nil }
        return try await startSession(user)
    }

    /// The session a browser's cookie token names, if unexpired.
    public func session(token: String) async throws -> DashboardSession? {
        guard Self.plausible(token) else { return nil }
        return try await store.dashboardSession(tokenHash: Self.hash(token), now: time.now())
    }

    public func signOut(token: String) async throws {
        guard Self.plausible(token) else { return }
        try await store.deleteDashboardSession(tokenHash: Self.hash(token))
    }

    func startSession(_ user: DashboardUser) async throws -> (token: String, session: DashboardSession) {
        let token = AccessService.randomToken(length: 43)
        let csrf = AccessService.randomToken(length: 32)
        let now = time.now()
        let expires = now.adding(seconds: Self.sessionSeconds)
        try await store.createDashboardSession(tokenHash: Self.hash(token), userID: user.id, csrfToken: csrf, expiresAt: expires, now: now)
        return (token, DashboardSession(user: user, csrfToken: csrf, expiresAt: expires))
    }

    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Array(token.utf8)))
    }

    static func plausible(_ token: String) -> Bool {
        (20...80).contains(token.utf8.count) && token.utf8.allSatisfy { $0 < 128 }
    }

    static func validate(username: String) throws {
        let allowed = username.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "._-".unicodeScalars.contains($0) }
        guard (3...64).contains(username.count), allowed else {
            throw OperationsError.invalid(code: "invalid_value", field: "username", message: "A username has 3 to 64 letters, digits, '.', '_' or '-'.")
        }
    }

    static func validate(password: String) throws {
        guard (8...200).contains(password.count) else {
            throw OperationsError.invalid(code: "invalid_value", field: "password", message: "A password has 8 to 200 characters.")
        }
    }
}
