/// Experiment exposures resolved to people: one row per `experiment_exposure` event, in arrival
/// order. Experiment keys and variant keys are interned (`experimentNames`, `variantNames`).
public struct ExposureTable: Sendable {
    public internal(set) var person: [Int32] = []
    /// Milliseconds since the epoch, UTC.
    public internal(set) var time: [Int64] = []
    public internal(set) var experiment: [Int32] = []
    public internal(set) var variant: [Int32] = []
    public internal(set) var experimentNames: [String] = []
    public internal(set) var variantNames: [String] = []

    public init() {}

    public var count: Int { person.count }

    /// The code of an experiment key, nil when no exposure names it.
    public func experimentCode(_ key: String) -> Int32? {
        experimentNames.firstIndex(of: key).map { Int32($0) }
    }
}

/// Paid orders resolved to people: one row per `order_paid` event that carries the order's total.
public struct PaymentTable: Sendable {
    public internal(set) var person: [Int32] = []
    /// Paid time, ms UTC.
    public internal(set) var time: [Int64] = []
    /// What the customer paid, minor units.
    public internal(set) var value: [Int64] = []

    public init() {}

    public var count: Int { person.count }
}

/// The log's record of the events that go into the side tables, by arrival index; people are
/// known only when the log is compacted.
struct SideEvents: Sendable {
    private var exposureArrival: [Int32] = []
    private var exposureExperiment: [Int32] = []
    private var exposureVariant: [Int32] = []
    private var experimentCodes: [String: Int32] = [:]
    private var experimentNames: [String] = []
    private var variantCodes: [String: Int32] = [:]
    private var variantNames: [String] = []
    private var paymentArrival: [Int32] = []
    private var paymentValue: [Int64] = []

    mutating func record(_ event: TrackedEvent, code: UInt8, arrival: Int32) {
        if code == StandardEvent.experimentExposure.code, let exposure = event.exposure {
            exposureArrival.append(arrival)
            exposureExperiment.append(Self.intern(exposure.experiment, &experimentCodes, &experimentNames))
            exposureVariant.append(Self.intern(exposure.variant, &variantCodes, &variantNames))
        } else if code == StandardEvent.orderPaid.code, let value = event.value, value >= 0 {
            paymentArrival.append(arrival)
            paymentValue.append(value)
        }
    }

    /// The tables with each event's person and time.
    func tables(person: [Int32], time: [Int64]) -> (ExposureTable, PaymentTable) {
        var exposures = ExposureTable()
        exposures.person = exposureArrival.map { person[Int($0)] }
        exposures.time = exposureArrival.map { time[Int($0)] }
        exposures.experiment = exposureExperiment
        exposures.variant = exposureVariant
        exposures.experimentNames = experimentNames
        exposures.variantNames = variantNames
        var payments = PaymentTable()
        payments.person = paymentArrival.map { person[Int($0)] }
        payments.time = paymentArrival.map { time[Int($0)] }
        payments.value = paymentValue
        return (exposures, payments)
    }

    private static func intern(_ name: String, _ codes: inout [String: Int32], _ names: inout [String]) -> Int32 {
        if let code = codes[name] { return code }
        let code = Int32(names.count)
        codes[name] = code
        names.append(name)
        return code
    }
}
