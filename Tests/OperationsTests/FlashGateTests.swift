import Commerce
import Testing
@testable import Operations

@Suite struct FlashGateTests {
    static let t0 = Instant(millisecondsSinceEpoch: 1_000_000)

    @Test func refusesFromMemoryAndSendsOneCallerPerSecondToRecheck() {
        let gate = FlashGate()
        #expect(!gate.isSoldOut(7, at: Self.t0))  // never marked: everyone goes to the database
        gate.markSoldOut(7, at: Self.t0)
        #expect(gate.isSoldOut(7, at: Self.t0.adding(seconds: 0)))
        #expect(!gate.isSoldOut(8, at: Self.t0))  // other sales are not affected
        let later = Self.t0.adding(seconds: 1)
        #expect(!gate.isSoldOut(7, at: later))  // one caller re-checks…
        #expect(gate.isSoldOut(7, at: later))  // …the others keep being refused
        #expect(gate.isSoldOut(7, at: later))
        gate.reopen(7)  // the re-check sold a unit: units are back
        #expect(!gate.isSoldOut(7, at: later))
        #expect(!gate.isSoldOut(7, at: later))
    }
}
