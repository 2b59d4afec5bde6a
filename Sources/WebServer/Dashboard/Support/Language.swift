import Commerce

/// The dashboard's two languages; strings come from `DashboardStrings`, numbers from `NumberStyle`.
enum Language: String, Sendable, CaseIterable {
    case zh = "zh-CN"
    case en = "en"

    /// The query's `lang`, else the `yy_lang` cookie, else the first match in `Accept-Language`; English by default.
    static func pick(query: String?, cookie: String?, acceptLanguage: String?) -> Language {
        if let query, let language = Language(code: query) { return language }
        if let cookie, let language = Language(code: cookie) { return language }
        for part in (acceptLanguage ?? "").split(separator: ",") {
            let tag = part.split(separator: ";").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            if let language = Language(code: tag) { return language }
        }
        return .en
    }

    /// `zh`, `zh-CN`, `zh-Hans…` → Chinese; `en…` → English.
    init?(code: String) {
        let lower = code.lowercased()
        if lower == "zh" || lower.hasPrefix("zh-") || lower.hasPrefix("zh_") { self = .zh }
        else if lower == "en" || lower.hasPrefix("en-") || lower.hasPrefix("en_") { self = .en }
        else { return nil }
    }

    var other: Language { self == .zh ? .en : .zh }

    var strings: [String: String] { self == .zh ? DashboardStrings.zh : DashboardStrings.en }

    /// The string for `key`; a missing key shows itself, which the catalog test forbids.
    func text(_ key: String) -> String { strings[key] ?? key }
}
