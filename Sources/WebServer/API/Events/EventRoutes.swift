import Commerce
import Hummingbird
import Insights
import Operations
import Persistence

/// `/events` (storefront tracking, CORS-enabled) and `/analytics/channel-rules`.
enum EventRoutes {
    /// Paths browsers call directly; `CORSMiddleware` answers their preflights.
    static let browserPaths: Set<String> = ["/api/v1/events", "/api/v1/events/batch"]
    /// 10,000 events of a few hundred bytes each.
    static let maxBatchBytes = 16 << 20

    static func register(_ api: APIRouter) {
        let events = api.yunying.events
        api.add(.post, "/events", roles: Roles.eventSenders,
                doc: RouteDoc(summary: "Track one event", tag: "Events", request: "EventInput", response: "IngestResult")) { req in
            let result = try await events.ingest(req.shop, [try read(req.body, EventJSONReader.single)])
            if let rejection = result.rejected.first {
                throw OperationsError.invalid(code: rejection.code, field: rejection.field, message: rejection.message)
            }
            return try JSONCoding.encode(IngestResultView(result))
        }
        api.add(.post, "/events/batch", roles: Roles.eventSenders, doc: RouteDoc(
            summary: "Track up to 10,000 events; valid ones are kept, the others reported by index", tag: "Events",
            request: "EventBatch", response: "IngestResult"), maxBody: maxBatchBytes) { req in
            try JSONCoding.encode(IngestResultView(try await events.ingest(req.shop, try read(req.body, EventJSONReader.batch))))
        }
        api.add(.get, "/analytics/channel-rules", roles: Roles.everyone,
                doc: RouteDoc(summary: "How UTM parameters and referrers map to channels", tag: "Events", response: "ChannelRules")) { req in
            try JSONCoding.encode(ChannelRulesView(try await events.channelRules(req.shop)))
        }
        api.add(.put, "/analytics/channel-rules", roles: Roles.catalogWriters, doc: RouteDoc(
            summary: "Replace the channel rules (applies to events received from now on)", tag: "Events",
            request: "ChannelRules", response: "ChannelRules")) { req in
            let rules = try req.decode(ChannelRulesView.self).rules
            try await events.setChannelRules(req.shop, rules)
            return try JSONCoding.encode(ChannelRulesView(rules))
        }
    }
}

/// Runs the event reader over the body, mapping its failure to the API's error.
private func read<T>(_ body: ByteBuffer, _ reader: (UnsafeRawBufferPointer) throws(EventJSONReader.Malformed) -> T) throws -> T {
    guard body.readableBytes > 0 else { throw APIError.malformed("A JSON body is required.") }
    do {
        return try body.withUnsafeReadableBytes { bytes throws(EventJSONReader.Malformed) in try reader(bytes) }
    } catch {
        throw APIError.malformed(error.message, field: error.field, code: error.code)
    }
}

struct IngestResultView: Encodable {
    struct Rejection: Encodable {
        var index: Int
        var code: String
        var message: String
        var field: String?
    }

    var accepted: Int
    var duplicates: Int
    var rejected: [Rejection]

    init(_ result: IngestResult) {
        accepted = result.accepted
        duplicates = result.duplicates
        rejected = result.rejected.map { Rejection(index: $0.index, code: $0.code, message: $0.message, field: $0.field) }
    }
}

/// Channel rules on the wire (snake_case).
struct ChannelRulesView: Codable {
    var rules: ChannelRules

    init(_ rules: ChannelRules) { self.rules = rules }

    enum CodingKeys: String, CodingKey {
        case paidSearchMediums = "paid_search_mediums", namedSources = "named_sources", searchEngines = "search_engines"
        case socialSites = "social_sites", ownHosts = "own_hosts"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ChannelRules()
        rules = ChannelRules(
            paidSearchMediums: try container.decodeIfPresent([String].self, forKey: .paidSearchMediums) ?? defaults.paidSearchMediums,
            namedSources: try container.decodeIfPresent([ChannelRules.NamedSource].self, forKey: .namedSources) ?? defaults.namedSources,
            searchEngines: try container.decodeIfPresent([String].self, forKey: .searchEngines) ?? defaults.searchEngines,
            socialSites: try container.decodeIfPresent([String].self, forKey: .socialSites) ?? defaults.socialSites,
            ownHosts: try container.decodeIfPresent([String].self, forKey: .ownHosts) ?? defaults.ownHosts)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rules.paidSearchMediums, forKey: .paidSearchMediums)
        try container.encode(rules.namedSources, forKey: .namedSources)
        try container.encode(rules.searchEngines, forKey: .searchEngines)
        try container.encode(rules.socialSites, forKey: .socialSites)
        try container.encode(rules.ownHosts, forKey: .ownHosts)
    }
}
