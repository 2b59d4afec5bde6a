/// The units of one experiment read from a frame, and each metric's per-variant sums.
///
/// A unit is a person (identities merged) whose first exposure to the experiment falls in
/// `[from, to)`. People exposed to more than one variant, or to a variant the definition does
/// not name, are left out and counted. A metric counts what the unit did from its first exposure
/// until `to`; the CUPED covariate is the same metric over the lookback before the exposure.
public struct ExperimentMeasurement: Sendable {
    public let variantKeys: [String]
    public let from: Int64
    public let to: Int64
    /// Units per variant.
    public private(set) var units: [Int]
    /// People exposed to more than one variant (left out).
    public private(set) var multipleExposures = 0
    /// People exposed to a variant key the definition does not have (left out).
    public private(set) var unknownVariant = 0

    private var unitPerson: [Int32] = []
    private var unitVariant: [Int32] = []
    private var unitStart: [Int64] = []
    private let frame: EventFrame
    /// Row ranges of `frame.payments` by person, for exposed people only.
    private var paymentsOfPerson: [Int32: [Int32]] = [:]

    public init(frame: EventFrame, experiment key: String, variantKeys: [String], from: Int64, to: Int64) {
        self.frame = frame
        self.variantKeys = variantKeys
        self.from = from
        self.to = to
        units = Array(repeating: 0, count: variantKeys.count)
        let exposures = frame.exposures
        guard let code = exposures.experimentCode(key) else { return }
        let variantOfCode: [Int32] = exposures.variantNames.map { name in variantKeys.firstIndex(of: name).map { Int32($0) } ?? -1 }
        // First exposure per person, and whether they saw another variant.
        var first: [Int32: (time: Int64, variant: Int32, mixed: Bool)] = [:]
        for row in 0..<exposures.count where exposures.experiment[row] == code {
            let time = exposures.time[row]
            guard time >= from, time < to else { continue }
            let person = exposures.person[row], variant = variantOfCode[Int(exposures.variant[row])]
            if let seen = first[person] {
                let earlier = time < seen.time
                first[person] = (earlier ? time : seen.time, earlier ? variant : seen.variant, seen.mixed || seen.variant != variant)
            } else {
                first[person] = (time, variant, false)
            }
        }
        for (person, entry) in first.sorted(by: { $0.key < $1.key }) {
            if entry.mixed { multipleExposures += 1; continue }
            if entry.variant < 0 { unknownVariant += 1; continue }
            unitPerson.append(person)
            unitVariant.append(entry.variant)
            unitStart.append(entry.time)
            units[Int(entry.variant)] += 1
        }
        let exposed = Set(unitPerson)
        let payments = frame.payments
        for row in 0..<payments.count where exposed.contains(payments.person[row]) {
            paymentsOfPerson[payments.person[row], default: []].append(Int32(row))
        }
    }

    /// The sums of `metric` per variant, in the analysis engine's shape (with the CUPED
    /// covariate when asked and the metric is not a ratio).
    public func summaries(for metric: ExperimentMetric, weights: [Double], covariate: Bool = false) -> [VariantSummary] {
        var sums = [Sums](repeating: Sums(), count: variantKeys.count)
        let eventCode: UInt8? = switch metric {
        case .addToCartRate: StandardEvent.addToCart.code
        case .event(let type): frame.typeCode(type)
        default: nil
        }
        let withCovariate = covariate && metric.type != .ratio
        for unit in unitPerson.indices {
            let start = unitStart[unit]
            let value = self.value(of: metric, eventCode: eventCode, unit: unit, from: start, to: to)
            let pre = withCovariate
                ? self.value(of: metric, eventCode: eventCode, unit: unit, from: start - ExperimentDefinition.cupedLookbackMs, to: start)
                : (numerator: 0, denominator: 0)
            sums[Int(unitVariant[unit])].add(value, pre: pre.numerator)
        }
        return variantKeys.indices.map { v in
            let s = sums[v]
            return VariantSummary(
                name: variantKeys[v], weight: weights[v], units: units[v], sum: s.x, sumSquares: s.xx,
                denominatorSum: metric.type == .ratio ? s.d : 0, denominatorSumSquares: metric.type == .ratio ? s.dd : 0,
                sumProducts: metric.type == .ratio ? s.xd : 0,
                covariate: withCovariate ? CovariateSums(sum: s.c, sumSquares: s.cc, sumProducts: s.xc) : nil)
        }
    }

    /// The unit's metric over [from, to): numerator and (for ratios) denominator.
    private func value(of metric: ExperimentMetric, eventCode: UInt8?, unit: Int, from: Int64, to: Int64) -> (numerator: Double, denominator: Double) {
        let person = unitPerson[unit]
        switch metric {
        case .conversion, .revenuePerVisitor, .averageOrderValue:
            var revenue: Int64 = 0, orders = 0
            for row in paymentsOfPerson[person] ?? [] {
                let time = frame.payments.time[Int(row)]
                if time >= from && time < to { revenue += frame.payments.value[Int(row)]; orders += 1 }
            }
            switch metric {
            case .conversion: return (orders > 0 ? 1 : 0, 0)
            case .revenuePerVisitor: return (Double(revenue), 0)
            default: return (Double(revenue), Double(orders))
            }
        case .addToCartRate, .event:
            guard let code = eventCode else { return (0, 0) }
            for e in frame.events(of: Int(person)) where frame.type[e] == code {
                let time = frame.time[e]
                if time >= to { break }
                if time >= from { return (1, 0) }
            }
            return (0, 0)
        }
    }

    private struct Sums {
        var x = 0.0, xx = 0.0, d = 0.0, dd = 0.0, xd = 0.0, c = 0.0, cc = 0.0, xc = 0.0

        mutating func add(_ value: (numerator: Double, denominator: Double), pre: Double) {
            let (n, d) = value
            x += n; xx += n * n
            self.d += d; dd += d * d; xd += n * d
            c += pre; cc += pre * pre; xc += n * pre
        }
    }
}
