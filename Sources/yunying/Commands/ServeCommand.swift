import Foundation
import ArgumentParser
import Hummingbird
import Logging
import Operations
import WebServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the API on a database.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "Port to listen on.") var port: Int = 8080
    @Option(help: "Minutes an unpaid order holds its stock.") var holdMinutes: Int64 = 30
    @Option(help: "Seconds between sweeps that cancel unpaid orders whose hold expired.") var sweepSeconds: Int = 5
    @Option(help: "Log level (trace, debug, info, notice, warning, error).") var logLevel: String = "info"

    func run() async throws {
        let logger = makeLogger(level: logLevel)
        let location = try database.location()
        let (yunying, shop) = try await Yunying.open(location, config: OperationsConfig(holdSeconds: holdMinutes * 60))
        logger.info("serving", metadata: ["db": "\(location.description)", "url": "http://\(host):\(port)"])
        let app = try await ServerApplication.buildApplication(yunying, shop: shop, config: ServerConfig(host: host, port: port, sweepInterval: .seconds(max(1, sweepSeconds))), logger: logger)
        try await app.runService()
    }
}

func makeLogger(level: String) -> Logger {
    var logger = Logger(label: "yunying")
    logger.logLevel = Logger.Level(rawValue: level) ?? .info
    return logger
}
