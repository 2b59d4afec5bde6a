import Testing
@testable import Commerce

@Suite struct AllocationTests {
    @Test func splitsTenAcrossThreeEqualLinesExactly() {
        let parts = Allocation.largestRemainder(1000, weights: [1, 1, 1])
        #expect(parts == [334, 333, 333])
        #expect(parts.reduce(0, +) == 1000)
    }

    @Test func followsWeightsAndGivesRemaindersToLargestFractions() {
        // exact shares: 100*[1,2,7]/10 = 10, 20, 70
        #expect(Allocation.largestRemainder(100, weights: [1, 2, 7]) == [10, 20, 70])
        // exact shares of 10 over [3,3,4]: 3, 3, 4
        #expect(Allocation.largestRemainder(10, weights: [3, 3, 4]) == [3, 3, 4])
        // 7 over [1,1]: 3.5 each → the tie goes to the earlier index
        #expect(Allocation.largestRemainder(7, weights: [1, 1]) == [4, 3])
    }

    @Test func zeroWeightsSplitEvenly() {
        #expect(Allocation.largestRemainder(5, weights: [0, 0]) == [3, 2])
    }

    @Test func capsSpillExcessToLinesWithRoom() {
        let parts = Allocation.largestRemainder(100, weights: [1, 1], caps: [10, 200])
        #expect(parts == [10, 90])
    }

    @Test func largeAmountsDoNotOverflow() {
        let parts = Allocation.largestRemainder(Money.maximumAmount, weights: [Money.maximumAmount, 3, Money.maximumAmount / 7])
        #expect(parts.reduce(0, +) == Money.maximumAmount)
    }

    /// Property: on random inputs the parts sum exactly, are never negative, and each is within one unit of its exact share.
    @Test func propertiesHoldOnRandomInputs() {
        var rng = SplitMix(seed: 42)
        for _ in 0..<20_000 {
            let count = Int(rng.next() % 12) + 1
            let weights = (0..<count).map { _ in Int64(rng.next() % 100_000) }
            let total = Int64(rng.next() % 1_000_000)
            let parts = Allocation.largestRemainder(total, weights: weights)
            #expect(parts.reduce(0, +) == total)
            #expect(parts.allSatisfy { $0 >= 0 })
            let sum = weights.allSatisfy { $0 == 0 } ? Int64(count) : weights.reduce(0, +)
            for (index, part) in parts.enumerated() {
                let weight = weights.allSatisfy { $0 == 0 } ? 1 : weights[index]
                let exact = Double(total) * Double(weight) / Double(sum)
                #expect(abs(Double(part) - exact) < 1.0 + 1e-9)
            }
        }
    }
}

/// A small deterministic generator for property tests.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
