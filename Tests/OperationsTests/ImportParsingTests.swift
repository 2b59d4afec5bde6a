import Commerce
import Foundation
@testable import Operations
import Testing

/// Pure parsing of import files: decimal money, dates, CSV line numbers.
@Suite struct ImportParsingTests {
    static let cny = Currency.cny, jpy = Currency("JPY")!

    @Test(arguments: [("19.9", 1990), ("19.90", 1990), ("19", 1900), ("0.05", 5), ("007.50", 750), ("0", 0)] as [(String, Int64)])
    func decimalAmounts(text: String, minor: Int64) {
        #expect(DecimalMoney.parse(text, currency: Self.cny) == .success(minor))
    }

    @Test func decimalRefusals() {
        #expect(DecimalMoney.parse("19.901", currency: Self.cny) == .failure(.tooManyDigits(allowed: 2)))
        #expect(DecimalMoney.parse("-1", currency: Self.cny) == .failure(.negative))
        #expect(DecimalMoney.parse("1,000.00", currency: Self.cny) == .failure(.thousandsSeparator))
        #expect(DecimalMoney.parse("19,90", currency: Self.cny) == .failure(.thousandsSeparator))
        for text in ["", "abc", "1.", ".5", "+1", "1e3", "1.2.3", " 1"] {
            #expect(DecimalMoney.parse(text, currency: Self.cny) == .failure(.notANumber), "\(text)")
        }
        #expect(DecimalMoney.parse("100000000000.01", currency: Self.cny) == .failure(.tooLarge))
        #expect(DecimalMoney.parse("99999999999999999999999", currency: Self.cny) == .failure(.tooLarge))
    }

    @Test func currencyMinorDigits() {
        #expect(DecimalMoney.parse("1500", currency: Self.jpy) == .success(1500))
        #expect(DecimalMoney.parse("1500.5", currency: Self.jpy) == .failure(.tooManyDigits(allowed: 0)))
        #expect(DecimalMoney.minorDigits(Currency("USD")!) == 2)
        #expect(DecimalMoney.minorDigits(Currency("KRW")!) == 0)
        #expect(DecimalMoney.parse("1.234", currency: Currency("KWD")!) == .success(1234))
    }

    @Test func dates() {
        let shanghai = ImportDates(timeZoneIdentifier: "Asia/Shanghai")
        let utc10 = Instant(iso8601: "2024-01-05T10:23:45Z")!
        #expect(shanghai.instant("2024-01-05T10:23:45Z") == utc10)
        #expect(shanghai.instant("2024-01-05T18:23:45+08:00") == utc10)
        #expect(shanghai.instant("2024-01-05T18:23:45.000+08:00") == utc10)
        #expect(shanghai.instant("2024-01-05 18:23:45 +0800") == utc10)
        #expect(shanghai.instant("2024-01-05 05:23:45 -0500") == utc10)
        #expect(shanghai.instant("2024-01-05 10:23:45 UTC") == utc10)
        // Date only: local midnight in the shop's zone (16:00 UTC the day before in Shanghai).
        #expect(shanghai.instant("2024-01-05") == Instant(iso8601: "2024-01-04T16:00:00Z"))
        #expect(ImportDates(timeZoneIdentifier: "UTC").instant("2024-01-05") == Instant(iso8601: "2024-01-05T00:00:00Z"))
        // Across a DST change: New York is UTC-4 on 2024-03-10 at 00:00? No: DST starts at 02:00, so midnight is still -5.
        #expect(ImportDates(timeZoneIdentifier: "America/New_York").instant("2024-03-10") == Instant(iso8601: "2024-03-10T05:00:00Z"))
        #expect(ImportDates(timeZoneIdentifier: "America/New_York").instant("2024-07-01") == Instant(iso8601: "2024-07-01T04:00:00Z"))
        for text in ["2024-01-05T10:23:45", "2024-13-01", "05/01/2024", "2024-01-05 10:23:45 +08", "yesterday"] {
            #expect(shanghai.instant(text) == nil, "\(text)")
        }
    }

    @Test func recordsKnowTheirFirstLine() throws {
        let text = "a,b\r\n1,\"two\nlines\"\r\n\r\n3,x\n\"4\",\"quoted \"\"q\"\"\"\n5,\"three\r\nline\r\nfield\"\n6,y"
        let reader = try CSVRecordReader(.text(text))
        var seen: [(Int, String?)] = []
        while let record = try reader.next() { seen.append((record.line, record.value("a"))) }
        #expect(seen.map(\.0) == [2, 5, 6, 7, 10])
        #expect(seen.map(\.1) == ["1", "3", "4", "5", "6"])
        let plain = "a,b\n1,\"x,y\"\n2,\"say \"\"hi\"\"\"\n"
        let counter = try CSVRecordReader(.text(plain))
        while try counter.next() != nil {}
        #expect(counter.bytesRead == Int64(plain.utf8.count))
    }

    @Test func headerIsTrimmedLowercasedAndBOMFree() throws {
        let reader = try CSVRecordReader(.text("\u{FEFF}Order_ID , SKU\nx,y\n"))
        #expect(reader.header == ["order_id", "sku"])
        #expect(try reader.next()?.value("sku") == "y")
        #expect(throws: OperationsError.self) { try CSVRecordReader(.text("")) }
        #expect(throws: OperationsError.unreadableForTest("No file /nonexistent/orders.csv.")) {
            try CSVRecordReader(.file(path: "/nonexistent/orders.csv"))
        }
    }

    @Test func derivedEventIDsAreStableUUIDs() {
        let a = EventImporter.derivedID(fileName: "events.csv", line: 7)
        #expect(a == EventImporter.derivedID(fileName: "events.csv", line: 7))
        #expect(a != EventImporter.derivedID(fileName: "events.csv", line: 8))
        #expect(a != EventImporter.derivedID(fileName: "other.csv", line: 7))
        #expect(UUID(uuidString: a) != nil)
        #expect(Array(a)[14] == "5")
    }
}

extension OperationsError {
    static func unreadableForTest(_ message: String) -> OperationsError {
        .invalid(code: "unreadable_file", field: "file", message: message)
    }
}
