/// Validation rules for catalog input, shared by every path that writes the catalog.
public enum CatalogRules {
    public static let maxCodeLength = 64
    public static let maxTitleLength = 200
    public static let maxDescriptionLength = 10_000

    /// A SKU code: 1–64 printable ASCII characters without spaces or slashes (it appears in URLs).
    public static func validateCode(_ code: String, field: String) throws(CommerceError) {
        guard !code.isEmpty, code.utf8.count <= maxCodeLength else {
            throw .invalid(field, "A SKU code has 1 to \(maxCodeLength) characters.", code: "invalid_sku_code")
        }
        let allowed = code.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") && $0 != UInt8(ascii: "%") }
        guard allowed else {
            throw .invalid(field, "A SKU code uses printable ASCII without spaces, '/', '?', '#' or '%'.", code: "invalid_sku_code")
        }
    }

    /// A non-empty title of bounded length.
    public static func validateTitle(_ title: String, field: String) throws(CommerceError) {
        let trimmed = title.trimmingWhitespace
        guard !trimmed.isEmpty else { throw .invalid(field, "Must not be empty.", code: "required") }
        guard title.count <= maxTitleLength else { throw .invalid(field, "At most \(maxTitleLength) characters.") }
    }

    public static func validateDescription(_ text: String, field: String) throws(CommerceError) {
        guard text.count <= maxDescriptionLength else { throw .invalid(field, "At most \(maxDescriptionLength) characters.") }
    }

    public static func validateThreshold(_ value: Int64, field: String) throws(CommerceError) {
        guard value >= 0 else { throw .invalid(field, "Must not be negative.") }
    }

    public static func validateWeight(_ value: Int64, field: String) throws(CommerceError) {
        guard value >= 0 else { throw .invalid(field, "Must not be negative.") }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
