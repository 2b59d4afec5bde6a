import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Testing

/// End-to-end tests against the real `yunying` binary: a SIGKILL in the middle of a stream of
/// orders loses no acknowledged write and leaves stock consistent; SIGTERM shuts down cleanly.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct CrashRecoveryTests {
    static let sku = "CRASH-1"
    static let price: Int64 = 1999
    static let initialStock: Int64 = 400
    static let workers = 8
    /// Acknowledged creates before the server is killed.
    static let acknowledgedBeforeKill = 100
    /// Acknowledged creates wanted from the restarted server before stopping.
    static let acknowledgedAfterRestart = 40

    @Test func acknowledgedOrdersSurviveSIGKILL() async throws {
        try await SystemHarness.withServerSession { harness, session in
            try await crashAndRecover(harness, session: session)
        }
    }

    @Test func sigtermExitsWithStatusZero() async throws {
        try await SystemHarness.withServerSession { harness, session in
            let key = try await harness.prepareDatabase()
            let server = try await harness.startServer(session: session)
            let client = APIClient(session: session, key: key)
            client.target(server, generation: 1)
            let list = try await client.send("GET", "/api/v1/orders?limit=1")
            #expect(list.status == 200)
            let signalled = ContinuousClock.now
            server.child.signal(SIGTERM)
            let exit = await server.child.waitForExit(timeout: .seconds(20))
            let elapsed = ContinuousClock.now - signalled
            #expect(exit?.isCleanExit == true, "after SIGTERM: \(exit.map(String.init(describing:)) ?? "still running after 20 s")\n\(server.logTail())")
            print("SIGTERM → \(exit.map(String.init(describing:)) ?? "no exit") after \(elapsed)")
            #expect(elapsed < .seconds(5), "shutdown waited for a sweep interval: \(elapsed)")
        }
    }

    /// An unpaid order whose hold has expired is cancelled by the server's periodic sweep, and its
    /// stock released, while the server keeps running (not only by the sweep at start-up).
    @Test func expiredHoldsAreReleasedWhileServing() async throws {
        try await SystemHarness.withServerSession { harness, session in
            let key = try await harness.prepareDatabase()
            let server = try await harness.startServer(session: session, extraArguments: ["--hold-minutes", "0", "--sweep-seconds", "1"])
            let client = APIClient(session: session, key: key)
            client.target(server, generation: 1)
            try await Self.stockItem(client, stock: 10)
            try await Task.sleep(for: .seconds(1))  // past the sweep at start-up
            let created = try await client.send("POST", "/api/v1/orders", json: #"{"lines":[{"sku":"\#(Self.sku)","quantity":2}]}"#)
            try #require(created.status == 201, "create: \(created.status) \(created.text)")
            let order = try created.decode(OrderWire.self)
            // The sweep runs every second here: fifteen intervals are plenty.
            var status = order.status
            _ = await Self.poll(timeout: .seconds(15)) {
                status != "pending_payment"
            } refresh: {
                status = (try? await client.send("GET", "/api/v1/orders/\(order.id)").decode(OrderWire.self).status) ?? status
            }
            let stock = try await client.send("GET", "/api/v1/skus/\(Self.sku)/stock").decode(StockWire.self)
            print("hold expiry: \(order.id) is \(status) 15 s after its hold expired; held \(stock.held)")
            #expect(status == "cancelled", "\(order.id) is still \(status)")
            #expect(stock.held == 0)
        }
    }

    // MARK: - The crash scenario

    /// Creates the test SKU and receives `stock` units.
    static func stockItem(_ client: APIClient, stock: Int64) async throws {
        let product = try await client.send("POST", "/api/v1/products", json: """
            {"title":"System test item","skus":[{"code":"\(sku)","price":{"amount":\(price),"currency":"CNY"}}]}
            """)
        try #require(product.status == 201, "create product: \(product.status) \(product.text)")
        let receipt = try await client.send("POST", "/api/v1/inventory/adjustments", json: """
            {"sku":"\(sku)","delta":\(stock),"reason":"receipt"}
            """)
        try #require(receipt.status == 201, "receive stock: \(receipt.status) \(receipt.text)")
    }

    func crashAndRecover(_ harness: SystemHarness, session: URLSession) async throws {
        let key = try await harness.prepareDatabase()
        let first = try await harness.startServer(session: session)
        let client = APIClient(session: session, key: key)
        client.target(first, generation: 1)

        try await Self.stockItem(client, stock: Self.initialStock)

        let run = SharedRun()
        var killedAfter = 0
        var firstExit: ProcessExit?

        try await withThrowingTaskGroup(of: Void.self) { group in
            defer { run.stop.store(true, ordering: .relaxed) }
            for _ in 0..<Self.workers {
                group.addTask {
                    await Self.shopper(client, run)
                    run.finishedWorkers.add(1, ordering: .relaxed)
                }
            }
            let enough = await Self.poll(timeout: .seconds(120)) {
                run.ledger.withLock { $0.created.count } >= Self.acknowledgedBeforeKill || run.finishedWorkers.load(ordering: .relaxed) == Self.workers
            }
            killedAfter = run.ledger.withLock { $0.created.count }
            try #require(enough && killedAfter >= Self.acknowledgedBeforeKill,
                         "only \(killedAfter) acknowledged orders before the kill; \(run.ledger.withLock { $0.unexpected })\n\(first.logTail())")

            first.child.signal(SIGKILL)
            firstExit = await first.child.waitForExit(timeout: .seconds(10))

            let second = try await harness.startServer(session: session)
            client.target(second, generation: 2)
            _ = await Self.poll(timeout: .seconds(90)) {
                run.ledger.withLock { $0.createdAfterRestart } >= Self.acknowledgedAfterRestart || run.finishedWorkers.load(ordering: .relaxed) == Self.workers
            }
            run.stop.store(true, ordering: .relaxed)
            try await group.waitForAll()
        }

        #expect(firstExit?.signalled == true && firstExit?.status == SIGKILL, "first server: \(String(describing: firstExit))")
        let final = run.ledger.withLock { $0 }
        #expect(final.unexpected.isEmpty, "unexpected replies: \(final.unexpected)")
        #expect(final.createdAfterRestart > 0, "the restarted server acknowledged no order")

        try await verify(client, ledger: final)
        print("""
            crash test: SIGKILL after \(killedAfter) acknowledged orders; acknowledged in all: \(final.created.count) created \
            (\(final.createdAfterRestart) by the restarted server), \(final.paid.count) paid, \(final.shipped.count) shipped; \
            \(final.transportErrors) requests failed while the server was down
            """)
    }

    /// Every acknowledged write is in the database, and stock matches the orders' statuses.
    func verify(_ client: APIClient, ledger: Ledger) async throws {
        let orders = try await Self.allOrders(client)
        var quantities: [String: Int64] = [:]  // by status, for the SKU
        for order in orders.values {
            let quantity = order.lines.filter { $0.sku == Self.sku }.reduce(0) { $0 + $1.quantity }
            quantities[order.status, default: 0] += quantity
        }

        for (id, placed) in ledger.created {
            guard let order = orders[id] else {
                Issue.record("acknowledged order \(id) is missing after the restart")
                continue
            }
            #expect(order.total.amount == placed.total, "\(id): total \(order.total.amount), acknowledged \(placed.total)")
            #expect(order.total.amount == placed.quantity * Self.price, "\(id): total \(order.total.amount) for \(placed.quantity) units")
            #expect(order.lines.map(\.quantity).reduce(0, +) == placed.quantity, "\(id): lines \(order.lines)")
        }
        for id in ledger.paid {
            #expect(["paid", "shipped"].contains(orders[id]?.status), "\(id) was paid but is \(orders[id]?.status ?? "missing")")
        }
        for id in ledger.shipped {
            #expect(orders[id]?.status == "shipped", "\(id) was shipped but is \(orders[id]?.status ?? "missing")")
        }

        let stockReply = try await client.send("GET", "/api/v1/skus/\(Self.sku)/stock")
        try #require(stockReply.status == 200, "stock: \(stockReply.status) \(stockReply.text)")
        let stock = try stockReply.decode(StockWire.self)
        let shipped = quantities["shipped", default: 0]
        let pending = quantities["pending_payment", default: 0]
        let paid = quantities["paid", default: 0]
        #expect(stock.onHand == Self.initialStock - shipped, "on_hand \(stock.onHand), shipped \(shipped) of \(Self.initialStock)")
        #expect(stock.held == pending, "held \(stock.held), pending_payment quantity \(pending)")
        #expect(stock.allocated == paid, "allocated \(stock.allocated), paid quantity \(paid)")
        #expect(stock.available >= 0)
        #expect(stock.available == stock.onHand - stock.held - stock.allocated)
        #expect(Set(quantities.keys).isSubset(of: ["pending_payment", "paid", "shipped"]), "statuses: \(quantities)")
        print("after restart: \(orders.count) orders in the database, units by status \(quantities.sorted { $0.key < $1.key }); " +
              "stock on_hand \(stock.onHand) held \(stock.held) allocated \(stock.allocated) available \(stock.available)")
    }

    /// All orders of the shop, through cursor pagination (bounded).
    static func allOrders(_ client: APIClient) async throws -> [String: OrderWire] {
        var orders: [String: OrderWire] = [:]
        var cursor: String?
        for _ in 0..<100 {
            let reply = try await client.send("GET", "/api/v1/orders?limit=100" + (cursor.map { "&starting_after=\($0)" } ?? ""))
            try #require(reply.status == 200, "list orders: \(reply.status) \(reply.text)")
            let page = try reply.decode(OrderListWire.self)
            for order in page.data {
                #expect(orders[order.id] == nil, "order \(order.id) listed twice")
                orders[order.id] = order
            }
            guard page.hasMore, let last = page.data.last else { return orders }
            cursor = last.id
        }
        Issue.record("more than 100 pages of orders")
        return orders
    }

    /// One concurrent client: place an order of 1–3 units, then (randomly) pay it and ship it.
    /// Only 2xx replies count; transport errors (the server is down) are expected and skipped.
    static func shopper(_ client: APIClient, _ run: SharedRun) async {
        let deadline = ContinuousClock.now + .seconds(200)
        for _ in 0..<300 {
            if run.stop.load(ordering: .relaxed) || Task.isCancelled || ContinuousClock.now > deadline { return }
            let quantity = Int64.random(in: 1...3)
            let fate = Int.random(in: 0..<4)  // 0: leave unpaid, 1: pay, 2–3: pay and ship
            let generation = client.generation
            guard let created = await attempt(client, "POST", "/api/v1/orders", json: #"{"lines":[{"sku":"\#(sku)","quantity":\#(quantity)}]}"#, run) else {
                continue
            }
            if created.status == 409, created.text.contains("insufficient_stock") { return }
            guard created.status == 201, let order = try? created.decode(OrderWire.self) else {
                run.ledger.withLock { $0.note("create: \(created.status) \(created.text)") }
                continue
            }
            run.ledger.withLock {
                $0.created[order.id] = (quantity, order.total.amount)
                if generation == 2 { $0.createdAfterRestart += 1 }
            }
            guard fate >= 1 else { continue }
            guard let paid = await attempt(client, "POST", "/api/v1/orders/\(order.id)/pay", json: #"{"amount":\#(order.total.amount)}"#, run) else {
                continue
            }
            guard paid.status == 200 else {
                run.ledger.withLock { $0.note("pay \(order.id): \(paid.status) \(paid.text)") }
                continue
            }
            run.ledger.withLock { _ = $0.paid.insert(order.id) }
            guard fate >= 2 else { continue }
            guard let shipped = await attempt(client, "POST", "/api/v1/orders/\(order.id)/ship", json: #"{"carrier":"SF","tracking_number":"SF\#(order.id)"}"#, run) else {
                continue
            }
            guard shipped.status == 200 else {
                run.ledger.withLock { $0.note("ship \(order.id): \(shipped.status) \(shipped.text)") }
                continue
            }
            run.ledger.withLock { _ = $0.shipped.insert(order.id) }
        }
    }

    /// A request, or nil (after a short pause) when the server could not be reached.
    static func attempt(_ client: APIClient, _ method: String, _ path: String, json: String, _ run: SharedRun) async -> HTTPReply? {
        do {
            return try await client.send(method, path, json: json)
        } catch {
            run.ledger.withLock { $0.transportErrors += 1 }
            try? await Task.sleep(for: .milliseconds(25))
            return nil
        }
    }

    /// Polls `condition` every 20 ms, calling `refresh` before each look; false if `timeout` passes first.
    static func poll(timeout: Duration, _ condition: () -> Bool, refresh: () async -> Void = {}) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            await refresh()
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        await refresh()
        return condition()
    }
}

