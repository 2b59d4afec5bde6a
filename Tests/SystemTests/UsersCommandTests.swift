import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `yunying users`: dashboard users made on the command line sign in to a running server.
@Suite struct UsersCommandTests {
    @Test func aUserCreatedOnTheCommandLineSignsInWithItsOneTimeLink() async throws {
        try await SystemHarness.withServerSession { harness, session in
            _ = try await harness.prepareDatabase()
            let created = try await harness.run(["users", "create", "--username", "mei", "--password", "correct horse", "--role", "operator", "--db", harness.database])
            #expect(created.contains("created operator user mei"))
            let refused = await #expect(throws: HarnessError.self) {
                _ = try await harness.run(["users", "create", "--username", "mei", "--password", "another horse", "--role", "viewer", "--db", harness.database])
            }
            #expect(refused?.description.contains("duplicate") == true)
            await #expect(throws: HarnessError.self) {
                _ = try await harness.run(["users", "create", "--username", "kai", "--password", "short", "--role", "viewer", "--db", harness.database])
            }
            #expect(try await harness.run(["users", "list", "--db", harness.database]).contains("mei\toperator"))

            let server = try await harness.startServer(session: session)
            let link = try await harness.run(["users", "link", "--username", "mei", "--base", "http://127.0.0.1:\(server.port)", "--db", harness.database])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            var request = URLRequest(url: try #require(URL(string: link)))
            request.httpShouldHandleCookies = false
            let noRedirects = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
            defer { noRedirects.invalidateAndCancel() }
            let (_, response) = try await noRedirects.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            #expect(http.statusCode == 303)
            #expect((http.value(forHTTPHeaderField: "Set-Cookie") ?? "").contains("yy_session="))
        }
    }
}

/// Keeps a 303 as the answer instead of following it.
final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
