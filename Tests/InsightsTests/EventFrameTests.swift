import Foundation
import Testing
@testable import Insights

@Test func namesRoundTrip() {
    for e in StandardEvent.allCases { #expect(StandardEvent(name: e.name) == e) }
    for c in Channel.allCases { #expect(Channel(name: c.name) == c) }
    for d in Device.allCases { #expect(Device(name: d.name) == d) }
    #expect(StandardEvent.orderPaid.name == "order_paid")
    #expect(Channel.emailSMS.name == "email_sms")
    #expect(Device.miniProgram.name == "mini_program")
    #expect(StandardEvent(name: "wishlist") == nil)
}

@Test func framesSortByPersonThenTimeThenArrival() {
    var log = makeLog([
        (10, "search", "a", nil),
        (5, "page_view", "b", nil),
        (5, "product_view", "a", nil),
        (5, "page_view", "a", nil),  // same time as the product_view, arrived later
    ])
    let frame = log.frame()
    #expect(frame.personCount == 2 && frame.eventCount == 4)
    #expect(frame.personStart == [0, 3, 4])
    #expect(types(frame, 0) == ["product_view", "page_view", "search"])
    #expect(types(frame, 1) == ["page_view"])
    #expect(frame.typeCode("search") == StandardEvent.search.rawValue)
    #expect(frame.typeCode("order_paid") == nil)
}

@Test func customTypesGetCodesFrom64() {
    var log = makeLog([(0, "wishlist", "a", nil), (1, "share", "a", nil), (2, "wishlist", "a", nil)])
    let frame = log.frame()
    #expect(frame.typeCode("wishlist") == 64)
    #expect(frame.typeCode("share") == 65)
    #expect(frame.type == [64, 65, 64])
}

@Test func anonymousEventsBeforeLoginJoinTheCustomer() {
    var log = makeLog([
        (0, "page_view", "anon1", nil),
        (1, "product_view", "anon1", nil),
        (2, "add_to_cart", "anon1", 42),  // login links anon1 to customer 42
        (3, "order_paid", nil, 42),
        (4, "page_view", "stranger", nil),
    ])
    let frame = log.frame()
    #expect(frame.personCount == 2)
    let p = try! #require(frame.person(ofCustomer: 42))
    #expect(types(frame, p) == ["page_view", "product_view", "add_to_cart", "order_paid"])
    #expect(frame.personCustomer[Int(p)] == 42)
    #expect(frame.personCustomer[Int(1 - p)] == 0)
    #expect(frame.person(ofCustomer: 7) == nil)
}

@Test func twoAnonymousIDsLinkedToOneCustomerAreOnePerson() {
    var log = makeLog([
        (0, "page_view", "phone", nil),
        (1, "page_view", "laptop", nil),
        (2, "search", "phone", 7),
        (3, "search", "laptop", 7),
        (4, "order_paid", nil, 7),
    ])
    let frame = log.frame()
    #expect(frame.personCount == 1)
    #expect(frame.person(ofCustomer: 7) == 0)
    #expect(frame.personStart == [0, 5])
}

@Test func customersLinkedThroughAnAnonymousIDAreKeyedByTheSmallest() {
    var log = makeLog([(0, "page_view", "shared", 9), (1, "page_view", "shared", 3)])
    let frame = log.frame()
    #expect(frame.personCount == 1)
    #expect(frame.personCustomer == [3])
    #expect(frame.person(ofCustomer: 3) == 0 && frame.person(ofCustomer: 9) == 0)
}

@Test func serverSessionsSplitAfterMoreThanThirtyMinutes() {
    var log = makeLog([
        (0, "page_view", "a", nil),
        (30, "page_view", "a", nil),  // exactly 30 min later: same session
        (61, "page_view", "a", nil),  // 31 min later: new session
        (62, "page_view", "a", nil),
    ])
    let frame = log.frame()
    #expect(frame.session == [0, 0, 1, 1])
    #expect(frame.sessionCount == 2)
}

@Test func orderEventsJoinTheLatestSessionInsteadOfOpeningOne() {
    var log = makeLog([
        (0, "add_to_cart", "a", 7),
        (45, "order_placed", nil, 7),   // 45 min later: still the browsing session
        (300, "order_paid", nil, 7),    // paid hours later: still no new visit
        (400, "page_view", "a", nil),   // a real visit opens a new session
        (401, "order_paid", nil, 7),
    ])
    let frame = log.frame()
    #expect(frame.session == [0, 0, 0, 1, 1])
    var fresh = makeLog([(0, "order_paid", nil, 9)])
    #expect(fresh.frame().sessionCount == 1)
}

@Test func serverSessionsFollowArrivalOrder() {
    // Arrival: 0, 50, 20 → gaps 50 (new), -30 (same). In time order the 20 sits in session 1.
    var log = makeLog([(0, "page_view", "a", nil), (50, "search", "a", nil), (20, "product_view", "a", nil)])
    let frame = log.frame()
    #expect(types(frame, 0) == ["page_view", "product_view", "search"])
    #expect(frame.session == [0, 1, 1])
}

@Test func sessionChannelAndDeviceComeFromTheFirstEvent() {
    var log = EventLog()
    log.append(TrackedEvent(timestamp: t0 + 5, type: "search", anonymousID: "a", sessionID: "s1", channel: .paidSearch, device: .mobile))
    log.append(TrackedEvent(timestamp: t0 + 1, type: "page_view", anonymousID: "a", sessionID: "s1", channel: .kol, device: .app))
    log.append(TrackedEvent(timestamp: t0 + 9, type: "page_view", anonymousID: "a", sessionID: "s2", channel: .social))
    let frame = log.frame()
    #expect(frame.session == [0, 0, 1])
    #expect(frame.sessionChannel == [Channel.kol.rawValue, Channel.social.rawValue])
    #expect(frame.sessionDevice == [Device.app.rawValue, Device.other.rawValue])
}

@Test func frameIsCachedUntilTheNextAppend() {
    var log = makeLog([(0, "page_view", "a", nil)])
    #expect(log.frame().eventCount == 1)
    log.append(TrackedEvent(timestamp: t0, type: "search", anonymousID: "b"))
    #expect(log.count == 2 && log.frame().eventCount == 2 && log.frame().personCount == 2)
}

@Test func integerColumnsBuildTheSameFrame() {
    let frame = EventFrame(
        personCount: 3, person: [2, 0, 2, 1, 0], time: [30, 20, 10, 5, 10],
        type: [1, 2, 3, 4, 5], sku: [0, 0, 7, 0, 0], personCustomer: [0, 11, 5])
    #expect(frame.personStart == [0, 2, 3, 5])
    #expect(frame.time == [10, 20, 5, 10, 30])
    #expect(frame.type == [5, 2, 4, 3, 1])
    #expect(frame.sku == [0, 0, 0, 7, 0])
    #expect(frame.person(ofCustomer: 5) == 2 && frame.person(ofCustomer: 11) == 1)
    #expect(frame.memoryBytes == 5 * 17 + 4 * 4 + 3 * 8 + 2 * 4 + frame.sessionCount * 2)
}

@Test func aSessionTakesTheCampaignOfItsFirstEvent() {
    var log = EventLog()
    // Arrives first but happened second: the session's campaign is the earlier event's.
    log.append(TrackedEvent(timestamp: t0 + 5, type: "page_view", anonymousID: "a", channel: .social, campaign: "later"))
    log.append(TrackedEvent(timestamp: t0 + 1, type: "page_view", anonymousID: "a", channel: .kol, campaign: "may-kol"))
    log.append(TrackedEvent(timestamp: t0 + 2 * hour, type: "page_view", anonymousID: "a"))
    log.append(TrackedEvent(timestamp: t0, type: "page_view", anonymousID: "b", channel: .emailSMS, campaign: "newsletter"))
    let frame = log.frame()
    #expect(frame.sessionCount == 3)
    let sessions = Set(frame.session)
    let named = sessions.compactMap { frame.campaign(ofSession: $0) }.sorted()
    #expect(named == ["may-kol", "newsletter"])
    #expect(frame.sessionCampaign.count == 2)
}
