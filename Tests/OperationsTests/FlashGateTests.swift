import Commerce
import Testing
@testable import Operations

@Suite struct FlashGateTests {
    static let t0 = Instant(millisecondsSinceEpoch: 1_000_000)
    static let sale = FlashGate.Sale(shop: 1, promotion: 7)

    @Test func refusesFromMemoryAndSendsOneCallerPerSecondToRecheck() {
        let gate = FlashGate()
        #expect(!gate.isSoldOut(Self.sale, at: Self.t0))  // never marked: everyone goes to the database
        gate.markSoldOut(Self.sale, at: Self.t0)
        #expect(gate.isSoldOut(Self.sale, at: Self.t0.adding(seconds: 0)))
        #expect(!gate.isSoldOut(FlashGate.Sale(shop: 1, promotion: 8), at: Self.t0))  // other sales are not affected…
        #expect(!gate.isSoldOut(FlashGate.Sale(shop: 2, promotion: 7), at: Self.t0))  // …nor other shops
        let later = Self.t0.adding(seconds: 1)
        #expect(!gate.isSoldOut(Self.sale, at: later))  // one caller re-checks…
        #expect(gate.isSoldOut(Self.sale, at: later))  // …the others keep being refused
        #expect(gate.isSoldOut(Self.sale, at: later))
        gate.reopen(Self.sale)  // the re-check sold a unit: units are back
        #expect(!gate.isSoldOut(Self.sale, at: later))
        #expect(!gate.isSoldOut(Self.sale, at: later))
    }

    /// The peek refuses like the gate but leaves the re-check to whoever calls `isSoldOut`.
    @Test func peekNeverTakesTheRecheck() {
        let gate = FlashGate()
        #expect(!gate.isMarkedSoldOut(Self.sale, at: Self.t0))
        gate.markSoldOut(Self.sale, at: Self.t0)
        #expect(gate.isMarkedSoldOut(Self.sale, at: Self.t0))
        #expect(!gate.isMarkedSoldOut(FlashGate.Sale(shop: 2, promotion: 7), at: Self.t0))
        let later = Self.t0.adding(seconds: 1)
        #expect(!gate.isMarkedSoldOut(Self.sale, at: later))  // due: the peek lets the caller through…
        #expect(!gate.isMarkedSoldOut(Self.sale, at: later))
        #expect(!gate.isSoldOut(Self.sale, at: later))  // …and the re-check is still there to take
        #expect(gate.isMarkedSoldOut(Self.sale, at: later))
    }
}
