import Synchronization

/// State in memory, for tests: same contract as the file store, including the lock.
public final class MemoryStateStore: StateStore {
    private let states = Mutex<[String: ScenarioState]>([:])
    private let locks = Mutex<Set<String>>([])

    public init() {}

    public func lock(_ scenario: String) throws(StateError) -> any StateLease {
        let taken = locks.withLock { $0.insert(scenario).inserted }
        guard taken else { throw StateError.locked(scenario: scenario, holder: "this process") }
        return MemoryLease { [self] in _ = self.locks.withLock { $0.remove(scenario) } }
    }

    public func read(_ scenario: String) throws(StateError) -> ScenarioState {
        states.withLock { $0[scenario] } ?? ScenarioState()
    }

    public func write(_ state: ScenarioState, for scenario: String) throws(StateError) {
        states.withLock { $0[scenario] = state }
    }

    public func setAside(_ scenario: String) throws(StateError) -> String? {
        states.withLock { $0.removeValue(forKey: scenario) } == nil ? nil : "memory"
    }

    public var writeBlocks: Bool { false }
}

private final class MemoryLease: StateLease {
    private let onRelease: Mutex<(@Sendable () -> Void)?>

    init(_ onRelease: @escaping @Sendable () -> Void) {
        self.onRelease = Mutex(onRelease)
    }

    func release() {
        let action = onRelease.withLock { action in
            defer { action = nil }
            return action
        }
        action?()
    }
}
