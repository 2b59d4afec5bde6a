import Commerce
import Crypto
import Foundation
import Persistence
import Synchronization

/// API keys: created with a random secret shown once, stored as its SHA-256 hash,
/// authenticated with a small in-memory cache so a request costs no database read.
public final class AccessService: Sendable {
    let store: any Store
    let time: any TimeSource
    private let cache = Mutex<[String: (record: APIKeyRecord, until: Instant)]>([:])
    private let shops = Mutex<[ShopID: (shop: ShopInfo, until: Instant)]>([:])
    /// How long a verified key is trusted without reading the store again.
    let cacheSeconds: Int64 = 60

    public init(store: any Store, time: any TimeSource) {
        self.store = store
        self.time = time
    }

    /// Creates a key and returns the secret (`yk_…`), which is not stored anywhere.
    public func createKey(shop: ShopID, role: Role, name: String? = nil) async throws -> (record: APIKeyRecord, secret: String) {
        let secret = "yk_" + Self.randomToken(length: 40)
        let record = try await store.createAPIKey(
            shop, role: role, name: name ?? "\(role.rawValue) key", secretHash: Self.hash(secret),
            prefix: String(secret.prefix(10)), now: time.now())
        return (record, secret)
    }

    /// The key for a bearer secret, or `nil` when unknown or revoked.
    public func authenticate(secret: String) async throws -> APIKeyRecord? {
        guard secret.hasPrefix("yk_"), secret.utf8.count <= 128 else { return nil }
        if let record = verifiedKey(secret: secret) { return record }
        guard let record = try await store.apiKey(secretHash: Self.hash(secret)) else { return nil }
        cache.withLock { $0[secret] = (record, time.now().adding(seconds: cacheSeconds)) }
        return record
    }

    /// The key for a secret verified within the last `cacheSeconds`, without reading the store;
    /// `nil` says only that `authenticate` has to look.
    public func verifiedKey(secret: String) -> APIKeyRecord? {
        // Keyed by the secret itself: the process holds it anyway, and hashing every request costs.
        guard let cached = cache.withLock({ $0[secret] }), time.now() < cached.until else { return nil }
        return cached.record
    }

    /// The shop a key acts in, cached like the key itself.
    public func shop(_ id: ShopID) async throws -> ShopInfo? {
        if let shop = knownShop(id) { return shop }
        guard let shop = try await store.shop(id) else { return nil }
        shops.withLock { $0[id] = (shop, time.now().adding(seconds: cacheSeconds)) }
        return shop
    }

    /// The shop if read within the last `cacheSeconds`, without reading the store.
    public func knownShop(_ id: ShopID) -> ShopInfo? {
        guard let cached = shops.withLock({ $0[id] }), time.now() < cached.until else { return nil }
        return cached.shop
    }

    static func hash(_ secret: String) -> String {
        Hex.encode(SHA256.hash(data: Array(secret.utf8)))
    }

    /// A random alphanumeric token from the system's secure generator.
    public static func randomToken(length: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
