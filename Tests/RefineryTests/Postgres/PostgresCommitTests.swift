import Foundation
import Refinery
import RefineryTesting
import Testing

/// With PostgreSQL holding both the state and the data stores, an execution's commit is one transaction:
/// its data store batches and its state together, or nothing.
@Suite struct PostgresCommitTests {
    typealias H = DataStoreHarness

    /// Six records for `keys` (no limit) and six for `contacts` (at most 5) in one execution: `contacts`
    /// refuses its batch, and the `keys` batch committed before it in the same transaction is rolled back.
    /// Files commit each batch on its own: there `keys` keeps its records.
    @Test func aRefusedBatchRollsBackTheOthersAndTheState() async throws {
        let store = try await offPool { try StoreKind.postgres() }
        defer { store.close() }
        let flow = """
        [{"id": 1, "module": "builtin:BasicRepeater", "version": 1, "mapper": {"repeats": "6"}},
         \(H.node(2, "AddRecord", store: "777", mapper: #"{"key": "k{{1.i}}", "data": {"n": "{{1.i}}"}, "overwrite": false}"#)),
         \(H.node(3, "AddRecord", mapper: #"{"key": "k{{1.i}}", "data": {"email": "a@x.io"}, "overwrite": false}"#))]
        """
        let shared = H(backend: store.dataStores)
        await #expect(throws: DataStoreError.self) { try await shared.run(flow, store: store.stateStore) }
        #expect(try await offPool { try shared.store(H.keys).count() } == 0, "the keys batch outlived the failed commit")
        #expect(try await offPool { try store.stateStore.read("test").revision } == 0, "the state moved")

        let files = H()
        await #expect(throws: DataStoreError.self) { try await files.run(flow) }
        #expect(try files.store(H.keys).count() == 6)
    }

    /// A commit that succeeds writes the batches and the state together.
    @Test func aCommitWritesBatchesAndStateTogether() async throws {
        let store = try await offPool { try StoreKind.postgres() }
        defer { store.close() }
        let flow = """
        [{"id": 1, "module": "builtin:BasicRepeater", "version": 1, "mapper": {"repeats": "3"}},
         \(H.node(2, "AddRecord", store: "777", mapper: #"{"key": "k{{1.i}}", "data": {"n": "{{1.i}}"}, "overwrite": false}"#))]
        """
        let shared = H(backend: store.dataStores)
        #expect(try await shared.run(flow, store: store.stateStore).status == .success)
        #expect(try await offPool { try shared.store(H.keys).count() } == 3)
        #expect(try await offPool { try store.stateStore.read("test").revision } > 0)
    }
}
