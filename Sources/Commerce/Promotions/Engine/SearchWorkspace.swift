import Synchronization

/// The buffers of one best-price search, kept from call to call so that a call refills them
/// instead of allocating and freeing the ≈ 40 arrays of the plan, the relaxation, the bounds
/// and the option builder (each allocation also costs a generic-metadata lookup).
///
/// Concurrency: the catalog and the order path price concurrent orders, so a workspace is
/// never shared — a call takes one out of a small pool under a lock (`checkOut`), uses it
/// alone, and puts it back when done (`checkIn`). A pool with a lock rather than one
/// workspace per thread: Swift has no portable thread-local storage for Swift values, tasks
/// move between threads, and an uncontended lock costs a few dozen instructions per call
/// against the thousands of instructions of allocations it saves.
final class SearchWorkspace: @unchecked Sendable {
    // `@unchecked Sendable` is safe because a workspace is only ever reachable from one call at
    // a time: `checkOut` removes it from the pool under the pool's lock before handing it out,
    // the call keeps it in a local (it never escapes: `BestPriceSearch.finish` drops every
    // reference to the call's problem), and `checkIn` stores it back under the same lock,
    // which orders the call's writes before the next call's reads.
    var search = BestPriceSearch()

    /// Most idle workspaces kept (one per concurrent pricing call is enough).
    static let poolLimit = 16
    /// Carts larger than this do not return their workspace (its buffers would stay large).
    static let lineLimit = 256

    private static let pool = Mutex<[SearchWorkspace]>([])

    /// An idle workspace from the pool, or a new one.
    static func checkOut() -> SearchWorkspace {
        pool.withLock { $0.popLast() } ?? SearchWorkspace()
    }

    /// Returns a workspace to the pool after `search.finish()`.
    static func checkIn(_ workspace: SearchWorkspace, lineCount: Int) {
        guard lineCount <= lineLimit else { return }
        pool.withLock { idle in
            if idle.count < poolLimit { idle.append(workspace) }
        }
    }
}
