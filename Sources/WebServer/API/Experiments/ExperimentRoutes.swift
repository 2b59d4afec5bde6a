import Foundation
import Hummingbird
import Operations
import Persistence

/// `/experiments`: define, start and stop A/B tests, assign units, read results.
enum ExperimentRoutes {
    static func register(_ api: APIRouter) {
        let experiments = api.yunying.experiments
        let analytics = api.yunying.analytics
        api.add(.post, "/experiments", roles: Roles.catalogWriters, doc: RouteDoc(
            summary: "Create an experiment (a draft): variants with weights, targeting, primary and guardrail metrics",
            tag: "Experiments", request: "CreateExperiment", response: "Experiment", status: 201)) { req in
            let (record, definition) = try await experiments.create(req.shop, json: Array(req.body.readableBytesView))
            return try JSONCoding.encode(object: experiments.view(record, definition), status: .created)
        }
        api.add(.get, "/experiments", roles: Roles.everyone, doc: RouteDoc(
            summary: "List experiments, newest first", tag: "Experiments", response: "ExperimentList", query: ["limit", "starting_after"])) { req in
            let page = try await experiments.list(req.shop, page: try req.page(.experiment))
            return try JSONCoding.encode(object: ["data": page.items.map { experiments.view($0.0, $0.1) }, "has_more": page.hasMore])
        }
        api.add(.get, "/experiments/:key", roles: Roles.everyone, doc: RouteDoc(
            summary: "Get an experiment", tag: "Experiments", response: "Experiment")) { req in
            let (record, definition) = try await experiments.experiment(req.shop, key: req.parameter("key"))
            return try JSONCoding.encode(object: experiments.view(record, definition))
        }
        api.add(.patch, "/experiments/:key", roles: Roles.catalogWriters, doc: RouteDoc(
            summary: "Change a draft experiment (422 experiment_started once started)", tag: "Experiments",
            request: "CreateExperiment", response: "Experiment")) { req in
            let (record, definition) = try await experiments.update(req.shop, key: req.parameter("key"), json: Array(req.body.readableBytesView))
            return try JSONCoding.encode(object: experiments.view(record, definition))
        }
        for (action, summary) in [("start", "Start a draft experiment (422 already_running, already_stopped)"),
                                  ("stop", "Stop a running experiment (422 already_stopped, not_started)")] {
            api.add(.post, "/experiments/:key/\(action)", roles: Roles.catalogWriters, doc: RouteDoc(
                summary: summary, tag: "Experiments", response: "Experiment")) { req in
                let key = req.parameter("key")
                _ = action == "start" ? try await experiments.start(req.shop, key: key) : try await experiments.stop(req.shop, key: key)
                let (record, definition) = try await experiments.experiment(req.shop, key: key)
                return try JSONCoding.encode(object: experiments.view(record, definition))
            }
        }
        api.add(.get, "/experiments/:key/assignment", roles: Roles.everyone.union(Roles.eventSenders), doc: RouteDoc(
            summary: "The variant of a unit (sticky hash of key and unit); send an experiment_exposure event when it is shown",
            tag: "Experiments", response: "ExperimentAssignment", query: ["unit", "channel", "device"])) { req in
            guard let unit = req.query("unit") else {
                throw APIError(status: .unprocessableContent, code: "required", message: "unit is required.", field: "unit")
            }
            let result = try await experiments.assignment(
                req.shop, key: req.parameter("key"), unit: unit, channel: req.query("channel"), device: req.query("device"))
            return try JSONCoding.encode(object: [
                "experiment": result.experiment, "unit": result.unit, "variant": result.variant,
                "in_experiment": result.inExperiment, "reason": result.reason.map { $0 as Any } ?? NSNull(),
            ])
        }
        api.add(.get, "/experiments/:key/results", roles: Roles.analysts, doc: RouteDoc(
            summary: "Results per metric and variant: lifts, CI, p-value, chance to win, SRM, what it means (docs/experiments.md)",
            tag: "Experiments", response: "Report", query: ["prior", "correction", "format"])) { req in
            var values: [String: String] = ["key": req.parameter("key")]
            for name in ["prior", "correction"] { values[name] = req.query(name) }
            let output = try await analytics.report(req.shop, name: "experiment", ReportParameters(values))
            if req.query("format") == "csv" { return APIResponse(status: .ok, body: Array(output.csv.utf8), contentType: "text/csv; charset=utf-8") }
            return APIResponse(status: .ok, body: Array(output.json.json.utf8))
        }
    }
}
