import Commerce
import Foundation
import Operations
import Persistence
import Synchronization
import Testing
import StoreTesting

/// Flash stock, per-customer limits, budgets and use caps under many concurrent orders.
@Suite struct PromotionConcurrencyTests {
    /// What one attempt came to.
    struct Outcome: Sendable {
        var customer: Int
        var quantity: Int64
        var result: String
        var order: Order?
    }

    /// Runs `attempts` calls of `body` on `workers` concurrent tasks, each pulling the next attempt number.
    static func run(
        attempts: Int, workers: Int, _ body: @escaping @Sendable (Int) async -> Outcome
    ) async -> [Outcome] {
        let next = Counter()
        return await withTaskGroup(of: [Outcome].self, returning: [Outcome].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var outcomes: [Outcome] = []
                    while true {
                        let attempt = next.take()
                        guard attempt < attempts else { break }
                        outcomes.append(await body(attempt))
                    }
                    return outcomes
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    /// The code of a refusal, or a description of anything that is not a coded error.
    static func code(_ error: any Error) -> String {
        (error as? any CodedError)?.code ?? "unexpected: \(error)"
    }

    static func createCustomers(_ fixture: Fixture, count: Int) async throws -> [String] {
        try await withThrowingTaskGroup(of: [(Int, String)].self, returning: [String].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var made: [(Int, String)] = []
                    for index in stride(from: worker, to: count, by: 8) {
                        let customer = try await fixture.yunying.customers.create(fixture.shop, CreateCustomer(name: "Shopper \(index)"))
                        made.append((index, IDPrefix.customer.format(customer.id)))
                    }
                    return made
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// 1,000 flash units, at most 2 per customer; 20,000 attempts of 1 or 2 units from 5,000 customers
    /// on 64 concurrent workers: exactly 1,000 units sold, nobody above the limit.
    @Test(arguments: StoreKind.allCases) func aFlashSaleSellsExactlyItsStock(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("FLASH", price: 9900, stock: 3000)
        let customers = try await Self.createCustomers(fixture, count: 5000)
        let promotion = try await fixture.yunying.promotions.create(fixture.shop, json: Array(#"""
            {"name":"秒杀","type":"flash_sale","starts_at":"2026-01-01","ends_at":"2027-01-01","sku":"FLASH","price":990,"stock":1000,
             "per_customer_limit":2}
            """#.utf8))
        let promotionID = IDPrefix.promotion.format(promotion.id)
        let started = ContinuousClock.now
        let outcomes = await Self.run(attempts: 20_000, workers: 64) { attempt in
            // Each customer tries 4 times in a row (so their attempts race each other); every third attempt asks for 2 units.
            let customer = (attempt / 4) % 5000
            let quantity: Int64 = attempt % 3 == 0 ? 2 : 1
            do {
                let order = try await fixture.yunying.orders.placeFlash(
                    fixture.shop, promotionID: promotionID) { FlashOrder(customerId: customers[customer], quantity: quantity) }
                return Outcome(customer: customer, quantity: quantity, result: "created", order: order)
            } catch {
                return Outcome(customer: customer, quantity: quantity, result: Self.code(error), order: nil)
            }
        }
        let elapsed = ContinuousClock.now - started
        print("flash sale: 20,000 attempts in \(elapsed)")

        #expect(outcomes.count == 20_000)
        let results = Dictionary(grouping: outcomes, by: \.result).mapValues(\.count)
        #expect(Set(results.keys) == ["created", "sold_out", "limit_reached"], "\(results)")
        let created = outcomes.compactMap(\.order)
        // Every unit of a flash order is at the flash price.
        for order in created {
            #expect(order.lines.count == 1)
            #expect(order.lines.first?.total.amount == 990 * (order.lines.first?.quantity ?? 0))
        }
        #expect(created.reduce(0) { $0 + $1.lines[0].quantity } == 1000)
        var perCustomer: [Int: Int64] = [:]
        for outcome in outcomes where outcome.order != nil { perCustomer[outcome.customer, default: 0] += outcome.quantity }
        #expect(perCustomer.values.allSatisfy { $0 <= 2 }, "a customer bought more than 2")

        // The store agrees: orders, the promotion's counter and the held stock.
        let stored = try await fixture.allOrders()
        #expect(stored.count == created.count)
        #expect(stored.reduce(0) { $0 + $1.lines.reduce(0) { $0 + $1.quantity } } == 1000)
        var storedPerCustomer: [Int64: Int64] = [:]
        for order in stored { storedPerCustomer[order.customerID ?? 0, default: 0] += order.lines[0].quantity }
        #expect(storedPerCustomer.values.allSatisfy { $0 <= 2 })
        let record = try await fixture.yunying.promotions.promotion(fixture.shop, id: promotionID)
        #expect(record.flashSold == 1000)
        #expect(record.flashRemaining == 0)
        let level = try await fixture.stock("FLASH")
        #expect(level.held == 1000)
        #expect(level.available == 2000)
    }

    /// 满减 with a budget of 500.00 and 30 uses, beside TEA 5 % off for 25 orders, under 400 concurrent
    /// orders of 200.00 or 400.00: the caps hold, the counters equal what the orders took, and
    /// cancelling gives back exactly that.
    @Test(arguments: StoreKind.allCases) func budgetAndUseCapsHoldUnderConcurrentOrders(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("TEA", price: 10000, stock: 5000)
        let threshold = try await fixture.yunying.promotions.create(fixture.shop, json: Array(#"""
            {"name":"满减","type":"threshold_reduction","starts_at":"2026-01-01","ends_at":"2027-01-01","scope":{"all":true},
             "tiers":[{"threshold":15000,"reduction":1500},{"threshold":30000,"reduction":3500}],"budget":50000,"max_uses":30}
            """#.utf8))
        let percent = try await fixture.yunying.promotions.create(fixture.shop, json: Array(#"""
            {"name":"Tea 5%","type":"percent_off","starts_at":"2026-01-01","ends_at":"2027-01-01","scope":{"skus":["TEA"]},
             "percent_off":5,"max_uses":25}
            """#.utf8))
        func taken(_ order: Order, _ promotion: PromotionRecord) -> Int64 {
            order.lines.flatMap(\.applied).filter { $0.source == .promotion && $0.promotionID == promotion.id }.reduce(0) { $0 + $1.amount.amount }
        }
        func record(_ promotion: PromotionRecord) async throws -> PromotionRecord {
            try await fixture.yunying.promotions.promotion(fixture.shop, id: IDPrefix.promotion.format(promotion.id))
        }
        /// Each promotion's counters equal what the given (not cancelled) orders took from it.
        func expectCountersMatch(_ orders: [Order], sourceLocation: SourceLocation = #_sourceLocation) async throws {
            for promotion in [threshold, percent] {
                let current = try await record(promotion)
                #expect(current.budgetUsed == orders.reduce(0) { $0 + taken($1, promotion) }, "\(promotion.name)", sourceLocation: sourceLocation)
                #expect(current.usesCount == Int64(orders.filter { taken($0, promotion) > 0 }.count), "\(promotion.name)", sourceLocation: sourceLocation)
                #expect(current.budgetUsed <= current.budgetCap ?? .max, sourceLocation: sourceLocation)
                #expect(current.usesCount <= current.usesCap ?? .max, sourceLocation: sourceLocation)
            }
        }
        let outcomes = await Self.run(attempts: 400, workers: 64) { attempt in
            let quantity: Int64 = attempt % 2 == 0 ? 2 : 4
            do {
                let order = try await fixture.yunying.orders.place(fixture.shop, CreateOrder(lines: [.init(sku: "TEA", quantity: quantity)]))
                return Outcome(customer: 0, quantity: quantity, result: "created", order: order)
            } catch {
                return Outcome(customer: 0, quantity: quantity, result: Self.code(error), order: nil)
            }
        }
        #expect(outcomes.allSatisfy { $0.result == "created" }, "\(Set(outcomes.map(\.result)))")
        let orders = try await fixture.allOrders()
        #expect(orders.count == 400)
        try await expectCountersMatch(orders)
        #expect(try await record(threshold).budgetUsed == 50000)
        #expect(try await record(percent).usesCount == 25)
        // An order's discount is what the two promotions took, nothing else.
        #expect(orders.allSatisfy { $0.discount.amount == taken($0, threshold) + taken($0, percent) })

        // Cancel half of the discounted orders and some without a discount, concurrently.
        let discounted = orders.filter { $0.discount.amount > 0 }
        let cancelled = discounted.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) + orders.filter { $0.discount.amount == 0 }.prefix(20)
        await withTaskGroup(of: Void.self) { group in
            for order in cancelled {
                group.addTask { _ = try? await fixture.yunying.orders.cancel(fixture.shop, id: IDPrefix.order.format(order.id)) }
            }
        }
        let after = try await fixture.allOrders()
        #expect(after.filter { $0.status == .cancelled }.count == cancelled.count)
        try await expectCountersMatch(after.filter { $0.status != .cancelled })
        let given = cancelled.reduce(0) { $0 + taken($1, threshold) }
        #expect(given > 0)
        #expect(try await record(threshold).budgetUsed == 50000 - given)

        // What was given back is used again by new orders, still within the caps.
        let more = await Self.run(attempts: 100, workers: 32) { _ in
            do {
                return Outcome(customer: 0, quantity: 4, result: "created", order: try await fixture.order("TEA", quantity: 4))
            } catch {
                return Outcome(customer: 0, quantity: 4, result: Self.code(error), order: nil)
            }
        }
        #expect(more.allSatisfy { $0.result == "created" })
        try await expectCountersMatch(try await fixture.allOrders().filter { $0.status != .cancelled })
        #expect(try await record(percent).usesCount == 25)
    }
}

/// A shared attempt counter for the workers.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    /// The next attempt number.
    func take() -> Int {
        value.add(1, ordering: .relaxed).oldValue
    }
}
