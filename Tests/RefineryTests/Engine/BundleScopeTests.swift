import Foundation
@testable import Refinery
import RefineryJSON
import Testing

/// The scope of a flow is one link per module, shared by everything after it: memory linear in flow
/// length (a 4,000-module flow held 839 MB as copies of a growing object).
@Suite struct BundleScopeTests {
    @Test func theNewestBundleOfAKeyWinsInTheOrderKeysWereFirstAdded() {
        let scope: BundleScope = ["1": 1, "2": 2]
        let next = scope.adding("1", 10).adding("3", 3)
        #expect(next["1"] == 10)
        #expect(scope["1"] == 1, "adding leaves the earlier scope as it was")
        #expect(next.object == ["1": 10, "2": 2, "3": 3])
        #expect(Array(next.object.keys) == ["1", "2", "3"])
        #expect(next.object(keeping: ["3", "9", "1"]) == ["3": 3, "1": 10])
        #expect(BundleScope(["a": 1, "b": 2]).object == ["a": 1, "b": 2])
    }

    @Test func aVeryLongChainIsReleasedWithoutExhaustingTheStack() {
        var scope = BundleScope()
        for id in 0..<300_000 { scope = scope.adding(String(id), .int(id)) }
        #expect(scope["0"] == 0)
        scope = BundleScope()
        #expect(scope["0"] == nil)
    }

    /// Each module maps the one before it: every bundle arrives at the end of a 3,000-module flow.
    @Test func aFlowOfThousandsOfModulesRuns() async throws {
        let modules = (1...3000).map { id in
            #"{"id": \#(id), "module": "util:SetVariable", "mapper": {"name": "v", "value": "{{\#(id == 1 ? "'x'" : "\(id - 1).v")}}"}}"#
        }
        let report = try await RunHarness().run(flow: "[" + modules.joined(separator: ",") + "]")
        #expect(report.status == .success)
        #expect(report.modules.count == 3000)
        #expect(report.modules.allSatisfy { $0.bundles == 1 })
    }
}
