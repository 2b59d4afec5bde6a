import Commerce
import Foundation
@testable import Operations
import Persistence
import Testing
import StoreTesting

/// Event and ad spend imports through the same validation as the API.
@Suite struct ImportEventAdSpendTests {
    @Test(arguments: StoreKind.allCases) func eventsWithARejectedRowAndDerivedIDs(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        try await fixture.sku("TEE-1", stock: 0)
        let csv = """
            id,type,timestamp,anonymous_id,customer_id,utm_source,device,sku,value,properties
            6f1c1a52-3f7e-4b8e-9a53-0f6b7a1d2c3e,page_view,2026-05-01T10:00:00Z,anon-1,,google,mobile,,,
            ,product_view,2026-05-01T10:01:00Z,anon-1,,,,TEE-1,,"{""from"":""search""}"
            ,Bad-Type,2026-05-01T10:02:00Z,anon-1,,,,,,
            ,add_to_cart,2026-05-01T10:03:00Z,,,,,TEE-1,,
            ,purchase,2026-05-01T10:04:00Z,,cus_1,,,,abc,
            ,page_view,2026-05-01T10:05:00Z,anon-2,,,,,,"[1,2]"
            ,page_view,2026-05-01T10:06:00Z,anon-2,,,desktop,,1990,
            """
        let source = ImportSource.text(csv, name: "events.csv")
        let report = try await EventImporter(fixture.yunying, batchSize: 3).run(fixture.shop, source)
        #expect(report.rowsRead == 7)
        #expect(report.accepted == 3 && report.duplicates == 0)
        #expect(report.issues.first.map(\.line) == [4, 5, 6, 7])
        #expect(report.issues.first.map(\.code) == ["invalid_type", "missing_identity", "invalid_field", "invalid_field"])
        #expect(report.issues.first.first?.description == "line 4: type must be 1–64 characters of a–z, 0–9 and _.")

        let again = try await EventImporter(fixture.yunying).run(fixture.shop, source)
        #expect(again.accepted == 0 && again.duplicates == 3 && again.issues.count == 4)
    }

    @Test(arguments: StoreKind.allCases) func eventsNeedTypeAndAnIdentityColumn(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        await #expect(throws: OperationsError.self) {
            try await EventImporter(fixture.yunying).run(fixture.shop, .text("id,type\n,page_view\n"))
        }
    }

    @Test(arguments: StoreKind.allCases) func adSpendRowsAreUpsertedAndBadRowsReported(backend: StoreKind) async throws {
        let fixture = try await Fixture.make(on: backend)
        let csv = """
            date,channel,campaign,spend,impressions,clicks
            2024-01-05,paid_search,brand,120.50,1000,30
            2024-01-05,social,launch,80,,
            2024-01-06,tv,launch,10,1,1
            2024-01-06,social,launch,1.234,1,1
            2024-01-32,social,launch,1,1,1
            2024-01-06,social,launch,5,-1,0
            """
        let report = try await AdSpendImporter(fixture.yunying).run(fixture.shop, .text(csv))
        #expect(report.rowsRead == 6 && report.stored == 2)
        #expect(report.issues.first.map(\.line) == [4, 5, 6, 7])
        #expect(report.issues.first.map(\.code) == ["invalid_channel", "invalid_amount", "invalid_date", "invalid_number"])
        var rows = try await fixture.yunying.store.adSpend(fixture.shop.id, from: "2024-01-01", to: "2024-01-31")
        #expect(rows.map(\.spend).sorted() == [8000, 12050])
        #expect(rows.first { $0.channel == "paid_search" }?.clicks == 30)

        let update = "date,channel,campaign,spend\n2024-01-05,social,launch,90.00\n"
        #expect(try await AdSpendImporter(fixture.yunying).run(fixture.shop, .text(update)).stored == 1)
        rows = try await fixture.yunying.store.adSpend(fixture.shop.id, from: "2024-01-01", to: "2024-01-31")
        #expect(rows.count == 2 && rows.first { $0.channel == "social" }?.spend == 9000)
    }
}
