import Hummingbird
import Logging
import Operations
import ServiceLifecycle

/// A background service that runs one step of work every `interval` until shutdown, logging
/// what a step reports (nil: nothing worth a line) and any failure without stopping.
public struct BackgroundLoop: Service {
    let name: String
    let interval: Duration
    let logger: Logger
    let step: @Sendable () async throws -> Logger.Metadata?

    public init(_ name: String, interval: Duration, logger: Logger, step: @escaping @Sendable () async throws -> Logger.Metadata?) {
        self.name = name
        self.interval = interval
        self.logger = logger
        self.step = step
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if let report = try await step() { logger.info("\(name)", metadata: report) }
            } catch {
                logger.error("\(name) failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// Every `interval`, cancels unpaid orders whose stock hold expired.
    public static func holdSweeper(_ orders: OrderService, interval: Duration, logger: Logger) -> BackgroundLoop {
        BackgroundLoop("expired unpaid orders", interval: interval, logger: logger) {
            let cancelled = try await orders.expireHolds()
            return cancelled > 0 ? ["count": "\(cancelled)"] : nil
        }
    }

    /// Every `interval`, delivers the campaign messages waiting in the outbox.
    public static func outboxWorker(_ delivery: MessageDelivery, interval: Duration = .seconds(2), logger: Logger) -> BackgroundLoop {
        BackgroundLoop("delivered messages", interval: interval, logger: logger) {
            let done = try await delivery.deliver()
            return done.sent + done.failed > 0 ? ["sent": "\(done.sent)", "failed": "\(done.failed)"] : nil
        }
    }
}
