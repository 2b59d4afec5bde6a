import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Testing
import StoreTesting
@testable import WebServer

/// `/experiments` end to end: define, start, assign, expose through `/events`, buy, stop, read.
@Suite struct ExperimentRouteTests {
    static let definition = #"""
        {"key": "pdp-gallery", "name": "Video gallery", "hypothesis": "Video sells",
         "variants": [{"key": "photos", "weight": 0.5}, {"key": "video", "weight": 0.5}],
         "targeting": {"devices": ["mobile", "desktop"]},
         "primary_metric": "conversion", "guardrail_metrics": ["revenue_per_visitor", "aov", "add_to_cart_rate"]}
        """#

    @Test(arguments: StoreKind.allCases) func lifecycleAssignmentExposureAndResults(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1", price: 1000, stock: 50)
        try await shop.test { client async throws in
            let created = try await client.call(.post, "/api/v1/experiments", as: shop.admin, json: Self.definition)
            #expect(created.status == .created, "\(created.json)")
            #expect(created.json["status"] as? String == "draft" && created.json["id"] as? String != nil)
            // Not running yet: everyone gets the control.
            let early = try await client.call(.get, "/api/v1/experiments/pdp-gallery/assignment?unit=u1", as: shop.key(.ingest))
            #expect(early.json["in_experiment"] as? Bool == false && early.json["reason"] as? String == "not_running")
            #expect(try await client.call(.get, "/api/v1/experiments/pdp-gallery/results", as: shop.admin).json.errorCode == "not_started")
            let started = try await client.call(.post, "/api/v1/experiments/pdp-gallery/start", as: shop.admin)
            #expect(started.json["status"] as? String == "running" && started.json["started_at"] as? String != nil)
            #expect(try await client.call(.post, "/api/v1/experiments/pdp-gallery/start", as: shop.admin).json.errorCode == "already_running")
            // A started experiment keeps its definition.
            let patch = try await client.call(.patch, "/api/v1/experiments/pdp-gallery", as: shop.admin, json: #"{"name": "Other"}"#)
            #expect(patch.status == .unprocessableContent && patch.json.errorCode == "experiment_started")

            // Sticky assignment; targeting by device.
            var variantOf: [String: String] = [:]
            for unit in ["u1", "u2", "u3", "u4", "u5", "u6"] {
                let first = try await client.call(.get, "/api/v1/experiments/pdp-gallery/assignment?unit=\(unit)&device=mobile", as: shop.key(.ingest))
                let again = try await client.call(.get, "/api/v1/experiments/pdp-gallery/assignment?unit=\(unit)&device=mobile", as: shop.key(.ingest))
                #expect(first.json["in_experiment"] as? Bool == true)
                #expect(first.json["variant"] as? String == again.json["variant"] as? String)
                variantOf[unit] = first.json["variant"] as? String
            }
            let tablet = try await client.call(.get, "/api/v1/experiments/pdp-gallery/assignment?unit=u1&device=tablet", as: shop.key(.ingest))
            #expect(tablet.json["reason"] as? String == "not_targeted" && tablet.json["variant"] as? String == "photos")
            #expect(try await client.call(.get, "/api/v1/experiments/pdp-gallery/assignment", as: shop.admin).json.errorField == "unit")

            // Exposures (u1 also saw the other variant: left out), an unknown variant, a bad exposure.
            shop.time.advance(seconds: 60)
            var events = variantOf.sorted { $0.key < $1.key }.map { unit, variant in
                #"{"id":"\#(UUID().uuidString)","type":"experiment_exposure","anonymous_id":"\#(unit)","properties":{"experiment":"pdp-gallery","variant":"\#(variant)"}}"#
            }
            let other = variantOf["u1"] == "photos" ? "video" : "photos"
            events.append(#"{"id":"\#(UUID().uuidString)","type":"experiment_exposure","anonymous_id":"u1","properties":{"experiment":"pdp-gallery","variant":"\#(other)"}}"#)
            events.append(#"{"id":"\#(UUID().uuidString)","type":"experiment_exposure","anonymous_id":"u9","properties":{"experiment":"pdp-gallery","variant":"nope"}}"#)
            events.append(#"{"id":"\#(UUID().uuidString)","type":"experiment_exposure","anonymous_id":"u7","properties":{"experiment":"pdp-gallery"}}"#)
            let posted = try await client.call(.post, "/api/v1/events/batch", as: shop.key(.ingest), json: #"{"events":[\#(events.joined(separator: ","))]}"#)
            #expect(posted.json["accepted"] as? Int == 8)
            let rejected = posted.json["rejected"] as? [[String: Any]] ?? []
            #expect(rejected.count == 1 && rejected.first?["code"] as? String == "invalid_exposure" && rejected.first?["field"] as? String == "properties.variant")

            // u2 signs in, adds to cart and buys twice (one order paid); u3 adds to cart only.
            shop.time.advance(seconds: 60)
            let customer = "cus_\(try await shop.yunying.customers.create(shop.shop, .init(name: "Han Meimei")).id)"
            let carts = [#"{"id":"\#(UUID().uuidString)","type":"add_to_cart","anonymous_id":"u2","customer_id":"\#(customer)","sku":"A-1"}"#,
                         #"{"id":"\#(UUID().uuidString)","type":"add_to_cart","anonymous_id":"u3","sku":"A-1"}"#]
            #expect(try await client.call(.post, "/api/v1/events/batch", as: shop.key(.ingest), json: #"{"events":[\#(carts.joined(separator: ","))]}"#).json["accepted"] as? Int == 2)
            let order = try await client.placeOrder(shop.admin, sku: "A-1", quantity: 3, customer: customer)
            try await client.payOrder(shop.admin, order, amount: 3000)

            shop.time.advance(seconds: 60)
            let stopped = try await client.call(.post, "/api/v1/experiments/pdp-gallery/stop", as: shop.admin)
            #expect(stopped.json["status"] as? String == "stopped")
            let twice = try await client.call(.post, "/api/v1/experiments/pdp-gallery/stop", as: shop.admin)
            #expect(twice.status == .unprocessableContent && twice.json.errorCode == "already_stopped")
            // Orders after the stop do not count.
            shop.time.advance(seconds: 60)
            let late = try await client.placeOrder(shop.admin, sku: "A-1", quantity: 1, customer: customer)
            try await client.payOrder(shop.admin, late, amount: 1000)

            let results = try await client.call(.get, "/api/v1/experiments/pdp-gallery/results", as: shop.key(.analyst))
            #expect(results.status == .ok, "\(results.json)")
            let units = (results.json["units"] as? [[String: Any]] ?? []).map { $0["units"] as? Int ?? -1 }
            let counted = ["u2", "u3", "u4", "u5", "u6"]
            #expect(units == ["photos", "video"].map { v in counted.filter { variantOf[$0] == v }.count })
            let excluded = results.json["excluded"] as? [String: Any]
            #expect(excluded?["multiple_exposures"] as? Int == 1 && excluded?["unknown_variant"] as? Int == 1)
            let metrics = results.json["metrics"] as? [[String: Any]] ?? []
            #expect(metrics.map { $0["metric"] as? String } == ["conversion", "revenue_per_visitor", "aov", "add_to_cart_rate"])
            func means(_ metric: Int) -> [Double] {
                (metrics[metric]["variants"] as? [[String: Any]] ?? []).map { $0["mean"] as? Double ?? -1 }
            }
            let buyerVariant = variantOf["u2"]!, cartVariants = [variantOf["u2"]!, variantOf["u3"]!]
            for (index, variant) in ["photos", "video"].enumerated() {
                let n = Double(counted.filter { variantOf[$0] == variant }.count)
                #expect(means(0)[index] == (variant == buyerVariant ? 1 / n : 0))
                #expect(means(1)[index] == (variant == buyerVariant ? 3000 / n : 0))
                #expect(means(3)[index] == Double(cartVariants.filter { $0 == variant }.count) / n)
            }
            let summary = results.json["summary"] as? [String: Any]
            #expect((summary?["en"] as? String)?.isEmpty == false && (summary?["zh"] as? String)?.isEmpty == false)
            let csv = try await client.raw(.get, "/api/v1/experiments/pdp-gallery/results?format=csv", as: shop.key(.viewer), body: nil, headers: [:])
            #expect(csv.text.hasPrefix("metric,variant,units,mean,"))
            let report = try await client.call(.get, "/api/v1/reports/experiment?key=pdp-gallery&prior=proper&correction=holm", as: shop.key(.analyst))
            #expect(report.json["prior"] as? String == "proper" && report.json["correction"] as? String == "holm")
        }
    }

    @Test(arguments: StoreKind.allCases) func segmentTargetingAdmitsOnlyItsCustomers(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.product(code: "A-1", price: 1000, stock: 10)
        try await shop.test { client async throws in
            let buyer = "cus_\(try await shop.yunying.customers.create(shop.shop, .init(name: "Buyer")).id)"
            let browser = "cus_\(try await shop.yunying.customers.create(shop.shop, .init(name: "Browser")).id)"
            let order = try await client.placeOrder(shop.admin, sku: "A-1", customer: buyer)
            try await client.payOrder(shop.admin, order, amount: 1000)
            let segment = try await client.call(.post, "/api/v1/segments", as: shop.admin, json: #"{"name":"Buyers","rules":{"field":"orders","op":">=","value":1}}"#)
            let segmentID = try #require(segment.json["id"] as? String)
            let unknown = Self.definition.replacingOccurrences(of: #""targeting": {"devices": ["mobile", "desktop"]}"#, with: #""targeting": {"segment_id": "seg_999"}"#)
            let refused = try await client.call(.post, "/api/v1/experiments", as: shop.admin, json: unknown)
            #expect(refused.status == .unprocessableContent && refused.json.errorCode == "unknown_segment" && refused.json.errorField == "targeting.segment_id")
            let targeted = unknown.replacingOccurrences(of: "seg_999", with: segmentID)
            #expect(try await client.call(.post, "/api/v1/experiments", as: shop.admin, json: targeted).status == .created)
            _ = try await client.call(.post, "/api/v1/experiments/pdp-gallery/start", as: shop.admin)
            func assignment(_ unit: String) async throws -> [String: Any] {
                try await client.call(.get, "/api/v1/experiments/pdp-gallery/assignment?unit=\(unit)", as: shop.key(.ingest)).json
            }
            #expect(try await assignment(buyer)["in_experiment"] as? Bool == true)
            #expect(try await assignment(browser)["reason"] as? String == "not_targeted")
            #expect(try await assignment("visitor-9")["reason"] as? String == "not_targeted")
            let shown = try await client.call(.get, "/api/v1/experiments/pdp-gallery", as: shop.admin)
            #expect((shown.json["targeting"] as? [String: Any])?["segment_id"] as? String == segmentID)
        }
    }

    @Test(arguments: StoreKind.allCases) func badDefinitionsAreRefusedWithCodeAndField(backend: StoreKind) async throws {
        let shop = try await TestShop.make(on: backend)
        try await shop.test { client async throws in
            let cases: [(String, String, String)] = [
                (#""variants":[{"key":"a","weight":0.6},{"key":"b","weight":0.6}],"primary_metric":"conversion""#, "weights_not_summing_to_one", "variants"),
                (#""variants":[{"key":"a","weight":1}],"primary_metric":"conversion""#, "too_few_variants", "variants"),
                (#""variants":[{"key":"a","weight":0.5},{"key":"b","weight":0.5}],"primary_metric":"bounce""#, "unknown_metric", "primary_metric"),
                (#""variants":[{"key":"a","weight":0.5},{"key":"b","weight":0.5}],"primary_metric":"conversion","guardrail_metrics":["aov","nps"]"#, "unknown_metric", "guardrail_metrics[1]"),
                (#""variants":[{"key":"a","weight":0.5},{"key":"a","weight":0.5}],"primary_metric":"conversion""#, "duplicate_variant", "variants[1].key"),
                (#""variants":[{"key":"a","weight":0},{"key":"b","weight":1}],"primary_metric":"conversion""#, "invalid_weight", "variants[0].weight"),
                (#""variants":[{"key":"a","weight":0.5},{"key":"b","weight":0.5}],"primary_metric":"conversion","targeting":{"channels":["tv"]}"#, "invalid_value", "targeting.channels[0]"),
            ]
            for (fields, code, field) in cases {
                let answer = try await client.call(.post, "/api/v1/experiments", as: shop.admin, json: #"{"key":"t","name":"T",\#(fields)}"#)
                #expect(answer.status == .unprocessableContent, "\(fields)")
                #expect(answer.json.errorCode == code && answer.json.errorField == field, "\(fields): \(answer.json)")
            }
            #expect(try await client.call(.post, "/api/v1/experiments", as: shop.admin, json: #"{"key":"Bad Key","name":"T","variants":[{"key":"a","weight":0.5},{"key":"b","weight":0.5}],"primary_metric":"conversion"}"#).json.errorCode == "invalid_key")
            #expect(try await client.call(.post, "/api/v1/experiments", as: shop.key(.viewer), json: Self.definition).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/experiments", as: shop.admin, json: Self.definition).status == .created)
            #expect(try await client.call(.post, "/api/v1/experiments", as: shop.admin, json: Self.definition).status == .conflict)
            #expect(try await client.call(.post, "/api/v1/experiments/pdp-gallery/stop", as: shop.admin).json.errorCode == "not_started")
            #expect(try await client.call(.get, "/api/v1/experiments/missing", as: shop.admin).status == .notFound)
            let renamed = try await client.call(.patch, "/api/v1/experiments/pdp-gallery", as: shop.admin, json: #"{"name":"Renamed","cuped":true}"#)
            #expect(renamed.json["name"] as? String == "Renamed" && renamed.json["cuped"] as? Bool == true)
            let list = try await client.call(.get, "/api/v1/experiments?limit=1", as: shop.key(.viewer))
            #expect((list.json["data"] as? [[String: Any]])?.first?["key"] as? String == "pdp-gallery" && list.json["has_more"] as? Bool == false)
        }
    }
}
