import Hummingbird
import Logging
import Operations
import ServiceLifecycle

/// Background service: every `interval`, cancels unpaid orders whose stock hold expired.
public struct HoldSweeper: Service {
    let orders: OrderService
    let interval: Duration
    let logger: Logger

    public init(orders: OrderService, interval: Duration = .seconds(5), logger: Logger) {
        self.orders = orders
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let cancelled = try await orders.expireHolds()
                if cancelled > 0 { logger.info("expired unpaid orders", metadata: ["count": "\(cancelled)"]) }
            } catch {
                logger.error("hold sweep failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
