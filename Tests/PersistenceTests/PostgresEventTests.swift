import Commerce
import Foundation
@testable import Persistence
import StoreTesting
import Testing

/// PostgresStore's events, ad spend, experiments, CRM and outbox, against the test database.
@Suite struct PostgresEventTests {
    static let now = Instant(millisecondsSinceEpoch: 1_700_000_000_000)

    static func uid(_ number: Int) -> [UInt8] {
        (0..<16).map { UInt8(truncatingIfNeeded: number >> (($0 % 4) * 8)) ^ UInt8($0) }
    }

    static func event(_ number: Int, type: String = "page_view", order: Int64? = nil, visitor: String = "v1") -> EventRecord {
        EventRecord(
            uid: uid(number), type: type, timestamp: Instant(millisecondsSinceEpoch: 1_700_000_000_000 + Int64(number)),
            anonymousID: visitor, orderID: order, value: order.map { _ in 1_999 }, utmCampaign: number % 3 == 0 ? "spring" : nil,
            properties: type == "experiment_exposure" ? #"{"experiment":"hero","variant":"b"}"# : nil)
    }

    /// The shop (id 1) and `customers` customers with ids 1…n, written with plain SQL.
    static func seed(_ store: PostgresStore, customers: Int = 0) async throws {
        try await store.write { db in
            try await db.run("INSERT INTO shops (id, name, currency, time_zone, created_at) VALUES (1, 'Shop', 'CNY', 'Asia/Shanghai', 0)")
            for id in 0..<customers {
                try await db.run("INSERT INTO customers (id, shop_id, name, phone, email, created_at) VALUES (?, 1, ?, ?, ?, 0)",
                                 [id + 1, "C\(id + 1)", "1380000\(id + 1)", "c\(id + 1)@example.com"])
            }
        }
    }

    /// Rows without their positions (which differ between the stores).
    static func withoutPositions(_ rows: [FrameEventRow]) -> [FrameEventRow] {
        rows.map { row in
            var row = row
            row.position = .start
            row.settled = true
            return row
        }
    }

    /// The settled frame rows after `position` once at least `count` are: a transaction open
    /// elsewhere on the server (other tests, slowed by a busy machine) holds back what settles.
    static func settled(_ store: PostgresStore, after position: EventPosition, count: Int) async throws -> [FrameEventRow] {
        for _ in 0..<600 {
            let rows = try await store.frameEvents(1, after: position, limit: 100_000).prefix { $0.settled }
            if rows.count >= count { return Array(rows) }
            try await Task.sleep(for: .milliseconds(100))
        }
        return Array(try await store.frameEvents(1, after: position, limit: 100_000).prefix { $0.settled })
    }

    @Test func appendingGivesSQLitesAnswersForDuplicateIdsAndOrderEvents() async throws {
        let postgres = try await TestStores.postgres()
        defer { postgres.close() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yunying-events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try SQLiteStore(path: directory.appendingPathComponent("shop.sqlite").path)
        var big = (0..<2_500).map { Self.event(1_000 + $0) }
        for index in stride(from: 1_100, to: 2_500, by: 7) { big[index] = Self.event(1_000 + index - 1_050) }
        let batches: [[EventRecord]] = [
            [Self.event(1), Self.event(2), Self.event(1), Self.event(3, type: "order_placed", order: 7),
             Self.event(4, type: "order_placed", order: 7), Self.event(5, type: "order_paid", order: 7),
             Self.event(6, type: "experiment_exposure")],
            [Self.event(2), Self.event(8, type: "order_placed", order: 7), Self.event(9),
             Self.event(10, type: "order_paid", order: 7), Self.event(10), Self.event(11, type: "order_placed", order: 8)],
            big,
            [],
        ]
        for batch in batches {
            let expected = try await sqlite.appendEvents(1, batch, receivedAt: Self.now)
            let answered = try await postgres.appendEvents(1, batch, receivedAt: Self.now)
            #expect(answered == expected)
        }
        let expected = try await sqlite.frameEvents(1, after: .start, limit: 100_000)
        let stored = try await Self.settled(postgres, after: .start, count: expected.count)
        #expect(Self.withoutPositions(stored) == Self.withoutPositions(expected))
        let exposure = stored.first { $0.type == "experiment_exposure" }
        #expect(exposure?.experiment == "hero" && exposure?.variant == "b")
    }

    @Test func framesPageThroughInArrivalOrder() async throws {
        let store = try await TestStores.postgres()
        defer { store.close() }
        for start in stride(from: 0, to: 1_200, by: 400) {
            let added = try await store.appendEvents(1, (start..<start + 400).map { Self.event($0) }, receivedAt: Self.now)
            #expect(added.allSatisfy { $0 })
        }
        _ = try await Self.settled(store, after: .start, count: 1_200)
        var position = EventPosition.start
        var sizes: [Int] = []
        var timestamps: [Int64] = []
        while true {
            let page = try await store.frameEvents(1, after: position, limit: 500)
            sizes.append(page.count)
            guard let last = page.last else { break }
            #expect(zip(page, page.dropFirst()).allSatisfy { $0.position < $1.position })
            #expect(page[0].position > position)
            timestamps += page.map(\.timestamp)
            position = last.position
        }
        #expect(sizes == [500, 500, 200, 0])
        #expect(timestamps == (0..<1_200).map { 1_700_000_000_000 + Int64($0) })
        #expect(try await store.frameEvents(2, after: .start, limit: 500).isEmpty)
    }

    @Test func anEventCommittedLateIsReadAfterOnesWithLargerSeqs() async throws {
        let store = try await TestStores.postgres()
        defer { store.close() }
        _ = try await store.appendEvents(1, [Self.event(1)], receivedAt: Self.now)
        let first = try await Self.settled(store, after: .start, count: 1)
        try #require(first.count == 1)
        let (early, late) = try await store.client.withConnection { connectionA in
            try await store.client.withConnection { connectionB in
                let a = PGSession(connection: connectionA, logger: store.logger)
                let b = PGSession(connection: connectionB, logger: store.logger)
                // B's transaction id is older than A's, but A draws the smaller seq.
                try await b.run("BEGIN")
                try await b.run("SELECT pg_current_xact_id()")
                try await a.run("BEGIN")
                #expect(try await store.insertEvent(a, shop: 1, Self.event(2), receivedAt: Self.now))
                #expect(try await store.insertEvent(b, shop: 1, Self.event(3), receivedAt: Self.now))
                try await b.run("COMMIT")
                _ = try await store.appendEvents(1, [Self.event(4)], receivedAt: Self.now)
                // Events 3 and 4 are committed; 4 is visible but not settled: A, older, is still open.
                let early = try await Self.settled(store, after: first[0].position, count: 1)
                try #require(early.count == 1)
                let visible = try await store.frameEvents(1, after: first[0].position, limit: 10)
                #expect(visible.map(\.timestamp) == [Self.event(3), Self.event(4)].map(\.timestamp.millisecondsSinceEpoch))
                #expect(visible.map(\.settled) == [true, false])
                try await a.run("COMMIT")
                let late = try await Self.settled(store, after: early[0].position, count: 2)
                return (early, late)
            }
        }
        #expect(early.map(\.timestamp) == [Self.event(3).timestamp.millisecondsSinceEpoch])
        #expect(late.map(\.timestamp) == [Self.event(2), Self.event(4)].map(\.timestamp.millisecondsSinceEpoch))
        try #require(late.count == 2)
        #expect(late[0].position.seq < early[0].position.seq)
        #expect(try await store.frameEvents(1, after: late[1].position, limit: 10).isEmpty)
    }

    @Test func ordersVersionMovesWithAnOrderWrittenInPlainSQL() async throws {
        let store = try await TestStores.postgres()
        defer { store.close() }
        try await Self.seed(store, customers: 1)
        let before = try await store.ordersVersion(1)
        try await store.write { db in
            try await db.run(
                """
                INSERT INTO orders (shop_id, customer_id, status, currency, subtotal, discount, shipping, total, created_at, updated_at)
                VALUES (1, 1, 'pending_payment', 'CNY', 100, 0, 0, 100, 0, 0)
                """)
        }
        let after = try await store.ordersVersion(1)
        #expect(after != before)
        #expect(try await store.orderFacts(1).map(\.total) == [100])
    }

    @Test func adSpendIsUpsertedByDayChannelAndCampaign() async throws {
        let store = try await TestStores.postgres()
        defer { store.close() }
        try await Self.seed(store)
        try await store.upsertAdSpend(1, [
            AdSpendRecord(day: "2024-05-01", channel: "search", campaign: "a", spend: 100, impressions: 1_000, clicks: 10),
            AdSpendRecord(day: "2024-05-02", channel: "search", campaign: "a", spend: 200, impressions: 2_000, clicks: 20),
        ])
        try await store.upsertAdSpend(1, [
            AdSpendRecord(day: "2024-05-02", channel: "search", campaign: "a", spend: 250, impressions: 2_500, clicks: 25),
            AdSpendRecord(day: "2024-05-03", channel: "social", campaign: "b", spend: 1, impressions: 1, clicks: 1),
            AdSpendRecord(day: "2024-05-03", channel: "social", campaign: "b", spend: 30, impressions: 300, clicks: 3),
        ])
        let rows = try await store.adSpend(1, from: "2024-05-02", to: "2024-05-31")
        #expect(rows == [
            AdSpendRecord(day: "2024-05-02", channel: "search", campaign: "a", spend: 250, impressions: 2_500, clicks: 25),
            AdSpendRecord(day: "2024-05-03", channel: "social", campaign: "b", spend: 30, impressions: 300, clicks: 3),
        ])
    }

