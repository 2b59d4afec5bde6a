import Foundation
import Testing
@testable import WebServer

@Suite struct APIErrorBodyTests {
    /// The hand-written error JSON parses back to the same strings, whatever characters they hold.
    @Test(arguments: ["plain", "quote \" and \\ backslash", "new\nline\ttab\r", "控制\u{01}字符\u{1F}", "emoji 🛒", ""])
    func bodyIsValidJSONWithTheSameText(text: String) throws {
        let error = APIError(status: .conflict, code: "sold_out", message: text, field: "lines[0].\(text)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(error.body)) as? [String: Any])
        let inner = try #require(object["error"] as? [String: Any])
        #expect(inner["code"] as? String == "sold_out")
        #expect(inner["message"] as? String == text)
        #expect(inner["field"] as? String == "lines[0].\(text)")
    }

    @Test func fieldIsOmittedWhenAbsent() throws {
        let body = String(decoding: APIError(status: .notFound, code: "not_found", message: "No order ord_1.").body, as: UTF8.self)
        #expect(body == #"{"error":{"code":"not_found","message":"No order ord_1."}}"#)
    }
}
