import Foundation
import Testing
@testable import WebServer

/// The string catalogs cover every key the templates and the navigation use, in both languages.
@Suite struct DashboardCatalogTests {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/WebServer/Dashboard/Templates")

    @Test func everyKeyATemplateReadsIsInBothLanguages() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.templates.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.contains("layout.mustache"))
        let pattern = try Regex(#"\{\{\{?[#^/]?t\.([a-z0-9_\-]+)"#)
        var used = Set<String>()
        for name in names {
            let text = try String(contentsOf: Self.templates.appendingPathComponent(name), encoding: .utf8)
            for match in text.matches(of: pattern) { used.insert(String(match.output[1].substring ?? "")) }
        }
        used.formUnion(DashboardNav.items.map(\.key))
        #expect(!used.isEmpty)
        for key in used.sorted() {
            #expect(DashboardStrings.en[key]?.isEmpty == false, "English lacks \(key)")
            #expect(DashboardStrings.zh[key]?.isEmpty == false, "Chinese lacks \(key)")
        }
    }

    @Test func noKeyIsDefinedByTwoAreas() {
        var seen: [String: Int] = [:]
        for (index, area) in DashboardStrings.areas.enumerated() {
            for key in area.keys {
                #expect(seen[key] == nil, "\(key) is in areas \(seen[key] ?? -1) and \(index)")
                seen[key] = index
            }
        }
    }

    @Test func moneyAndNumbersReadTheSameInBothLanguages() {
        for language in Language.allCases {
            let style = NumberStyle(language: language)
            #expect(style.money(123_456, "CNY") == "¥1,234.56")
            #expect(style.money(-5, "CNY") == "-¥0.05")
            #expect(style.money(1_000, "JPY") == "¥1,000")
            #expect(style.count(1_234_567) == "1,234,567")
            #expect(style.percent(0.12345) == "12.3%")
            #expect(style.signedPercent(-0.008) == "-0.8%")
            #expect(style.signedPercent(0.042) == "+4.2%")
            #expect(style.percent(.nan) == "–")
            #expect(style.moneyRounded(123_456, "CNY") == "¥1,235")
        }
    }
}
