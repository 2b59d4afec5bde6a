import Testing
@testable import WebServer

struct NiceScaleTests {
    @Test func roundsUpToNiceSteps() {
        #expect(NiceScale(min: 0, max: 97, includeZero: true).ticks == [0, 20, 40, 60, 80, 100])
        #expect(NiceScale(min: 3, max: 97, includeZero: true).ticks == [0, 20, 40, 60, 80, 100])
    }

    @Test func allZeroStillGivesAValidAxis() {
        let scale = NiceScale(min: 0, max: 0, includeZero: true)
        #expect(scale.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(scale.lower < scale.upper)
        #expect(scale.fraction(0) == 0)
    }

    @Test func flatNonZeroDataIsWidened() {
        let scale = NiceScale(min: 5, max: 5)
        #expect(scale.lower < 5 && scale.upper > 5)
        #expect((4...6).contains(scale.ticks.count))
    }

    @Test func negativeRanges() {
        #expect(NiceScale(min: -37, max: -5, includeZero: true).ticks == [-40, -30, -20, -10, 0])
        let noZero = NiceScale(min: -37, max: -5)
        #expect(noZero.lower <= -37 && noZero.upper >= -5 && noZero.upper <= 0)
        let mixed = NiceScale(min: -120, max: 480, includeZero: true)
        #expect(mixed.ticks.contains(0))
        #expect(mixed.lower <= -120 && mixed.upper >= 480)
    }

    @Test func tinyRangesHaveExactTicks() {
        #expect(NiceScale(min: 0.001, max: 0.004).ticks == [0.001, 0.002, 0.003, 0.004])
        #expect(NiceScale(min: 0.001, max: 0.004, includeZero: true).ticks == [0, 0.001, 0.002, 0.003, 0.004])
        #expect(NiceScale(min: 0, max: 0.3).ticks.contains(0.3))
    }

    @Test(arguments: [1.0, 5, 9, 12, 37, 97, 150, 999, 1234, 56789, 0.07])
    func typicalRangesGiveFourToSixTicks(max: Double) {
        let scale = NiceScale(min: 0, max: max, includeZero: true)
        #expect((4...6).contains(scale.ticks.count), "\(scale.ticks)")
        #expect(scale.lower == 0 && scale.upper >= max)
    }

    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        for (lo, hi) in [(0.0, 97.0), (-37, -5), (0.001, 0.004), (13, 1789), (-0.5, 0.25)] {
            let ticks = NiceScale(min: lo, max: hi).ticks
            var step = ticks[1] - ticks[0]
            while step >= 10 { step /= 10 }
            while step < 1 { step *= 10 }
            #expect([1, 2, 5].contains { abs($0 - step) < 1e-6 }, "\(ticks)")
        }
    }

    @Test func nonFiniteBoundsFallBackToUnitRange() {
        let scale = NiceScale(min: .nan, max: .infinity)
        #expect(scale.ticks.allSatisfy { $0.isFinite })
        #expect(scale.lower == 0 && scale.upper == 1)
    }
}
