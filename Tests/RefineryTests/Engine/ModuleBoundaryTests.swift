import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// What crosses the seam between the engine and the module runtime arrives whole: the failure's
/// status and redacted body, the trigger keys' exact integers.
@Suite struct ModuleBoundaryTests {
    static let key = "rk_boundary_secret_0042"

    static func run(
        _ blueprint: String, answer: @escaping @Sendable (HTTPRequest) -> HTTPResponse, delivery: JSONValue? = nil, store: any StateStore = MemoryStateStore()
    ) async throws -> RunReport {
        let app = try Fixtures.refinerApp()
        let connection = try requireConnectionValues(app, key: key)
        let environment = RuntimeEnvironment.testing(transport: StubTransport { answer($0) }, store: store, connections: ["refiner": connection])
        let catalog = ModuleCatalog(apps: [app])
        let plan = try ScenarioCompiler.load(file: "boundary.json", bytes: Array(blueprint.utf8), catalog: catalog)
        var options = RunOptions()
        options.deliveries = delivery.map { [$0] } ?? []
        return try await ScenarioRunner(plan: plan, environment: environment).run(options)
    }

    @Test func aStatusErrorReachesTheReportWithItsRedactedBody() async throws {
        let body = #"{"message": "The tags field is invalid.", "echo": "Bearer \#(Self.key)"}"#
        let report = try await Self.run(ServingFixtures.tagBlueprint(), answer: { _ in
            HTTPResponse(status: 422, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
        }, delivery: ServingFixtures.payload(response: "3f1c2b4a-0000-4000-8000-000000000001"))
        let error = try #require(report.errors.first)
        #expect(error.status == 422)
        let excerpt = try #require(error.body)
        #expect(excerpt.contains("The tags field is invalid."))
        #expect(excerpt.contains(OutputRedactor.mask))
        #expect(!report.json.serialized().contains(Self.key))
        #expect(report.json["errors"]?[0]?["body"]?.stringValue == excerpt)
    }

    /// A payload that is an array is a batch: each element is a delivery of its own (as in Make), each
    /// passing the module's condition on its own.
    @Test func anArrayPayloadGivesOneBundlePerElement() async throws {
        let tagged = Counter()
        var other = ServingFixtures.payload(response: "3f1c2b4a-0000-4000-8000-000000000003")
        other["triggered_event"] = "User entered segment"
        let batch: JSONValue = [
            ServingFixtures.payload(response: "3f1c2b4a-0000-4000-8000-000000000001"),
            ServingFixtures.payload(response: "3f1c2b4a-0000-4000-8000-000000000002"),
            other,
        ]
        let report = try await Self.run(ServingFixtures.tagBlueprint(), answer: { _ in
            _ = tagged.increment()
            return .json(["message": "ok"])
        }, delivery: batch)
        #expect(report.status == .success)
        #expect(report.modules.first { $0.id == 1 }?.bundles == 2)
        #expect(tagged.current == 2)
    }
}