    @Test func experimentsMoveFromDraftToRunningToStopped() async throws {
        let store = try await TestStores.postgres()
        defer { store.close() }
        try await Self.seed(store)
        let created = try await store.createExperiment(1, key: "hero", name: "Hero", definition: "{}", now: Self.now)
        #expect(created.status == .draft && created.startedAt == nil)
        await #expect(throws: StoreError.duplicate(field: "key", value: "hero")) {
            try await store.createExperiment(1, key: "hero", name: "Again", definition: "{}", now: Self.now)
        }
        let later = Self.now.adding(seconds: 60)
        let updated = try await store.updateExperiment(1, key: "hero", name: "Hero banner", definition: #"{"a":1}"#, now: later)
        #expect(updated.name == "Hero banner" && updated.definition == #"{"a":1}"# && updated.updatedAt == later)
        let running = try await store.changeExperimentStatus(1, key: "hero", from: .draft, to: .running, now: later)
        #expect(running.status == .running && running.startedAt == later)
        await #expect(throws: StoreError.stateChanged(entity: "experiment", current: "running")) {
            try await store.updateExperiment(1, key: "hero", name: "X", definition: "{}", now: later)
        }
        await #expect(throws: StoreError.stateChanged(entity: "experiment", current: "running")) {
            try await store.changeExperimentStatus(1, key: "hero", from: .draft, to: .running, now: later)
        }
        await #expect(throws: StoreError.notFound(entity: "experiment", id: "nope")) {
            try await store.updateExperiment(1, key: "nope", name: "X", definition: "{}", now: later)
        }
        _ = try await store.createExperiment(1, key: "price", name: "Price", definition: "{}", now: Self.now)
        let first = try await store.experiments(1, page: PageRequest(limit: 1))
        #expect(first.items.map(\.key) == ["price"] && first.hasMore)
        let second = try await store.experiments(1, page: PageRequest(limit: 1, startingAfter: first.items[0].id))
        #expect(second.items.map(\.key) == ["hero"] && !second.hasMore)
        #expect(try await store.experiment(1, key: "hero")?.status == .running)
        #expect(try await store.experiment(1, key: "nope") == nil)
    }

    @Test func segmentsOptOutsAndErasure() async throws {
        let store = try await TestStores.postgres()
        defer { store.close() }
        try await Self.seed(store, customers: 2)
        let vip = try await store.createSegment(1, name: "VIP", rules: "{}", now: Self.now)
        let lapsed = try await store.createSegment(1, name: "Lapsed", rules: "{}", now: Self.now)
        await #expect(throws: StoreError.duplicate(field: "name", value: "VIP")) {
            try await store.createSegment(1, name: "VIP", rules: "{}", now: Self.now)
        }
        await #expect(throws: StoreError.duplicate(field: "name", value: "VIP")) {
            try await store.updateSegment(1, id: lapsed.id, name: "VIP", rules: "{}", now: Self.now)
        }
        let renamed = try await store.updateSegment(1, id: vip.id, name: "Top", rules: #"{"min":1}"#, now: Self.now.adding(seconds: 1))
        #expect(renamed.name == "Top" && renamed.rules == #"{"min":1}"# && renamed.createdAt == Self.now)
        #expect(try await store.segments(1, page: PageRequest(limit: 5)).items.map(\.name) == ["Lapsed", "Top"])
        #expect(try await store.segment(1, id: vip.id) == renamed)

        try await store.setOptOuts(1, customerID: 1, channels: [.sms, .email], now: Self.now)
        try await store.setOptOuts(1, customerID: 1, channels: [.wechat], now: Self.now)
        #expect(try await store.optOuts(1, customerID: 1) == [.wechat])
        await #expect(throws: StoreError.notFound(entity: "customer", id: IDPrefix.customer.format(99))) {
            try await store.setOptOuts(1, customerID: 99, channels: [], now: Self.now)
        }

        var own = Self.event(1, visitor: "seen")
        own.customerID = 1
        _ = try await store.appendEvents(1, [own, Self.event(2, visitor: "seen"), Self.event(3, visitor: "other")], receivedAt: Self.now)
        try await store.write { db in
            try await db.run(
                """
                INSERT INTO orders (shop_id, customer_id, status, currency, subtotal, discount, shipping, total, shipping_address,
                                    anonymous_id, session_id, created_at, updated_at)
                VALUES (1, NULL, 'paid', 'CNY', 1, 0, 0, 1, '{}', 'seen', 's1', 0, 0), (1, 2, 'paid', 'CNY', 1, 0, 0, 1, '{}', 'other', 's2', 0, 0)
                """)
            try await db.run("INSERT INTO outbox (shop_id, customer_id, channel, body, status, created_at) VALUES (1, 1, 'sms', 'hi', 'pending', 0)")
        }
        try await store.eraseCustomer(1, customerID: 1, now: Self.now)
        #expect(try await Self.settled(store, after: .start, count: 1).map(\.anonymousID) == ["other"])
        #expect(try await store.optOuts(1, customerID: 1).isEmpty)
        let directory = try await store.customerDirectory(1)
        #expect(directory.map(\.erased) == [true, false] && directory[0].name == "erased" && directory[1].tier == 0)
        let origins = try await store.read { db in
            try await db.rows("SELECT anonymous_id FROM orders ORDER BY id").map { $0[0] as String? }
        }
        #expect(origins == [nil, "other"])
        let message = try await store.takeOutbox(limit: 10, now: Self.now, staleBefore: Self.now)
        #expect(message.isEmpty)
    }

    @Test func messageCampaignsSkipOptedOutErasedAndCappedCustomers() async throws {
        let store = try await TestStores.postgres()
        defer { store.close() }
        try await Self.seed(store, customers: 5)
        let segment = try await store.createSegment(1, name: "All", rules: "{}", now: Self.now)
        try await store.setOptOuts(1, customerID: 2, channels: [.sms], now: Self.now)
        try await store.eraseCustomer(1, customerID: 3, now: Self.now)
        let members: [(customerID: Int64, holdout: Bool, body: String?)] = [(5, false, "hi 5"), (1, false, "hi 1"), (2, false, "hi"), (3, false, "hi"), (4, true, nil)]
        let first = try await store.launchCampaign(
            1, NewCampaign(name: "One", segmentID: segment.id, action: .message(channel: .sms, template: "hi"), holdoutPercent: 20,
                           attributionDays: 7, members: members, weeklyCap: 1), now: Self.now)
        #expect(first.outcomes == ["queued": 2, "skipped_opt_out": 1, "skipped_erased": 1, "held_out": 1, "message_pending": 2])
        let second = try await store.launchCampaign(
            1, NewCampaign(name: "Two", segmentID: segment.id, action: .message(channel: .sms, template: "hi"), holdoutPercent: 0,
                           attributionDays: 7, members: [(1, false, "again")], weeklyCap: 1), now: Self.now.adding(seconds: 60))
        #expect(second.outcomes == ["skipped_cap": 1])
        #expect(try await store.campaign(1, id: first.id) == first)
        #expect(try await store.campaigns(1, page: PageRequest(limit: 10)).items.map(\.name) == ["Two", "One"])
        #expect(try await store.campaignMembers(1, campaignID: first.id).map(\.customerID) == [1, 2, 3, 4, 5])
        let queued = try await store.outbox(1, campaignID: first.id)
        #expect(queued.map(\.body) == ["hi 5", "hi 1"] && queued.map(\.address) == ["13800005", "13800001"])
    }

    @Test func eachOutboxMessageIsTakenOnceByConcurrentWorkers() async throws {
        let store = try await TestStores.postgres()
        defer { store.close() }
        try await Self.seed(store, customers: 3)
        try await store.write { db in
            for index in 0..<100 {
                try await db.run("INSERT INTO outbox (shop_id, customer_id, channel, body, status, created_at) VALUES (1, ?, ?, ?, 'pending', 0)",
                                 [index % 3 + 1, index % 2 == 0 ? "sms" : "email", "m\(index)"])
            }
        }
        let taken = try await withThrowingTaskGroup(of: [OutboxMessage].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var mine: [OutboxMessage] = []
                    while true {
                        let batch = try await store.takeOutbox(limit: 7, now: Self.now, staleBefore: Self.now.adding(seconds: -600))
                        if batch.isEmpty { return mine }
                        mine += batch
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(taken.count == 100)
        #expect(Set(taken.map(\.id)).count == 100)
        #expect(taken.allSatisfy { $0.status == "sending" && $0.attempts == 1 })
        #expect(taken.first { $0.body == "m1" }?.address == "c2@example.com")
        try await store.finishOutbox(id: taken[0].id, sent: true, error: nil, now: Self.now)
        let stale = try await store.takeOutbox(limit: 200, now: Self.now.adding(seconds: 3_600), staleBefore: Self.now.adding(seconds: 1))
        #expect(stale.count == 99 && stale.allSatisfy { $0.attempts == 2 })
    }
}
