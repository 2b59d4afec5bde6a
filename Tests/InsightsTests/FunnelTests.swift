import Testing
@testable import Insights

let pv = FunnelStep(.pageView), cart = FunnelStep(.addToCart), paid = FunnelStep(.orderPaid)

@Test func orderedFunnelCountsEachPersonOnceAtTheFurthestStep() {
    let frame = frameOf([
        [E(0, .pageView), E(1, .addToCart), E(2, .orderPaid), E(3, .pageView), E(4, .addToCart)],
        [E(0, .pageView), E(5, .addToCart)],
        [E(0, .pageView)],
        [E(0, .addToCart), E(1, .orderPaid)],  // never entered
        [E(0, .orderPaid), E(1, .addToCart), E(2, .pageView)],  // wrong order
    ])
    let r = funnel(frame, [pv, cart, paid])
    #expect(r.counts == [4, 2, 1])
    #expect(r.conversionFromStart == [1, 0.5, 0.25])
    #expect(r.conversionFromPrevious == [1, 0.5, 0.5])
    #expect(r.medianTimeToConvertMs == Double(2 * minute))
}

@Test func repeatedFirstStepStartsANewAttempt() {
    // The first attempt (day 0) is out of window by day 8; the one started on day 6 converts.
    let frame = frameOf([[E(0, .pageView), E(6 * 24 * 60, .pageView), E(8 * 24 * 60, .addToCart)]])
    let r = funnel(frame, [pv, cart])
    #expect(r.counts == [1, 1])
    #expect(r.medianTimeToConvertMs == Double(2 * day))
    let once = frameOf([[E(0, .pageView), E(8 * 24 * 60, .addToCart)]])
    #expect(funnel(once, [pv, cart]).counts == [1, 0])
}

@Test func latestStartingAttemptIsKeptAtEachStep() {
    // Attempt A: pv@0 → cart@1. Attempt B: pv@6d. paid@7d+30m is out of A's window, inside B's,
    // but B never reached cart, so the person stops at cart.
    let frame = frameOf([[E(0, .pageView), E(1, .addToCart), E(6 * 24 * 60, .pageView), E(7 * 24 * 60 + 30, .orderPaid)]])
    #expect(funnel(frame, [pv, cart, paid]).counts == [1, 1, 0])
    // With a cart after B's start, B advances and completes.
    let frame2 = frameOf([[E(0, .pageView), E(1, .addToCart), E(6 * 24 * 60, .pageView), E(6 * 24 * 60 + 1, .addToCart), E(7 * 24 * 60 + 30, .orderPaid)]])
    let r = funnel(frame2, [pv, cart, paid])
    #expect(r.counts == [1, 1, 1])
    #expect(r.medianTimeToConvertMs == Double(day + 30 * minute))
}

@Test func windowBoundaryIsInclusive() {
    let w = 2 * hour
    let exact = frameOf([[E(ms: t0, .pageView), E(ms: t0 + w, .addToCart)]])
    let over = frameOf([[E(ms: t0, .pageView), E(ms: t0 + w + 1, .addToCart)]])
    #expect(funnel(exact, [pv, cart], windowMs: w).counts == [1, 1])
    #expect(funnel(over, [pv, cart], windowMs: w).counts == [1, 0])
    for mode in [FunnelMode.strict, .unordered] {
        #expect(funnel(exact, [pv, cart], mode: mode, windowMs: w).counts == [1, 1])
        #expect(funnel(over, [pv, cart], mode: mode, windowMs: w).counts == [1, 0])
    }
}

@Test func identicalTimestampsFollowArrivalOrder() {
    let before = frameOf([[E(0, .pageView), E(0, .addToCart)]])
    let after = frameOf([[E(0, .addToCart), E(0, .pageView)]])
    #expect(funnel(before, [pv, cart]).counts == [1, 1])
    #expect(funnel(before, [pv, cart]).medianTimeToConvertMs == 0)
    #expect(funnel(after, [pv, cart]).counts == [1, 0])
}

@Test func oneEventAdvancesAnAttemptAtMostOneStep() {
    let steps = [pv, pv, pv]
    #expect(funnel(frameOf([[E(0, .pageView)]]), steps).counts == [1, 0, 0])
    #expect(funnel(frameOf([[E(0, .pageView), E(1, .pageView)]]), steps).counts == [1, 1, 0])
    #expect(funnel(frameOf([[E(0, .pageView), E(1, .pageView), E(2, .pageView)]]), steps).counts == [1, 1, 1])
}

