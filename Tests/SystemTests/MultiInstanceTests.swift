import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import StoreTesting
import Synchronization
import Testing

/// Two `yunying serve` processes on different ports against one PostgreSQL schema, as behind a
/// load balancer: no unit is sold twice, a flash sale's per-customer limit holds across both, and
/// killing one mid-load loses no order it acknowledged. Skipped without `YUNYING_TEST_DATABASE_URL`.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct MultiInstanceTests {
    /// Two instances on a fresh schema, one admin client for each.
    struct Pair {
        let harness: SystemHarness
        let servers: [ServerProcess]
        let clients: [APIClient]
    }

    static func withTwoInstances(_ body: (Pair) async throws -> Void) async throws {
        let (url, _) = try await TestStores.postgresLocation()
        try await SystemHarness.withServerSession(databaseURL: url) { harness, session in
            let key = try await harness.prepareDatabase()
            var servers: [ServerProcess] = [], clients: [APIClient] = []
            for _ in 0..<2 {
                let server = try await harness.startServer(session: session)
                let client = APIClient(session: session, key: key)
                client.target(server, generation: 1)
                servers.append(server)
                clients.append(client)
            }
            try await body(Pair(harness: harness, servers: servers, clients: clients))
        }
    }

    /// 5,000 concurrent attempts for 1,000 units, alternating between the instances: exactly 1,000 sold.
    @Test func twoInstancesSellExactlyTheStock() async throws {
        try await Self.withTwoInstances { pair in
            try await CrashRecoveryTests.stockItem(pair.clients[0], stock: 1000)
            let replies = await Self.concurrently(5000, inFlight: 64) { attempt in
                try await pair.clients[attempt % 2].send(
                    "POST", "/api/v1/orders", json: #"{"lines":[{"sku":"\#(CrashRecoveryTests.sku)","quantity":1}]}"#)
            }
            let created = replies.filter { $0?.status == 201 }.count
            let refused = replies.filter { $0?.status == 409 && $0?.text.contains("insufficient_stock") == true }.count
            // A request that timed out on a busy machine may or may not have placed its order: only
            // the database can say, so the count that must be exact is the stored one.
            let unanswered = replies.filter { $0 == nil }.count
            let other = replies.compactMap { $0 }.filter { $0.status != 201 && !($0.status == 409 && $0.text.contains("insufficient_stock")) }
            #expect(other.isEmpty, "other replies: \(other.prefix(5).map { "\($0.status) \($0.text)" })")
            #expect(created <= 1000 && created + unanswered >= 1000, "created \(created), refused \(refused), unanswered \(unanswered)")
            let stock = try await pair.clients[1].send("GET", "/api/v1/skus/\(CrashRecoveryTests.sku)/stock").decode(StockWire.self)
            #expect(stock.held == 1000 && stock.available == 0, "held \(stock.held), available \(stock.available)")
            let orders = try await CrashRecoveryTests.allOrders(pair.clients[0])
            #expect(orders.count == 1000)
            for reply in replies where reply?.status == 201 {
                let order = try reply!.decode(OrderWire.self)
                #expect(orders[order.id] != nil, "acknowledged \(order.id) is not stored")
            }
            print("two instances: 5,000 attempts → \(created) orders, \(refused) insufficient_stock, \(unanswered) unanswered; \(orders.count) stored, held \(stock.held)")
        }
    }

    /// A flash sale of 300 units, at most 2 per customer; 200 customers try 5 times each, spread
    /// over both instances: exactly 300 sold and no customer above 2.
    @Test func aFlashSaleAcrossInstancesKeepsTheLimit() async throws {
        try await Self.withTwoInstances { pair in
            let admin = pair.clients[0]
            try await CrashRecoveryTests.stockItem(admin, stock: 1000)
            let today = Date()
            let window = (today.addingTimeInterval(-86_400), today.addingTimeInterval(2 * 86_400))
            let sale = try await admin.send("POST", "/api/v1/promotions", json: """
                {"name":"秒杀","type":"flash_sale","starts_at":"\(Self.day(window.0))","ends_at":"\(Self.day(window.1))",\
                "sku":"\(CrashRecoveryTests.sku)","price":500,"stock":300,"per_customer_limit":2}
                """)
            try #require(sale.status == 201, "flash sale: \(sale.status) \(sale.text)")
            let saleID = try #require(try JSONSerialization.jsonObject(with: sale.body) as? [String: Any])["id"] as? String
            var customers: [String] = []
            for index in 0..<200 {
                let reply = try await admin.send("POST", "/api/v1/customers", json: #"{"name":"Buyer \#(index)"}"#)
                try #require(reply.status == 201, "customer: \(reply.status) \(reply.text)")
                customers.append(try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])["id"] as! String)
            }
            let buyers = customers
            let replies = await Self.concurrently(1000, inFlight: 64) { attempt in
                try await pair.clients[attempt % 2].send(
                    "POST", "/api/v1/flash-sales/\(saleID!)/orders", json: #"{"customer_id":"\#(buyers[attempt % 200])","quantity":1}"#)
            }
            // What was stored decides (a request that timed out may still have placed its order).
            let bought = try await Self.unitsByCustomer(admin)
            let sold = bought.values.reduce(0, +)
            let acknowledged = replies.filter { $0?.status == 201 }.count
            let unexpected = replies.compactMap { $0 }.filter { ![201, 409, 422].contains($0.status) }
            #expect(sold == 300 && acknowledged <= 300, "sold \(sold), acknowledged \(acknowledged)")
            #expect(bought.values.allSatisfy { $0 <= 2 }, "over the limit: \(bought.filter { $0.value > 2 })")
            #expect(unexpected.isEmpty, "\(unexpected.prefix(3).map { "\($0.status) \($0.text)" })")
            let used = try JSONSerialization.jsonObject(with: try await admin.send("GET", "/api/v1/promotions/\(saleID!)").body) as? [String: Any]
            #expect((used?["used"] as? [String: Any])?["flash_sold"] as? Int == 300)
            print("flash sale across two instances: \(sold) sold to \(bought.count) customers, max \(bought.values.max() ?? 0) each")
        }
    }

    /// Orders stream to both instances; one is killed (SIGKILL) mid-load and the other carries on.
    /// Every order either instance acknowledged is stored, and stock agrees with the orders.
    @Test func killingOneInstanceLosesNoAcknowledgedOrder() async throws {
        try await Self.withTwoInstances { pair in
            try await CrashRecoveryTests.stockItem(pair.clients[0], stock: 5000)
            let acknowledged = Acknowledged()
            let replies = await Self.concurrently(2000, inFlight: 32) { attempt in
                if attempt == 600, !acknowledged.killed.exchange(true, ordering: .relaxed) { pair.servers[0].child.signal(SIGKILL) }
                let quantity = Int64(attempt % 3 + 1)
                let reply = try await pair.clients[attempt % 2].send(
                    "POST", "/api/v1/orders", json: #"{"lines":[{"sku":"\#(CrashRecoveryTests.sku)","quantity":\#(quantity)}]}"#)
                if reply.status == 201, let order = try? reply.decode(OrderWire.self) { acknowledged.orders.withLock { $0[order.id] = quantity } }
                return reply
            }
            let survivor = pair.clients[1]
            let orders = try await CrashRecoveryTests.allOrders(survivor)
            let ledger = acknowledged.orders.withLock { $0 }
            let failed = replies.filter { $0 == nil }.count
            #expect(ledger.count > 600, "only \(ledger.count) acknowledged")
            #expect(failed > 0, "the killed instance never failed a request")
            for (id, quantity) in ledger {
                #expect(orders[id]?.lines.map(\.quantity).reduce(0, +) == quantity, "acknowledged \(id) (\(quantity) units) is \(orders[id].map { "\($0.lines)" } ?? "missing")")
            }
            let held = orders.values.flatMap(\.lines).map(\.quantity).reduce(0, +)
            let stock = try await survivor.send("GET", "/api/v1/skus/\(CrashRecoveryTests.sku)/stock").decode(StockWire.self)
            #expect(stock.held == held && stock.onHand == 5000, "held \(stock.held) for \(held) ordered units; on hand \(stock.onHand)")
            print("killed one of two instances mid-load: \(ledger.count) acknowledged, \(orders.count) stored, \(failed) requests failed")
        }
    }

    /// Units of every stored order by customer id, through cursor pagination.
    static func unitsByCustomer(_ client: APIClient) async throws -> [String: Int] {
        var units: [String: Int] = [:]
        var cursor: String?
        while true {
            let reply = try await client.send("GET", "/api/v1/orders?limit=100" + (cursor.map { "&starting_after=\($0)" } ?? ""))
            let page = try #require(try JSONSerialization.jsonObject(with: reply.body) as? [String: Any])
            let orders = page["data"] as? [[String: Any]] ?? []
            for order in orders {
                let quantity = (order["lines"] as? [[String: Any]] ?? []).compactMap { $0["quantity"] as? Int }.reduce(0, +)
                units[order["customer_id"] as? String ?? "guest", default: 0] += quantity
            }
            guard page["has_more"] as? Bool == true, let last = orders.last?["id"] as? String else { return units }
            cursor = last
        }
    }

    /// Runs `count` requests with at most `inFlight` at once; a transport error gives nil.
    static func concurrently(_ count: Int, inFlight: Int, _ request: @escaping @Sendable (Int) async throws -> HTTPReply) async -> [HTTPReply?] {
        let load = Load(count)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<inFlight {
                group.addTask {
                    while let attempt = load.next() {
                        load.record(attempt, try? await request(attempt))
                    }
                }
            }
        }
        return load.results.withLock { $0 }
    }

    /// Attempts handed out once each, and their replies.
    final class Load: Sendable {
        let count: Int
        let counter = Atomic<Int>(0)
        let results: Mutex<[HTTPReply?]>

        init(_ count: Int) {
            self.count = count
            results = Mutex(Array(repeating: nil, count: count))
        }

        func next() -> Int? {
            let attempt = counter.add(1, ordering: .relaxed).oldValue
            return attempt < count ? attempt : nil
        }

        func record(_ attempt: Int, _ reply: HTTPReply?) { results.withLock { $0[attempt] = reply } }
    }

    /// Orders acknowledged with their quantities, and whether the first instance was killed yet.
    final class Acknowledged: Sendable {
        let orders = Mutex<[String: Int64]>([:])
        let killed = Atomic<Bool>(false)
    }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
