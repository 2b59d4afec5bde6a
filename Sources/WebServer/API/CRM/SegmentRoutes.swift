import Commerce
import Foundation
import Hummingbird
import Operations
import Persistence

/// `/segments`: saved customer segments, evaluated on demand, previewed and exported.
enum SegmentRoutes {
    static func register(_ api: APIRouter) {
        let segments = api.yunying.segments
        api.add(.post, "/segments", roles: Roles.catalogWriters, doc: RouteDoc(
            summary: "Save a segment: {name, rules} (rules over RFM, tier, spend, dates, channel, categories, lifecycle, behaviour; docs/crm.md)",
            tag: "CRM", request: "CreateSegment", response: "Segment", status: 201)) { req in
            let record = try await segments.create(req.shop, json: Array(req.body.readableBytesView))
            return try JSONCoding.encode(object: try await view(record, segments, req.shop), status: .created)
        }
        api.add(.post, "/segments/preview", roles: Roles.analysts, doc: RouteDoc(
            summary: "Evaluate rules without saving them: size and the first customers", tag: "CRM", request: "CreateSegment",
            response: "Segment")) { req in
            let evaluation = try await segments.preview(req.shop, json: Array(req.body.readableBytesView))
            return try JSONCoding.encode(object: sizeView(evaluation))
        }
        api.add(.get, "/segments", roles: Roles.everyone, doc: RouteDoc(
            summary: "List segments, newest first", tag: "CRM", response: "SegmentList", query: ["limit", "starting_after"])) { req in
            let page = try await segments.list(req.shop, page: req.page(.segment))
            let evaluations = try await segments.evaluate(req.shop, rules: page.items.map(\.rules))
            let data = try zip(page.items, evaluations).map { try view($0, $1) }
            return try JSONCoding.encode(object: ["data": data, "has_more": page.hasMore])
        }
        api.add(.get, "/segments/:id", roles: Roles.everyone, doc: RouteDoc(
            summary: "A segment with its size now and the first customers", tag: "CRM", response: "Segment")) { req in
            try JSONCoding.encode(object: try await view(try await segments.segment(req.shop, id: req.parameter("id")), segments, req.shop))
        }
        api.add(.patch, "/segments/:id", roles: Roles.catalogWriters, doc: RouteDoc(
            summary: "Rename a segment or change its rules", tag: "CRM", request: "CreateSegment", response: "Segment")) { req in
            let record = try await segments.update(req.shop, id: req.parameter("id"), json: Array(req.body.readableBytesView))
            return try JSONCoding.encode(object: try await view(record, segments, req.shop))
        }
        api.add(.get, "/segments/:id/customers", roles: Roles.analysts, doc: RouteDoc(
            summary: "The segment's customers now (format=csv exports them all)", tag: "CRM", response: "SegmentCustomers",
            query: ["format", "limit"])) { req in
            let record = try await segments.segment(req.shop, id: req.parameter("id"))
            let evaluation = try await segments.evaluate(req.shop, rules: record.rules)
            if req.query("format") == "csv" {
                let lines = ["customer_id"] + evaluation.customers.map { IDPrefix.customer.format($0) }
                return APIResponse(status: .ok, body: Array((lines.joined(separator: "\n") + "\n").utf8), contentType: "text/csv; charset=utf-8")
            }
            let limit = min(max(Int(req.query("limit") ?? "") ?? 100, 1), 10_000)
            return try JSONCoding.encode(object: [
                "size": evaluation.size, "data": evaluation.customers.prefix(limit).map { IDPrefix.customer.format($0) },
                "has_more": evaluation.size > limit,
            ])
        }
    }

    static func view(_ record: SegmentRecord, _ segments: SegmentService, _ shop: ShopInfo) async throws -> [String: Any] {
        try view(record, try await segments.evaluate(shop, rules: record.rules))
    }

    static func view(_ record: SegmentRecord, _ evaluation: SegmentEvaluation) throws -> [String: Any] {
        var object = sizeView(evaluation)
        object["id"] = IDPrefix.segment.format(record.id)
        object["name"] = record.name
        object["rules"] = try JSONSerialization.jsonObject(with: Data(record.rules.utf8))
        object["created_at"] = record.createdAt.iso8601
        object["updated_at"] = record.updatedAt.iso8601
        return object
    }

    static func sizeView(_ evaluation: SegmentEvaluation) -> [String: Any] {
        ["size": evaluation.size, "customers_total": evaluation.total,
         "preview": evaluation.customers.prefix(20).map { IDPrefix.customer.format($0) }]
    }
}
