import Persistence
import Insights

extension AnalyticsService {
    /// `funnel`: `steps=page_view,product_view[category=cat_3],add_to_cart[sku=A-1|A-2;device=mobile]`,
    /// `window=7d`, `mode=ordered|strict|unordered`, `breakdown=channel|device`.
    func funnel(_ shop: ShopInfo, _ parameters: ReportParameters) async throws -> ReportOutput {
        let data = try await sources(shop, reading: .none)
        let period = try parameters.period(data.calendar, now: time.now())
        let specs = try FunnelStepSpec.parse(parameters.values["steps"])
        let directory = try await store.skuDirectory(shop.id)
        let tree = try await categoryTree(shop)
        let steps = try specs.map { try $0.step(in: data.frame, directory: directory, categories: tree) }
        let query = FunnelQuery(
            steps: steps, from: period.from, to: period.to, windowMs: try parameters.duration("window", default: 7 * 86_400_000),
            mode: try parameters.choice("mode", default: FunnelMode.ordered),
            breakdown: try parameters.optionalChoice("breakdown", FunnelBreakdown.self))
        let result = query.run(on: data.frame)
        func stepValues(_ counts: FunnelCounts) -> [[(String, ReportValue)]] {
            counts.counts.indices.map { k in
                [("name", .string(specs[k].name)), ("count", .int(counts.counts[k])),
                 ("conversion_from_start", .double(counts.conversionFromStart[k])),
                 ("conversion_from_previous", .double(counts.conversionFromPrevious[k]))]
            }
        }
        let groups = result.groups.map { group in
            ReportValue.object([("group", .string(group.name)), ("steps", .array(stepValues(group.steps).map { .object($0) }))])
        }
        let json = ReportValue.object([
            ("mode", .string(query.mode.rawValue)), ("window_ms", .int(Int(query.windowMs))),
            ("steps", .array(stepValues(result.steps).map { .object($0) })),
            ("median_time_to_convert_ms", result.medianTimeToConvertMs.map { .double($0) } ?? .null),
            ("breakdown", query.breakdown == nil ? .null : .array(groups)),
        ])
        var rows = stepValues(result.steps).map { [ReportValue.string("all")] + $0.map(\.1) }
        for group in result.groups { rows += stepValues(group.steps).map { [ReportValue.string(group.name)] + $0.map(\.1) } }
        return ReportOutput(json: json, columns: ["group", "step", "count", "conversion_from_start", "conversion_from_previous"], rows: rows)
    }

    /// `paths`: the most common paths that end in a paid order (`top`, default 10).
    func paths(_ shop: ShopInfo, _ parameters: ReportParameters) async throws -> ReportOutput {
        let data = try await sources(shop, reading: .none)
        let period = try parameters.period(data.calendar, now: time.now())
        let paths = PathsQuery(from: period.from, to: period.to, top: try parameters.integer("top", default: 10, range: 1...100)).run(on: data.frame)
        let rows: [[(String, ReportValue)]] = paths.map { [("path", .array($0.names.map { .string($0) })), ("count", .int($0.count))] }
        return Self.rowsOutput(rows, columns: ["path", "count"])
    }

    /// `retention`: `cohort=first_event|first_paid_order`, `period=day|week|month`,
    /// `return_event=any|TYPE`, `mode=bounded|unbounded`.
    func retention(_ shop: ShopInfo, _ parameters: ReportParameters) async throws -> ReportOutput {
        let data = try await sources(shop, reading: parameters.values["cohort"] == "first_paid_order" ? .orders : .none)
        let range = try parameters.period(data.calendar, now: time.now())
        let cohortName = parameters.values["cohort"] ?? "first_event"
        let cohort: RetentionCohort
        switch cohortName {
        case "first_event": cohort = .firstEvent
        case "first_paid_order": cohort = .firstPaid(Self.firstPaid(data))
        default: throw parameters.invalid("cohort", "cohort must be first_event or first_paid_order.")
        }
        var returnType: UInt8?
        if let name = parameters.values["return_event"], name != "any" {
            guard EventValidation.isValidTypeName(name) else { throw parameters.invalid("return_event", "return_event must be any or an event type.") }
            returnType = data.frame.typeCode(name) ?? FunnelStepSpec.neverSeenType
        }
        let period = try parameters.choice("period", default: CalendarPeriod.week)
        let matrix = RetentionQuery(
            calendar: data.calendar, period: period, from: range.from, to: range.to, cohort: cohort, returnType: returnType,
            mode: try parameters.choice("mode", default: RetentionMode.bounded)
        ).run(on: data.frame)
        var rows: [[ReportValue]] = []
        for row in matrix.cohorts {
            for (n, retained) in row.retained.enumerated() {
                rows.append([.string(row.label), .int(n), .int(row.size), .int(retained), .double(row.rates[n])])
            }
        }
        let json = ReportValue.object([
            ("cohort", .string(cohortName)), ("period", .string(period.rawValue)), ("mode", .string(matrix.mode.rawValue)),
            ("cohorts", .array(matrix.cohorts.map { row in
                .object([("cohort", .string(row.label)), ("size", .int(row.size)), ("retained", .array(row.retained.map { .int($0) })),
                         ("rates", .array(row.rates.map { .double($0) }))])
            })),
        ])
        return ReportOutput(json: json, columns: ["cohort", "period", "size", "retained", "rate"], rows: rows)
    }

    /// Each person's first paid time (`RetentionCohort.never` when they never paid).
    static func firstPaid(_ data: Sources) -> [Int64] {
        var first = [Int64](repeating: RetentionCohort.never, count: data.frame.personCount)
        for index in 0..<data.orders.orderCount where data.orders.isPaid(index) {
            let customer = data.orders.customer[index]
            guard customer != 0, let person = data.frame.person(ofCustomer: customer) else { continue }
            let paid = data.orders.paidAt[index]
            if first[Int(person)] == RetentionCohort.never || paid < first[Int(person)] { first[Int(person)] = paid }
        }
        return first
    }

    /// Category id → the ids of it and every category below it.
    func categoryTree(_ shop: ShopInfo) async throws -> [Int64: Set<Int64>] {
        let categories = try await store.categories(shop.id)
        var children: [Int64: [Int64]] = [:]
        for category in categories { if let parent = category.parentID { children[parent, default: []].append(category.id) } }
        var tree: [Int64: Set<Int64>] = [:]
        for category in categories {
            var members: Set<Int64> = [category.id]
            var stack = [category.id]
            while let next = stack.popLast() {
                for child in children[next] ?? [] where members.insert(child).inserted { stack.append(child) }
            }
            tree[category.id] = members
        }
        return tree
    }
}
