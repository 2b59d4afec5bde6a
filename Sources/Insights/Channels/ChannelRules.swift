/// How an event's UTM parameters and referrer name its channel (docs/analytics.md, "Channel
/// rules"). Every list is configurable per shop; the defaults cover common Chinese and global
/// sources. Matching ignores case.
public struct ChannelRules: Sendable, Codable, Equatable {
    /// `utm_medium` values that mean paid search.
    public var paidSearchMediums: [String]
    /// Names that, as `utm_medium` or `utm_source`, decide the channel; checked in this order.
    public var namedSources: [NamedSource]
    /// Referrer hosts of search engines (a host matches its domain or any subdomain; a name
    /// without a dot matches any domain label, so `baidu` matches `www.baidu.com`).
    public var searchEngines: [String]
    /// Referrer hosts of social sites.
    public var socialSites: [String]
    /// The shop's own hosts: referrers from them are internal (not a new touch).
    public var ownHosts: [String]

    /// A name and the channel it means.
    public struct NamedSource: Sendable, Codable, Equatable {
        public var name: String
        public var channel: String

        public init(_ name: String, _ channel: Channel) {
            self.name = name
            self.channel = channel.name
        }
    }

    public init(
        paidSearchMediums: [String] = ["cpc", "ppc", "paid_search", "sem"],
        namedSources: [NamedSource] = ChannelRules.defaultNamedSources,
        searchEngines: [String] = ["baidu", "google", "bing", "sogou", "so.com", "yandex", "duckduckgo"],
        socialSites: [String] = ["weibo", "wechat", "weixin.qq.com", "xiaohongshu", "facebook", "instagram", "twitter", "x.com"],
        ownHosts: [String] = []
    ) {
        self.paidSearchMediums = paidSearchMediums
        self.namedSources = namedSources
        self.searchEngines = searchEngines
        self.socialSites = socialSites
        self.ownHosts = ownHosts
    }

    public static let defaultNamedSources: [NamedSource] = [
        .init("live", .liveStream), .init("livestream", .liveStream), .init("live_stream", .liveStream),
        .init("short_video", .shortVideo), .init("douyin", .shortVideo), .init("kuaishou", .shortVideo), .init("tiktok", .shortVideo),
        .init("kol", .kol), .init("influencer", .kol),
        .init("email", .emailSMS), .init("sms", .emailSMS), .init("edm", .emailSMS),
        .init("social", .social), .init("weibo", .social), .init("wechat", .social), .init("xiaohongshu", .social),
        .init("facebook", .social), .init("instagram", .social), .init("twitter", .social), .init("x", .social),
    ]

    /// The channel of one touch.
    public func classify(utmSource: String?, utmMedium: String?, referrer: String?, url: String? = nil) -> Channel {
        Classifier(self).classify(utmSource: utmSource, utmMedium: utmMedium, referrer: referrer, url: url)
    }

    /// The rules with every name lowercased and indexed, for classifying many touches.
    public struct Classifier: Sendable {
        let paidSearchMediums: Set<String>
        /// Each name's first rule: its position in the list and its channel.
        let named: [String: (position: Int, channel: Channel)]
        let searchEngines: [String]
        let socialSites: [String]
        let ownHosts: [String]

        public init(_ rules: ChannelRules) {
            paidSearchMediums = Set(rules.paidSearchMediums.map { $0.lowercased() })
            var named: [String: (position: Int, channel: Channel)] = [:]
            for (position, source) in rules.namedSources.enumerated() {
                if let channel = Channel(name: source.channel), named[source.name.lowercased()] == nil {
                    named[source.name.lowercased()] = (position, channel)
                }
            }
            self.named = named
            searchEngines = rules.searchEngines.map { $0.lowercased() }
            socialSites = rules.socialSites.map { $0.lowercased() }
            ownHosts = rules.ownHosts.map { $0.lowercased() }
        }

        /// The channel of one touch (docs/analytics.md, "Channel rules").
        public func classify(utmSource: String?, utmMedium: String?, referrer: String?, url: String? = nil) -> Channel {
            let medium = utmMedium?.lowercased() ?? ""
            let source = utmSource?.lowercased() ?? ""
            if !medium.isEmpty || !source.isEmpty {
                if paidSearchMediums.contains(medium) { return .paidSearch }
                // A name matches as medium or source; the rule listed first wins.
                if let match = [named[medium], named[source]].compactMap({ $0 }).min(by: { $0.position < $1.position }) {
                    return match.channel
                }
                if !medium.isEmpty { return .referral }
            }
            guard let host = ChannelRules.host(of: referrer), !host.isEmpty else { return .direct }
            if let own = ChannelRules.host(of: url), own == host { return .direct }
            if ownHosts.contains(where: { ChannelRules.matches(host, $0) }) { return .direct }
            if searchEngines.contains(where: { ChannelRules.matches(host, $0) }) { return .organicSearch }
            if socialSites.contains(where: { ChannelRules.matches(host, $0) }) { return .social }
            return .referral
        }
    }

    /// Names of every channel any rule can produce that are not real channels.
    public var unknownChannelNames: [String] {
        namedSources.map(\.channel).filter { Channel(name: $0) == nil }
    }

    static func matches(_ host: String, _ pattern: String) -> Bool {
        if pattern.contains(".") { return host == pattern || host.hasSuffix("." + pattern) }
        return host.split(separator: ".").contains { $0 == pattern }
    }

    /// The lowercased host of an absolute URL (`https://m.baidu.com/s?wd=…` → `m.baidu.com`).
    static func host(of url: String?) -> String? {
        guard let url, let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@").last ?? authority[...]
        return hostPort.split(separator: ":").first.map { $0.lowercased() }
    }
}
