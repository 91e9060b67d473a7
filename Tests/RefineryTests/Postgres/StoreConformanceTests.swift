import Foundation
@testable import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// The stores behind the `StateStore` and `DataStore` seams, held to one contract: files, memory and a
/// real PostgreSQL server (`PostgresTestServer`, a database of its own per test).
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case files, memory, postgres

    var testDescription: String { rawValue }

    /// A fresh store of this kind, and what to call when the test is done.
    func stateStore() throws -> (any StateStore, () -> Void) {
        switch self {
        case .files:
            let folder = Self.temporaryFolder()
            return (FileStateStore(directory: folder, now: { Date() }), { try? FileManager.default.removeItem(at: folder) })
        case .memory:
            return (MemoryStateStore(), {})
        case .postgres:
            let store = try Self.postgres()
            return (store.stateStore, { store.close() })
        }
    }

    func dataStores() throws -> (any DataStoreBackend, () -> Void) {
        switch self {
        case .files:
            let folder = Self.temporaryFolder()
            return (FileDataStoreBackend(stateDirectory: folder), { try? FileManager.default.removeItem(at: folder) })
        case .memory:
            return (MemoryDataStoreBackend(), {})
        case .postgres:
            let store = try Self.postgres()
            return (store.dataStores, { store.close() })
        }
    }

    static func temporaryFolder() -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("store-conformance-" + UUID().uuidString)
    }

    /// A migrated store on a new database of the shared test server.
    static func postgres() throws -> PostgresStore {
        let store = PostgresStore(try PostgresTestServer.shared().makeDatabase())
        try store.migrate()
        return store
    }
}

@Suite struct StateStoreConformanceTests {
    static func sample(_ revision: Int = 3) -> ScenarioState {
        var state = ScenarioState()
        state.positions[1] = TriggerPosition(lastId: "r-42", lastDate: Date(timeIntervalSince1970: 1_700_000_000))
        state.counters[7] = 12
        state.consecutiveErrors = 1
        state.revision = revision
        return state
    }

    @Test(arguments: StoreKind.allCases)
    func aFreshScenarioReadsAsAFreshStateAndAWriteReadsBack(kind: StoreKind) async throws {
        try await offPool {
            let (store, done) = try kind.stateStore()
            defer { done() }
            #expect(try store.read("never-run") == ScenarioState())
            try store.write(Self.sample(), for: "nps")
            #expect(try store.read("nps") == Self.sample())
            try store.write(Self.sample(4), for: "nps")
            #expect(try store.read("nps").revision == 4)
            #expect(try store.read("other") == ScenarioState())
        }
    }

    @Test(arguments: StoreKind.allCases)
    func theLockIsExclusiveUntilReleased(kind: StoreKind) async throws {
        try await offPool {
            let (store, done) = try kind.stateStore()
            defer { done() }
            let lease = try store.lock("nps")
            #expect(throws: StateError.self) { _ = try store.lock("nps") }
            let other = try store.lock("digest")
            other.release()
            lease.release()
            lease.release()
            try store.lock("nps").release()
        }
    }

    @Test(arguments: StoreKind.allCases)
    func settingAsideStartsOver(kind: StoreKind) async throws {
        try await offPool {
            let (store, done) = try kind.stateStore()
            defer { done() }
            #expect(try store.setAside("nps") == nil)
            try store.write(Self.sample(), for: "nps")
            #expect(try store.setAside("nps") != nil)
            #expect(try store.read("nps") == ScenarioState())
        }
    }
}

@Suite struct DataStoreConformanceTests {
    static func declaration(maxRecords: Int? = nil) -> DataStoreDeclaration {
        var declaration = DataStoreDeclaration(name: "forwarded")
        declaration.maxRecords = maxRecords
        return declaration
    }

    @Test(arguments: StoreKind.allCases)
    func batchesApplyWholeAndOnce(kind: StoreKind) async throws {
        try await offPool {
            let (backend, done) = try kind.dataStores()
            defer { done() }
            let store = try backend.open(Self.declaration())
            let batch = DataStoreBatch(id: "nps#delivery-1", changes: [.put(key: "a", data: ["n": 1]), .put(key: "b", data: ["n": 2])])
            #expect(try store.apply(batch))
            #expect(try !store.apply(batch))
            #expect(try store.record("a") == ["n": 1])
            #expect(try store.record("missing") == nil)
            #expect(try store.apply(DataStoreBatch(changes: [.delete(key: "a"), .put(key: "b", data: ["n": 3])])))
            let contents = try store.contents()
            #expect(contents.records == ["b": ["n": 3]])
            #expect(contents.bytes == DataStoreContents.size(key: "b", data: ["n": 3]))
            #expect(try store.apply(DataStoreBatch(changes: [.clear])))
            #expect(try store.count() == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aBatchOverTheLimitChangesNothing(kind: StoreKind) async throws {
        try await offPool {
            let (backend, done) = try kind.dataStores()
            defer { done() }
            let store = try backend.open(Self.declaration(maxRecords: 2))
            try store.apply(DataStoreBatch(changes: [.put(key: "a", data: [:]), .put(key: "b", data: [:])]))
            #expect(throws: DataStoreError.self) {
                try store.apply(DataStoreBatch(id: "over", changes: [.put(key: "c", data: [:])]))
            }
            #expect(try store.count() == 2)
            #expect(try store.record("c") == nil)
            // Refused, so not remembered: the same id applies once there is room.
            try store.apply(DataStoreBatch(changes: [.delete(key: "a")]))
            #expect(try store.apply(DataStoreBatch(id: "over", changes: [.put(key: "c", data: [:])])))
        }
    }
}
