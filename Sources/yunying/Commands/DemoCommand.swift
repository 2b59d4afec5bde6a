import ArgumentParser
import Foundation
import Hummingbird
import Operations
import Persistence
import WebServer

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Create (once) and serve a demo shop at http://127.0.0.1:8080.")

    @Option(name: .customLong("db"), help: "Demo database file.") var path: String = "./yunying-demo.sqlite"
    @Option(help: "Port to listen on.") var port: Int = 8080

    func run() async throws {
        let logger = makeLogger(level: "info")
        let isNew = !FileManager.default.fileExists(atPath: path)
        let (yunying, shop) = try await Yunying.openSQLite(path: path)
        if isNew { try await SampleCatalog.seed(yunying, shop: shop) }
        let key = try await yunying.access.createKey(shop: shop.id, role: .admin, name: "demo admin")
        say("""
            Yunying demo shop \(isNew ? "created" : "reused") at \(path)
            Serving at http://127.0.0.1:\(port)
            Try: curl -H 'Authorization: Bearer \(key.secret)' http://127.0.0.1:\(port)/api/v1/products
            Admin API key:
            \(key.secret)
            """)
        let app = try await ServerApplication.buildApplication(yunying, shop: shop, config: ServerConfig(port: port), logger: logger)
        try await app.runService()
    }
}