@Test func strictModeAbandonsAttemptsInterruptedByOtherEvents() {
    let interrupted = frameOf([[E(0, .pageView), E(1, .search), E(2, .addToCart)]])
    #expect(funnel(interrupted, [pv, cart]).counts == [1, 1])
    #expect(funnel(interrupted, [pv, cart], mode: .strict).counts == [1, 0])
    // A fresh attempt after the interruption converts.
    let retried = frameOf([[E(0, .pageView), E(1, .search), E(2, .pageView), E(3, .addToCart), E(4, .orderPaid)]])
    let r = funnel(retried, [pv, cart, paid], mode: .strict)
    #expect(r.counts == [1, 1, 1])
    #expect(r.medianTimeToConvertMs == Double(2 * minute))
    // An interruption between step 2 and 3 stops at step 2.
    let late = frameOf([[E(0, .pageView), E(1, .addToCart), E(2, .search), E(3, .orderPaid)]])
    #expect(funnel(late, [pv, cart, paid], mode: .strict).counts == [1, 1, 0])
}

@Test func unorderedModeAcceptsAnyOrder() {
    let frame = frameOf([
        [E(0, .orderPaid), E(1, .addToCart), E(2, .pageView)],
        [E(0, .addToCart), E(1, .addToCart)],  // two events, one step
        [E(0, .addToCart), E(8 * 24 * 60, .pageView)],  // out of window
    ])
    let r = funnel(frame, [pv, cart, paid], mode: .unordered)
    #expect(r.counts == [3, 1, 1])
    #expect(r.medianTimeToConvertMs == Double(2 * minute))
    #expect(funnel(frame, [pv, cart, paid]).counts == [2, 0, 0])
}

@Test func onlyEventsInsideThePeriodAreRead() {
    let frame = frameOf([[E(-10, .pageView), E(5, .addToCart)], [E(0, .pageView), E(60 * 24 + 1, .addToCart)]])
    let r = funnel(frame, [pv, cart], from: t0, to: t0 + day)
    #expect(r.counts == [1, 0])
}

@Test func stepFiltersUseSkuAndSessionChannel() {
    let frame = frameOf([
        [E(0, .productView, sku: 5), E(1, .addToCart, sku: 5)],
        [E(0, .productView, sku: 6), E(1, .addToCart, sku: 6)],
        [E(0, .productView, sku: 5, channel: .kol), E(1, .addToCart, sku: 7)],
    ])
    let steps = [FunnelStep(.productView, skus: [5, 7]), FunnelStep(.addToCart, skus: [5, 7])]
    #expect(funnel(frame, steps).counts == [2, 2])
    let kol = [FunnelStep(.productView, channel: .kol), FunnelStep(.addToCart)]
    #expect(funnel(frame, kol).counts == [1, 1])
}

@Test func breakdownUsesTheSessionOfTheFirstStepOneEvent() {
    let frame = frameOf([
        [E(0, .pageView, channel: .paidSearch), E(100, .pageView, channel: .social), E(101, .addToCart)],
        [E(0, .search, channel: .kol), E(1, .pageView, channel: .social), E(2, .addToCart)],  // session channel kol
        [E(0, .pageView, channel: .paidSearch, device: .mobile)],
    ])
    let r = funnel(frame, [pv, cart], breakdown: .channel)
    #expect(r.counts == [3, 2])
    #expect(r.groups.map(\.name) == ["paid_search", "kol"])
    #expect(r.groups.map(\.steps.counts) == [[2, 1], [1, 1]])
    let byDevice = funnel(frame, [pv, cart], breakdown: .device)
    #expect(byDevice.groups.map(\.name) == ["other", "mobile"])
    #expect(byDevice.groups.map(\.steps.counts) == [[2, 2], [1, 0]])
}

@Test func medianTimeToConvertAveragesTheMiddleTwo() {
    let frame = frameOf([
        [E(0, .pageView), E(1, .addToCart)],
        [E(0, .pageView), E(3, .addToCart)],
        [E(0, .pageView), E(10, .addToCart)],
        [E(0, .pageView), E(20, .addToCart)],
    ])
    #expect(funnel(frame, [pv, cart]).medianTimeToConvertMs == Double(13 * minute) / 2)
}

@Test func unorderedTimeToConvertIsTheFirstCompletingWindowLatestStart() {
    // Windows anchored at 0 and at 1 both complete at minute 2: the later start counts (1 min),
    // as when one event completes several ordered attempts. (The earliest-start reading gave 2.)
    let product = FunnelStep(.productView)
    let frame = frameOf([
        [E(0, .pageView), E(1, .pageView), E(2, .productView)],
        [E(0, .productView), E(2, .pageView), E(5, .pageView)],
    ])
    let r = funnel(frame, [pv, product], mode: .unordered)
    #expect(r.counts == [2, 2])
    #expect(r.medianTimeToConvertMs == Double(3 * minute) / 2)  // (1 + 2) / 2 minutes
}
