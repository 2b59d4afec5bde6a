import Insights

/// The shape of the simulated shop: categories with typical prices and margins, traffic channels
/// with their cost and conversion, devices and the rhythm of days and hours.
enum ShopBlueprint {
    struct CategoryTemplate {
        let name: String
        let products: [String]
        /// Price range in yuan, and cost as a share of price.
        let price: ClosedRange<Int>
        let costShare: ClosedRange<Double>
        /// Relative interest of shoppers.
        let popularity: Double
        let variants: [[String: String]]
    }

    static let categories: [CategoryTemplate] = [
        .init(name: "Apparel", products: ["Linen shirt", "Cotton tee", "Denim jacket", "Wool scarf", "Chino trousers", "Hoodie"],
              price: 79...399, costShare: 0.30...0.45, popularity: 1.4,
              variants: [["size": "S"], ["size": "M"], ["size": "L"]]),
        .init(name: "Beauty", products: ["Face cream", "Lip balm", "Sunscreen", "Serum", "Cleanser", "Sheet masks"],
              price: 39...329, costShare: 0.18...0.30, popularity: 1.2, variants: [[:]]),
        .init(name: "Food", products: ["Black tea", "Dried mango", "Coffee beans", "Nut mix", "Honey", "Rice noodles"],
              price: 19...129, costShare: 0.45...0.65, popularity: 1.5, variants: [["pack": "single"], ["pack": "family"]]),
        .init(name: "Home", products: ["Ceramic mug", "Bath towel", "Storage box", "Desk lamp", "Cushion", "Plant pot"],
              price: 29...259, costShare: 0.35...0.50, popularity: 0.9, variants: [["color": "white"], ["color": "grey"]]),
        .init(name: "Electronics", products: ["Wireless earbuds", "USB-C charger", "Power bank", "Smart band", "Speaker", "Keyboard"],
              price: 99...899, costShare: 0.55...0.75, popularity: 1.0, variants: [["color": "black"], ["color": "white"]]),
        .init(name: "Sports", products: ["Yoga mat", "Water bottle", "Running socks", "Resistance bands", "Jump rope"],
              price: 29...299, costShare: 0.30...0.45, popularity: 0.7, variants: [[:]]),
        .init(name: "Baby", products: ["Diapers", "Baby wipes", "Bottle", "Teether", "Bib set"],
              price: 29...199, costShare: 0.40...0.55, popularity: 0.6, variants: [["size": "S"], ["size": "M"]]),
        .init(name: "Books", products: ["Cookbook", "Travel guide", "Notebook", "Picture book", "Calendar"],
              price: 19...99, costShare: 0.50...0.65, popularity: 0.5, variants: [[:]]),
    ]

    struct ChannelProfile {
        let channel: Channel
        /// Share of sessions.
        let share: Double
        /// Conversion relative to the shop's average.
        let conversion: Double
        /// UTM parameters and referrer of the landing event.
        let source: String?, medium: String?, referrer: String?
        let campaigns: [String]
        /// Cost per session (yuan cents) for paid channels.
        let costPerSession: Int64
    }

    static let channels: [ChannelProfile] = [
        .init(channel: .direct, share: 0.20, conversion: 1.3, source: nil, medium: nil, referrer: nil, campaigns: [], costPerSession: 0),
        .init(channel: .organicSearch, share: 0.18, conversion: 1.0, source: nil, medium: nil,
              referrer: "https://www.baidu.com/s?wd=shop", campaigns: [], costPerSession: 0),
        .init(channel: .paidSearch, share: 0.16, conversion: 1.1, source: "baidu", medium: "cpc", referrer: nil,
              campaigns: ["brand", "generic"], costPerSession: 180),
        .init(channel: .social, share: 0.12, conversion: 0.7, source: "xiaohongshu", medium: "social", referrer: nil,
              campaigns: ["notes"], costPerSession: 60),
        .init(channel: .liveStream, share: 0.08, conversion: 1.6, source: "taobao_live", medium: "live", referrer: nil,
              campaigns: ["weekly-live"], costPerSession: 120),
        .init(channel: .shortVideo, share: 0.11, conversion: 0.6, source: "douyin", medium: "short_video", referrer: nil,
              campaigns: ["video-ads"], costPerSession: 90),
        .init(channel: .kol, share: 0.06, conversion: 0.9, source: "weibo_kol", medium: "kol", referrer: nil,
              campaigns: ["kol-review"], costPerSession: 150),
        .init(channel: .emailSMS, share: 0.05, conversion: 1.5, source: "newsletter", medium: "email", referrer: nil,
              campaigns: ["weekly-mail"], costPerSession: 10),
        .init(channel: .referral, share: 0.04, conversion: 0.8, source: nil, medium: nil,
              referrer: "https://blog.example.com/review", campaigns: [], costPerSession: 0),
    ]

    /// Device, share of sessions, and conversion relative to average.
    static let devices: [(device: Device, share: Double, conversion: Double)] = [
        (.mobile, 0.52, 0.9), (.app, 0.18, 1.4), (.miniProgram, 0.12, 1.1), (.desktop, 0.15, 1.0), (.tablet, 0.03, 0.8),
    ]

    /// Relative traffic per local hour 0–23.
    static let hours: [Double] = [
        0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 1.0, 1.1, 1.2, 1.3, 1.4, 1.2, 1.1, 1.1, 1.2, 1.3, 1.4, 1.6, 1.9, 2.2, 2.0, 1.0,
    ]
}
