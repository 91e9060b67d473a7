import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// A hung API against a module call's deadline, on a virtual clock: the call fails as a
/// ConnectionError naming the deadline and how to raise it, when the deadline passes and not later.
@Suite struct CallDeadlineModuleTests {
    static let module = #"{"name": "m", "label": "M", "type": "search", "communication": {"url": "/items", "response": {"iterate": "{{body.items}}"}}}"#

    func runner(callTimeout: Double, clock: VirtualRunClock) throws -> ModuleRunner {
        let (app, diagnostics) = try Fixtures.loadApp(["app.json": InterpreterHarness.app, "m.json": Self.module])
        guard let app, diagnostics.isEmpty else { throw Fixtures.FixtureError(description: "\(diagnostics)") }
        let environment = ModuleEnvironment(transport: HungTransport(clock: clock), clock: clock, random: { 0 }, callTimeout: callTimeout)
        return ModuleRunner(app: app, environment: environment)
    }

    @Test(arguments: [30.0, 100, 160])
    func aHungAPIFailsTheCallAtItsDeadline(seconds: Double) async throws {
        let clock = VirtualRunClock()
        let started = clock.now
        let runner = try runner(callTimeout: seconds, clock: clock)
        let error = try await #require(throws: ModuleError.self) {
            _ = try await runner.collect("m", input: [:], connection: InterpreterHarness.connection)
        }
        #expect(error.kind == .connection)
        #expect(error.code == "http.deadline")
        #expect(error.message.contains("deadline of \(Int(seconds)) s"), "\(error.message)")
        #expect(error.message.contains("metadata.refinery.callTimeout"))
        #expect(clock.now.timeIntervalSince(started) == seconds)
    }

    /// Under the default (300 s) the retries end first: four attempts of 40 s and their waits.
    @Test func underTheDefaultFourHungAttemptsEndFirst() async throws {
        #expect(ModuleEnvironment.defaultCallTimeout == 300)
        #expect(RunLimits().callTimeout == 300)
        let clock = VirtualRunClock()
        let started = clock.now
        let runner = try runner(callTimeout: ModuleEnvironment.defaultCallTimeout, clock: clock)
        let error = try await #require(throws: ModuleError.self) {
            _ = try await runner.collect("m", input: [:], connection: InterpreterHarness.connection)
        }
        #expect(error.code == "http.network")
        #expect(clock.now.timeIntervalSince(started) == 163.5)
    }
}