/// State the concurrent clients share with the test.
final class SharedRun: Sendable {
    let ledger = Mutex(Ledger())
    let stop = Atomic<Bool>(false)
    let finishedWorkers = Atomic<Int>(0)
}

/// What the clients were told.
struct Ledger: Sendable {
    /// Acknowledged creates: order id → (quantity, total amount).
    var created: [String: (quantity: Int64, total: Int64)] = [:]
    var paid: Set<String> = []
    var shipped: Set<String> = []
    var createdAfterRestart = 0
    var transportErrors = 0
    /// Replies that were neither 2xx nor an expected refusal (a 5xx is a bug).
    var unexpected: [String] = []

    mutating func note(_ message: String) {
        if unexpected.count < 20 { unexpected.append(message) }
    }
}

struct MoneyWire: Decodable, Sendable {
    let amount: Int64
    let currency: String
}

struct OrderLineWire: Decodable, Sendable {
    let sku: String
    let quantity: Int64
}

struct OrderWire: Decodable, Sendable {
    let id: String
    let status: String
    let total: MoneyWire
    let lines: [OrderLineWire]
}

struct OrderListWire: Decodable, Sendable {
    let data: [OrderWire]
    let hasMore: Bool

    enum CodingKeys: String, CodingKey {
        case data
        case hasMore = "has_more"
    }
}

struct StockWire: Decodable, Sendable {
    let onHand: Int64
    let held: Int64
    let allocated: Int64
    let available: Int64

    enum CodingKeys: String, CodingKey {
        case held, allocated, available
        case onHand = "on_hand"
    }
}
