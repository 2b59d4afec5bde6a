import Testing
@testable import Commerce

@Suite struct OrderStateMachineTests {
    static let allowed: [OrderStatus: [OrderAction: OrderStatus]] = [
        .pendingPayment: [.pay: .paid, .cancel: .cancelled, .expire: .cancelled],
        .paid: [.ship: .shipped, .cancel: .cancelled],
        .shipped: [.deliver: .delivered],
        .delivered: [.complete: .completed],
        .completed: [:],
        .cancelled: [:],
    ]

    @Test(arguments: OrderStatus.allCases)
    func everyActionFromEveryStatusFollowsTheTable(status: OrderStatus) {
        for action in OrderAction.allCases {
            let expected = Self.allowed[status]?[action]
            let result = try? OrderStateMachine.next(from: status, on: action)
            #expect(result == expected, "\(status) on \(action)")
        }
    }

    @Test func invalidTransitionIsAConflictWithAStableCode() {
        #expect(throws: CommerceError(code: "invalid_transition", message: "Cannot ship an order that is pending_payment.", kind: .conflict)) {
            try OrderStateMachine.next(from: .pendingPayment, on: .ship)
        }
    }

    @Test func sourcesListWhereAnActionIsAllowed() {
        #expect(OrderStateMachine.sources(of: .cancel) == [.pendingPayment, .paid])
        #expect(OrderStateMachine.sources(of: .pay) == [.pendingPayment])
    }
}
