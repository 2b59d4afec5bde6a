import Testing
@testable import Insights

@Test func pathsFollowTheSessionEndingInTheFirstPaidOrder() {
    let frame = frameOf([
        // Earlier session (ends > 30 min before), then the buying session.
        [E(0, .search), E(40, .pageView), E(41, .pageView), E(42, .productView), E(43, .addToCart), E(44, .addToCart),
         E(45, .orderPaid), E(46, .pageView), E(47, .orderPaid)],
        [E(0, .pageView), E(1, .productView), E(2, .addToCart), E(3, .orderPaid)],
        [E(0, .search), E(1, .productView), E(2, .orderPaid)],
        [E(0, .pageView)],  // never paid
    ])
    let paths = PathsQuery(from: t0 - day, to: t0 + day).run(on: frame)
    #expect(paths.map(\.count) == [2, 1])
    #expect(paths[0].names == ["page_view", "product_view", "add_to_cart", "order_paid"])
    #expect(paths[1].names == ["search", "product_view", "order_paid"])
    let short = PathsQuery(from: t0 - day, to: t0 + day, top: 1, maxLength: 2).run(on: frame)
    #expect(short == [PathCount(types: [4, 8], names: ["add_to_cart", "order_paid"], count: 2)])
    // The period cuts the session's start.
    let late = PathsQuery(from: t0 + 42 * minute, to: t0 + day).run(on: frame)
    #expect(late.map(\.names) == [["product_view", "add_to_cart", "order_paid"]])
}
