import Foundation
import RefineryHTTP
import Synchronization

/// Runs a polling scenario on its blueprint `scheduling`, one run at a time, on an injected clock.
/// `stop` lets a run in progress finish (it commits or rolls back as usual) and cancels a wait.
final class ScenarioScheduler: Sendable {
    private let scenario: HostedScenario
    private let schedule: Scheduling
    private let state: any ServedState
    private let environment: RuntimeEnvironment
    private let options: RunOptions
    private let events: @Sendable (ServeEvent) -> Void
    /// With a shared store: which worker runs each slot (nil: this process runs every one).
    private let slots: PostgresScheduleSlots?
    private let control = Mutex(Control())
    private let task = TaskSlot()

    private struct Control {
        var stopping = false
        var running = false
    }

    private var clock: any RunClock { environment.clock }

    init(_ scenario: HostedScenario, schedule: Scheduling, state: any ServedState, environment: RuntimeEnvironment,
         options: RunOptions, events: @escaping @Sendable (ServeEvent) -> Void, slots: PostgresScheduleSlots? = nil) {
        self.scenario = scenario
        self.slots = slots
        self.schedule = schedule
        self.state = state
        self.environment = environment
        self.options = options
        self.events = events
    }

    /// Starts the loop; `maxRuns` ends it after that many slots (tests), run here or by another worker.
    func start(maxRuns: Int? = nil) {
        task.set(Task { await self.loop(maxRuns: maxRuns) })
    }

    func stop() async {
        let idle = control.withLock { control in
            control.stopping = true
            return !control.running
        }
        if idle { task.cancel() }
        await task.value()
    }

    /// Returns once `maxRuns` runs are done (or it was stopped).
    func finished() async {
        await task.value()
    }

    private func loop(maxRuns: Int?) async {
        var due = schedule.firstRun(from: clock.now).map { slots == nil ? $0 : PostgresScheduleSlots.aligned($0, schedule: schedule) }
        var runs = 0
        while let next = due, runs < (maxRuns ?? .max) {
            do {
                try await clock.sleep(seconds: next.timeIntervalSince(clock.now))
            } catch {
                return
            }
            let proceed = control.withLock { control in
                if control.stopping { return false }
                control.running = true
                return true
            }
            guard proceed else { return }
            await runIfOurs(next)
            runs += 1
            control.withLock { $0.running = false }
            // One run at a time: a run that overran its slot is followed at once, never overlapped.
            due = schedule.nextRun(after: next).map { max($0, clock.now) }
        }
    }

    /// Runs the slot unless another worker sharing the store took it; true when it ran here.
    @discardableResult
    private func runIfOurs(_ slot: Date) async -> Bool {
        guard let slots else {
            await runOnce()
            return true
        }
        guard let lease = try? await BlockingWork.run({ slots.claim(slot) }) else { return false }
        await runOnce()
        await lease.releaseOffPool()
        return true
    }

    private func runOnce() async {
        let store = state.directStore()
        let runner = ScenarioRunner(plan: scenario.plan, environment: environment.with(store: store), scenarioKey: state.key)
        do {
            let report = try await runner.run(options)
            try await store.waitUntilDurable()
            events(.scheduledRun(scenario: state.key, report: report))
        } catch {
            events(.failed(scenario: state.key, message: "\(error)"))
        }
    }
}
