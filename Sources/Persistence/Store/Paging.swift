/// Cursor pagination: newest first, `startingAfter` is the last id of the previous page.
public struct PageRequest: Sendable, Equatable {
    public var limit: Int
    public var startingAfter: Int64?

    public init(limit: Int = 20, startingAfter: Int64? = nil) {
        self.limit = limit
        self.startingAfter = startingAfter
    }
}

/// One page of results and whether more follow.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var hasMore: Bool

    public init(items: [Item], hasMore: Bool) {
        self.items = items
        self.hasMore = hasMore
    }
}

extension Array where Element: Sendable {
    /// Turns `limit + 1` fetched rows into a page.
    func page(limit: Int) -> Page<Element> {
        Page(items: Array(prefix(limit)), hasMore: count > limit)
    }
}
