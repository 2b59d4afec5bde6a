import _CryptoExtras
import Crypto
import Dispatch
import Foundation

/// Dashboard passwords, stored as `pbkdf2-sha256$ROUNDS$SALT$HASH` (base64 salt and hash).
/// PBKDF2-HMAC-SHA256 at 600,000 rounds is OWASP's 2023 setting; the rounds are stored with the
/// hash so they can rise later without invalidating existing passwords.
public enum PasswordHash {
    public static let defaultRounds = 600_000
    static let scheme = "pbkdf2-sha256"

    /// A new hash with a random 16-byte salt. Runs off the cooperative pool: it is deliberately slow.
    public static func make(_ password: String, rounds: Int = defaultRounds) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let derived = try await derive(password, salt: salt, rounds: rounds)
        return "\(scheme)$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// Whether `password` matches `stored`; a malformed stored hash matches nothing.
    public static func verify(_ password: String, against stored: String) async -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == scheme, let rounds = Int(parts[1]), rounds >= 1,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              let derived = try? await derive(password, salt: Array(salt), rounds: rounds)
        else { return false }
        return constantTimeEqual(derived, Array(expected))
    }

    static func derive(_ password: String, salt: [UInt8], rounds: Int) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result {
                    let key = try KDF.Insecure.PBKDF2.deriveKey(
                        from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: rounds)
                    return key.withUnsafeBytes { Array($0) }
                })
            }
        }
    }

    /// Compares without stopping at the first difference, so timing says nothing about the hash.
    public static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
