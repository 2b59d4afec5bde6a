import Commerce
import Foundation
import Insights
import Operations
import Persistence

/// The A/B test the simulated shop runs over its last four weeks: a video gallery on the product
/// page against photos. Shoppers who see the video add to cart a little more often, so the
/// results page has a real effect to find.
struct SimulatedExperiment: Sendable {
    static let key = "pdp-gallery"
    static let weeks = 4
    /// How much more likely a shopper in each variant is to start a cart.
    static let cartPropensity = [1.0, 1.12]

    let weights = [0.5, 0.5]
    let variants = ["photos", "video"]

    /// The first day of the test, counted from the simulation's first day.
    static func startDay(days: Int) -> Int { max(0, days - 7 * weeks) }

    /// Defines and starts the experiment at `start` through the same use case as the API.
    static func launch(_ yunying: Yunying, shop: ShopInfo, at start: Int64) async throws {
        let json = #"""
            {"key": "pdp-gallery", "name": "Product page: video gallery",
             "hypothesis": "A short video on the product page makes shoppers add to cart more often.",
             "variants": [{"key": "photos", "name": "Photos (control)", "weight": 0.5}, {"key": "video", "name": "Video gallery", "weight": 0.5}],
             "primary_metric": "add_to_cart_rate", "guardrail_metrics": ["conversion", "revenue_per_visitor", "aov"]}
            """#
        let launcher = Yunying(store: yunying.store, time: ManualTime(Instant(millisecondsSinceEpoch: start)))
        _ = try await launcher.experiments.create(shop, json: Array(json.utf8))
        _ = try await launcher.experiments.start(shop, key: key)
    }

    /// The variant a visitor sees (the service's sticky assignment).
    func variant(of unit: String) -> Int {
        ExperimentAssignment.variantIndex(key: Self.key, unit: unit, weights: weights)
    }

    /// The properties of the exposure event for a variant.
    func properties(_ variant: Int) -> String {
        #"{"experiment":"\#(Self.key)","variant":"\#(variants[variant])"}"#
    }
}
