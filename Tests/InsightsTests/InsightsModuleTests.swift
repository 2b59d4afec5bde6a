import Testing
@testable import Insights

@Test func insightsModuleIsPresent() {
    #expect(String(describing: Insights.self) == "Insights")
}
