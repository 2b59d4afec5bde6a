import Testing
@testable import Persistence

/// The open-addressing id set behind event deduplication, against Swift's `Set`.
@Suite struct UIDSetTests {
    @Test func behavesLikeASetThroughGrowthAndRemovals() {
        var set = UIDSet()
        var reference = Set<UInt128>()
        var generator = SystemRandomNumberGenerator()
        // Small keys collide in the low bits; zero is a key like any other.
        let keys: [UInt128] = (0..<20_000).map { index in
            index % 3 == 0 ? UInt128(index % 500) : UInt128(generator.next() as UInt64) << 64 | UInt128(generator.next() as UInt64)
        }
        for key in keys { #expect(set.insert(key) == reference.insert(key).inserted) }
        #expect(set.count == reference.count)
        for key in keys.prefix(5_000) {
            set.remove(key)
            reference.remove(key)
        }
        #expect(set.count == reference.count)
        for key in keys { #expect(set.insert(key) == reference.insert(key).inserted, "\(key)") }
        #expect(set.count == reference.count)
    }
}
