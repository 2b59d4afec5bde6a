import Commerce
import Persistence

/// Sends one message through its channel: the seam where an SMS, email or WeChat gateway goes.
public protocol MessageSender: Sendable {
    /// Nil when sent, else why not.
    func send(_ message: OutboxMessage) async -> String?
}

/// The built-in sender: records delivery without leaving the machine. A message fails when the
/// customer has no address for its channel (a phone for SMS and WeChat, an email address for email).
public struct SimulatedSender: MessageSender {
    public init() {}

    public func send(_ message: OutboxMessage) async -> String? {
        guard let address = message.address, !address.isEmpty else { return "no_address" }
        if message.channel == .email && !address.contains("@") { return "invalid_address" }
        return nil
    }
}

/// Delivers the outbox: takes waiting messages, sends each once, records sent or failed.
public struct MessageDelivery: Sendable {
    let store: any Store
    let time: any TimeSource
    let sender: any MessageSender
    /// A message taken but not finished after this long is taken again (its worker died).
    public static let leaseSeconds: Int64 = 300

    public init(store: any Store, time: any TimeSource, sender: any MessageSender = SimulatedSender()) {
        self.store = store
        self.time = time
        self.sender = sender
    }

    /// Delivers up to `limit` messages; returns how many were sent and how many failed.
    @discardableResult
    public func deliver(limit: Int = 200) async throws -> (sent: Int, failed: Int) {
        let now = time.now()
        let batch = try await store.takeOutbox(limit: limit, now: now, staleBefore: now.adding(seconds: -Self.leaseSeconds))
        var sent = 0, failed = 0
        for message in batch {
            let error = await sender.send(message)
            try await store.finishOutbox(id: message.id, sent: error == nil, error: error, now: time.now())
            if error == nil { sent += 1 } else { failed += 1 }
        }
        return (sent, failed)
    }
}
