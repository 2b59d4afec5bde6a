import Hummingbird
import Logging
import Operations
import ServiceLifecycle

/// Background service: every `interval`, delivers the campaign messages waiting in the outbox.
public struct OutboxWorker: Service {
    let delivery: MessageDelivery
    let interval: Duration
    let logger: Logger

    public init(delivery: MessageDelivery, interval: Duration = .seconds(2), logger: Logger) {
        self.delivery = delivery
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let done = try await delivery.deliver()
                if done.sent + done.failed > 0 {
                    logger.info("delivered messages", metadata: ["sent": "\(done.sent)", "failed": "\(done.failed)"])
                }
            } catch {
                logger.error("outbox delivery failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
