import Commerce
import Insights
import Persistence

/// One funnel step as written in a report request: `type` or `type[key=value;key=v1|v2]` with keys
/// `sku` (codes), `category` (`cat_…`, with its subcategories), `channel` and `device`.
struct FunnelStepSpec {
    /// A type code no event carries: a step of a type never seen matches nothing.
    static let neverSeenType: UInt8 = 0

    var name: String
    var type: String
    var filters: [(key: String, values: [String])]

    static func invalid(_ message: String) -> OperationsError { .invalid(code: "invalid_value", field: "steps", message: message) }

    /// Splits at commas outside brackets; 2 to 10 steps.
    static func parse(_ text: String?) throws -> [FunnelStepSpec] {
        guard let text, !text.isEmpty else { throw invalid("steps is required, e.g. page_view,product_view,add_to_cart.") }
        var parts: [String] = []
        var current = "", depth = 0
        for character in text {
            if character == "[" { depth += 1 }
            if character == "]" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        guard (2...10).contains(parts.count) else { throw invalid("A funnel has 2 to 10 steps.") }
        return try parts.map(spec)
    }

    static func spec(_ text: String) throws -> FunnelStepSpec {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "[") else {
            guard EventValidation.isValidTypeName(trimmed) else { throw invalid("\(trimmed) is not an event type.") }
            return FunnelStepSpec(name: trimmed, type: trimmed, filters: [])
        }
        let type = String(trimmed[..<open])
        guard EventValidation.isValidTypeName(type), trimmed.hasSuffix("]") else { throw invalid("\(trimmed) is not a step: use type[key=value;…].") }
        var filters: [(String, [String])] = []
        for pair in trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)].split(separator: ";") {
            let sides = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard sides.count == 2, ["sku", "category", "channel", "device"].contains(sides[0]), !sides[1].isEmpty else {
                throw invalid("\(pair) is not a filter: use sku=, category=, channel= or device=.")
            }
            filters.append((sides[0], sides[1].split(separator: "|").map(String.init)))
        }
        return FunnelStepSpec(name: trimmed, type: type, filters: filters)
    }

    /// The step over this frame: names resolved to codes and SKU ids.
    func step(in frame: EventFrame, directory: [SKUInfo], categories: [Int64: Set<Int64>]) throws -> FunnelStep {
        var step = FunnelStep(type: frame.typeCode(type) ?? Self.neverSeenType)
        for (key, values) in filters {
            switch key {
            case "sku":
                let codes = Set(values)
                let ids = directory.filter { codes.contains($0.code) }.map { Int32($0.id) }
                guard ids.count == codes.count else { throw Self.invalid("An SKU in \(name) is not in the catalog.") }
                step.skus = (step.skus ?? Set(ids)).intersection(ids)
            case "category":
                var members: Set<Int64> = []
                for value in values {
                    guard let id = IDPrefix.category.parse(value), let tree = categories[id] else { throw Self.invalid("\(value) is not a category.") }
                    members.formUnion(tree)
                }
                let ids = directory.filter { $0.categoryID.map(members.contains) ?? false }.map { Int32($0.id) }
                step.skus = (step.skus ?? Set(ids)).intersection(ids)
            case "channel":
                guard values.count == 1, let channel = Channel(name: values[0]) else { throw Self.invalid("channel takes one channel name.") }
                step.channel = channel
            default:
                guard values.count == 1, let device = Device(name: values[0]) else { throw Self.invalid("device takes one device name.") }
                step.device = device
            }
        }
        return step
    }
}
