import Operations
import Testing
@testable import WebServer

/// The hand-written tracking body reader: JSON grammar, escapes, and per-event type errors.
@Suite struct EventJSONReaderTests {
    static func batch(_ text: String) throws -> [EventInput] {
        try Array(text.utf8).withUnsafeBytes { bytes in try EventJSONReader.batch(bytes) }
    }

    @Test func readsEveryFieldWithEscapesAndNestedProperties() throws {
        let events = try Self.batch(#"""
            { "ignored": [1, {"x": null}], "events" : [ {"id":"e1","type":"page_view","timestamp":"2026-11-20T08:00:00Z",
              "anonymous_id":"a\"b\\c\/d","customer_id":42,"session_id":"s","url":"https://x/\u00e9\u4e2d","referrer":"r",
              "utm_source":"s","utm_medium":"m","utm_campaign":"c","device":"mobile","sku":"A-1","order_id":"ord_9",
              "value":1999,"properties":{"a":[1,2.5,{"b":"\ud83d\ude00"}],"t":true},"unknown":{"deep":[[]]}} ] }
            """#)
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.malformed == nil)
        #expect(event.id == "e1" && event.type == "page_view" && event.timestamp == "2026-11-20T08:00:00Z")
        #expect(event.anonymousID == #"a"b\c/d"#)
        #expect(event.customerID == "42")
        #expect(event.url == "https://x/é中")
        #expect(event.sku == "A-1" && event.orderID == "ord_9" && event.value == 1999 && event.device == "mobile")
        #expect(event.properties == #"{"a":[1,2.5,{"b":"\ud83d\ude00"}],"t":true}"#)
    }

    @Test func aFieldOfTheWrongTypeMarksOnlyItsEvent() throws {
        let events = try Self.batch(#"""
            {"events":[{"id":"a","value":19.9},{"id":"b","timestamp":1700000000},{"id":"c","type":["x"]},
                       {"id":"d","properties":"text"},"not an object",{"id":"e","value":-5,"customer_id":null}]}
            """#)
        #expect(events.map { $0.malformed?.field } == ["value", "timestamp", "type", "properties", "", nil])
        #expect(events[5].value == -5 && events[5].customerID == nil)
    }

    @Test(arguments: [
        "", "{", "[]", #"{"events":[}"#, #"{"events":[{"id":"a"}"#, #"{"events":[{"id":"a"}]} x"#, #"{"events":[{"id":"a\x"}]}"#,
        #"{"events":[{"id":01x}]}"#, #"{"events":[{"id":tru}]}"#, #"{"events":[{"id":"\ud800"}]}"#, "{\"events\":[{\"id\":\"a\u{1}\"}]}",
        #"{"events":[{"id":"a"},]}"#, #"{"events":[{"id":-}]}"#, #"{"events":[{"id":1.}]}"#,
    ])
    func malformedBodiesAreRefusedWhole(_ text: String) {
        #expect(throws: EventJSONReader.Malformed.self) { try Self.batch(text) }
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = Array(#"{"events":[{"id":""#.utf8) + [0xFF, 0xFE] + Array(#""}]}"#.utf8)
        #expect(throws: EventJSONReader.Malformed.self) { try bytes.withUnsafeBytes { try EventJSONReader.batch($0) } }
    }

    @Test func theShapeIsNamed() {
        for (text, code, field) in [(#"{"events":{}}"#, "invalid_type", "events"), (#"{"other":[]}"#, "required", "events")] {
            do {
                _ = try Self.batch(text)
                Issue.record("\(text) was read")
            } catch let error as EventJSONReader.Malformed {
                #expect(error.code == code && error.field == field)
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
