import Commerce
import Foundation
import Insights
import Persistence

/// An experiment definition as JSON (the API's body and what the store keeps), read with
/// field-named errors and written back in the same shape.
enum ExperimentWire {
    static func definition(_ object: [String: Any]) throws -> ExperimentDefinition {
        func string(_ key: String, required: Bool = true) throws -> String? {
            guard let raw = object[key], !(raw is NSNull) else {
                if required { throw PromotionHeader.missingOrWrong(key, object, "a string") }
                return nil
            }
            guard let text = raw as? String else { throw PromotionHeader.wrongType(key, "Expected a string at \(key).") }
            return text
        }
        guard let rawVariants = object["variants"] as? [Any] else { throw PromotionHeader.missingOrWrong("variants", object, "an array") }
        let variants = try rawVariants.enumerated().map { index, raw in try variant(raw, field: "variants[\(index)]") }
        guard let primaryName = try string("primary_metric") else { throw PromotionHeader.missingOrWrong("primary_metric", object, "a string") }
        let guardrailNames: [Any] = try {
            guard let raw = object["guardrail_metrics"], !(raw is NSNull) else { return [] }
            guard let list = raw as? [Any] else { throw PromotionHeader.wrongType("guardrail_metrics", "Expected an array of metric names.") }
            return list
        }()
        let guardrails = try guardrailNames.enumerated().map { index, raw in try metric(raw, field: "guardrail_metrics[\(index)]") }
        let definition = ExperimentDefinition(
            key: try string("key") ?? "", name: try string("name") ?? "", hypothesis: try string("hypothesis", required: false) ?? "",
            variants: variants, targeting: try targeting(object["targeting"]), primaryMetric: try metric(primaryName, field: "primary_metric"),
            guardrailMetrics: guardrails, cuped: try PromotionHeader.boolean(object, "cuped") ?? false)
        do {
            try definition.validate()
        } catch {
            throw OperationsError.invalid(code: error.code, field: error.field, message: error.message)
        }
        return definition
    }

    static func object(_ definition: ExperimentDefinition) -> [String: Any] {
        [
            "key": definition.key, "name": definition.name, "hypothesis": definition.hypothesis,
            "variants": definition.variants.map { ["key": $0.key, "name": $0.name, "weight": $0.weight] as [String: Any] },
            "targeting": [
                "channels": definition.targeting.channels.map(\.name), "devices": definition.targeting.devices.map(\.name),
                "segment_id": definition.targeting.segmentID.map { IDPrefix.segment.format($0) as Any } ?? NSNull(),
            ] as [String: Any],
            "primary_metric": definition.primaryMetric.name, "guardrail_metrics": definition.guardrailMetrics.map(\.name),
            "cuped": definition.cuped,
        ]
    }

    /// The stored definition of a record (written by `text(_:)`, so it always reads back).
    static func definition(of record: ExperimentRecord) throws -> ExperimentDefinition {
        guard let object = try? JSONSerialization.jsonObject(with: Data(record.definition.utf8)) as? [String: Any] else {
            throw OperationsError.conflict(code: "corrupt_experiment", message: "Experiment \(record.key) has an unreadable definition.")
        }
        return try definition(object)
    }

    static func text(_ definition: ExperimentDefinition) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object(definition), options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The record as the API shows it: the definition plus status and times.
    static func view(_ record: ExperimentRecord, _ definition: ExperimentDefinition) -> [String: Any] {
        var view = object(definition)
        view["id"] = IDPrefix.experiment.format(record.id)
        view["status"] = record.status.rawValue
        view["started_at"] = record.startedAt?.iso8601 ?? NSNull()
        view["stopped_at"] = record.stoppedAt?.iso8601 ?? NSNull()
        view["created_at"] = record.createdAt.iso8601
        view["updated_at"] = record.updatedAt.iso8601
        return view
    }

    private static func variant(_ raw: Any, field: String) throws -> ExperimentVariant {
        guard let object = raw as? [String: Any] else { throw PromotionHeader.wrongType(field, "Expected an object at \(field).") }
        guard let key = object["key"] as? String else { throw PromotionHeader.missingOrWrong("\(field).key", object, "a string") }
        guard let weight = object["weight"] as? NSNumber, !PromotionHeader.isBoolean(weight) else {
            throw PromotionHeader.missingOrWrong("\(field).weight", object, "a number")
        }
        let name = object["name"] as? String
        return ExperimentVariant(key: key, name: name?.isEmpty == false ? name : nil, weight: weight.doubleValue)
    }

    private static func metric(_ raw: Any, field: String) throws -> ExperimentMetric {
        guard let name = raw as? String else { throw PromotionHeader.wrongType(field, "Expected a metric name at \(field).") }
        guard let metric = ExperimentMetric(name: name) else {
            throw OperationsError.invalid(
                code: "unknown_metric", field: field, message: "Unknown metric '\(name)'; metrics: \(ExperimentMetric.names.joined(separator: ", ")).")
        }
        return metric
    }

    private static func targeting(_ raw: Any?) throws -> ExperimentTargeting {
        guard let raw, !(raw is NSNull) else { return ExperimentTargeting() }
        guard let object = raw as? [String: Any] else { throw PromotionHeader.wrongType("targeting", "Expected an object at targeting.") }
        var segmentID: Int64?
        if let raw = object["segment_id"], !(raw is NSNull) {
            guard let text = raw as? String, let id = IDPrefix.segment.parse(text) else {
                throw OperationsError.invalid(code: "invalid_value", field: "targeting.segment_id", message: "segment_id is a segment id like seg_1.")
            }
            segmentID = id
        }
        func names(_ key: String) throws -> [String] {
            guard let list = object[key], !(list is NSNull) else { return [] }
            guard let names = list as? [String] else { throw PromotionHeader.wrongType("targeting.\(key)", "Expected an array of names.") }
            return names
        }
        let channels = try names("channels").enumerated().map { index, name in
            guard let channel = Channel(name: name) else {
                throw OperationsError.invalid(code: "invalid_value", field: "targeting.channels[\(index)]",
                                              message: "Channels are \(Channel.allCases.map(\.name).joined(separator: ", ")).")
            }
            return channel
        }
        let devices = try names("devices").enumerated().map { index, name in
            guard let device = Device(name: name) else {
                throw OperationsError.invalid(code: "invalid_value", field: "targeting.devices[\(index)]",
                                              message: "Devices are \(Device.allCases.map(\.name).joined(separator: ", ")).")
            }
            return device
        }
        return ExperimentTargeting(channels: channels, devices: devices, segmentID: segmentID)
    }
}
