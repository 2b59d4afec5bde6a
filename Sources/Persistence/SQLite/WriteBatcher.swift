import GRDB
import Synchronization

/// Group commit for hot writes (orders, payments, order state changes, customers, events): concurrent calls are gathered and run in one
/// SQLite transaction, each inside its own savepoint, so one call's failure rolls back only
/// that call. Callers are answered only after the shared transaction commits, so an
/// acknowledged write is as durable as with one transaction per call, at a fraction of the
/// commit cost (pages shared by the batch are written to the WAL once).
final class WriteBatcher: Sendable {
    /// One queued call: `run` does the work inside the batch's transaction and returns how to
    /// answer once the batch commits; `fail` answers when the whole transaction failed.
    private struct Job: Sendable {
        let run: @Sendable (Database) -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private let pool: DatabasePool
    /// Runs after a batch transaction failed, before the next batch starts.
    private let afterFailure: @Sendable () -> Void
    private let state = Mutex<(pending: [Job], draining: Bool)>(([], false))
    /// Most calls in one transaction, to bound latency and WAL growth.
    private let maxBatch = 256

    init(pool: DatabasePool, afterFailure: @escaping @Sendable () -> Void = {}) {
        self.pool = pool
        self.afterFailure = afterFailure
    }

    /// Runs `work` atomically (in a savepoint) within the next batch transaction.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { db in
                    do {
                        var result: T?
                        try db.inSavepoint {
                            result = try work(db)
                            return .commit
                        }
                        let value = result!
                        return { continuation.resume(returning: value) }
                    } catch {
                        return { continuation.resume(throwing: error) }
                    }
                },
                fail: { continuation.resume(throwing: $0) })
            let startDrain = state.withLock { state -> Bool in
                state.pending.append(job)
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDrain { Task { await self.drain() } }
        }
    }

    /// Writes batches until no call is waiting.
    private func drain() async {
        while true {
            let jobs = state.withLock { state -> [Job] in
                guard !state.pending.isEmpty else {
                    state.draining = false
                    return []
                }
                let batch = Array(state.pending.prefix(maxBatch))
                state.pending.removeFirst(batch.count)
                return batch
            }
            guard !jobs.isEmpty else { return }
            do {
                let answers = try await pool.write { db in jobs.map { $0.run(db) } }
                answers.forEach { $0() }
            } catch {
                afterFailure()
                jobs.forEach { $0.fail(error) }
            }
        }
    }
}
