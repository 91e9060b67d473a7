import Foundation
import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// Make's data store modules in blueprints as Make exports them: each output shape and each error.
@Suite struct DataStoreModuleTests {
    typealias H = DataStoreHarness

    /// Seeds `contacts` with k1 (visits 1, tags [a]) and k2 (visits 2), then runs `node` as module 2.
    func afterSeeding(_ node: String) async throws -> (report: RunReport, output: [JSONValue], harness: H) {
        let harness = H()
        try harness.store().apply(DataStoreBatch(changes: [
            .put(key: "k1", data: ["email": "a@x.io", "visits": 1, "tags": ["a"]]),
            .put(key: "k2", data: ["email": "b@x.io", "visits": 2]),
        ]))
        let (report, bundles) = try await harness.outputs("[\(node)]")
        return (report, bundles[2] ?? [], harness)
    }

    struct OutputCase: Sendable, CustomTestStringConvertible {
        let module: String
        let mapper: String
        let expected: [JSONValue]
        var testDescription: String { "\(module) \(mapper)" }
    }

    static let outputs: [OutputCase] = [
        OutputCase(module: "GetRecord", mapper: #"{"key": "k1", "returnWrapped": false}"#, expected: [["email": "a@x.io", "visits": 1, "tags": ["a"]]]),
        OutputCase(module: "GetRecord", mapper: #"{"key": "k2", "returnWrapped": "{{true}}"}"#, expected: [["key": "k2", "data": ["email": "b@x.io", "visits": 2]]]),
        OutputCase(module: "GetRecord", mapper: #"{"key": "nope", "returnWrapped": false}"#, expected: [[:]]),
        OutputCase(module: "ExistRecord", mapper: #"{"key": "k1"}"#, expected: [["exist": true]]),
        OutputCase(module: "ExistRecord", mapper: #"{"key": "k9"}"#, expected: [["exist": false]]),
        OutputCase(module: "AddRecord", mapper: #"{"key": "k3", "data": {"email": "c@x.io", "visits": "3"}, "overwrite": false}"#,
                   expected: [["key": "k3", "data": ["email": "c@x.io", "visits": 3]]]),
        OutputCase(module: "AddRecord", mapper: #"{"key": "k1", "data": {"email": "z@x.io"}, "overwrite": "true"}"#,
                   expected: [["key": "k1", "data": ["email": "z@x.io"]]]),
        OutputCase(module: "UpdateRecord", mapper: #"{"key": "k1", "data": {"visits": 5, "tags": ["b"]}, "upsert": false, "overwriteArrays": false}"#,
                   expected: [["key": "k1", "data": ["email": "a@x.io", "visits": 5, "tags": ["a", "b"]]]]),
        OutputCase(module: "UpdateRecord", mapper: #"{"key": "k1", "data": {"tags": ["b"]}, "upsert": false, "overwriteArrays": true}"#,
                   expected: [["key": "k1", "data": ["email": "a@x.io", "visits": 1, "tags": ["b"]]]]),
        OutputCase(module: "UpdateRecord", mapper: #"{"key": "k7", "data": {"email": "n@x.io"}, "upsert": true, "overwriteArrays": false}"#,
                   expected: [["key": "k7", "data": ["email": "n@x.io"]]]),
        OutputCase(module: "DeleteRecord", mapper: #"{"key": "k1"}"#, expected: [["key": "k1"]]),
        OutputCase(module: "DeleteAllRecords", mapper: "{}", expected: [[:]]),
        OutputCase(module: "CountRecords", mapper: "{}", expected: [["count": 2]]),
        OutputCase(module: "SearchRecord", mapper: #"{"sort": [], "filter": [[{"a": "visits", "b": "1", "o": "number:greater"}]], "mappAbleLimit": ""}"#,
                   expected: [["key": "k2", "email": "b@x.io", "visits": 2]]),
    ]

    @Test(arguments: outputs)
    func outputShapes(_ test: OutputCase) async throws {
        let (report, output, _) = try await afterSeeding(H.node(2, test.module, mapper: test.mapper))
        #expect(report.status == .success, "\(report.errors)")
        #expect(output == test.expected)
    }

    /// Writes are committed with the execution: what the store holds afterwards.
    @Test func writesReachTheStoreAtCommit() async throws {
        let (_, _, harness) = try await afterSeeding(H.node(2, "DeleteRecord", mapper: #"{"key": "k1"}"#))
        #expect(try harness.store().record("k1") == nil)
        #expect(try harness.store().count() == 1)
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let module: String
        let mapper: String
        /// A part of the message.
        let code: String
        let type: String
        var testDescription: String { "\(module): \(code)" }
    }

    static let errors: [ErrorCase] = [
        ErrorCase(module: "AddRecord", mapper: #"{"key": "k1", "data": {"email": "c@x.io"}, "overwrite": false}"#, code: "already has a record", type: "DuplicateDataError"),
        ErrorCase(module: "UpdateRecord", mapper: #"{"key": "k9", "data": {"visits": 1}, "upsert": false}"#, code: "has no record", type: "DataError"),
        ErrorCase(module: "AddRecord", mapper: #"{"key": "k3", "data": {"visits": "many"}, "overwrite": false}"#, code: "does not follow", type: "DataError"),
        ErrorCase(module: "AddRecord", mapper: #"{"key": "k3", "data": "text", "overwrite": false}"#, code: "must be an object", type: "DataError"),
        ErrorCase(module: "GetRecord", mapper: #"{"key": ""}"#, code: "cannot be empty", type: "DataError"),
        ErrorCase(module: "SearchRecord", mapper: #"{"filter": [[{"a": "visits", "b": "1", "o": "{{'bogus'}}"}]]}"#, code: "invalid filter", type: "DataError"),
        ErrorCase(module: "SearchRecord", mapper: #"{"mappAbleLimit": "0"}"#, code: "the limit '0'", type: "DataError"),
    ]

    @Test(arguments: errors)
    func errorsAreTypedAsMake(_ test: ErrorCase) async throws {
        let (report, output, harness) = try await afterSeeding(H.node(2, test.module, mapper: test.mapper))
        #expect(report.status == .error)
        #expect(output.isEmpty)
        let error = try #require(report.errors.first)
        #expect(error.type == test.type)
        #expect(error.message.contains(test.code), "\(error.message)")
        #expect(try harness.store().count() == 2, "nothing was written")
    }

    /// Over `maxRecords` (5): the commit fails and nothing of the execution is stored.
    @Test func aFullStoreTakesNothingOfTheExecution() async throws {
        let harness = H()
        let flow = """
        [{"id": 1, "module": "builtin:BasicRepeater", "version": 1, "mapper": {"repeats": "6"}},
         \(H.node(2, "AddRecord", mapper: #"{"key": "k{{1.i}}", "data": {"email": "a@x.io"}, "overwrite": false}"#))]
        """
        await #expect(throws: DataStoreError.self) { try await harness.run(flow) }
        #expect(try harness.store().count() == 0)
        let five = flow.replacingOccurrences(of: #""repeats": "6""#, with: #""repeats": "5""#)
        #expect(try await harness.run(five).status == .success)
        #expect(try harness.store().count() == 5)
    }

    @Test func theStoreFullErrorIsOutOfSpace() throws {
        let store = MemoryDataStore(H.contacts)
        let batch = DataStoreBatch(changes: (1...6).map { .put(key: "k\($0)", data: ["email": "a@x.io"]) })
        #expect(throws: DataStoreError.self) { try store.apply(batch) }
        #expect(DataStoreError.full(store: "contacts", reason: "x").code == "datastore.full")
    }

    /// Reads of an execution see its own staged writes; a Rollback discards them all.
    @Test func rollbackDiscardsStagedWrites() async throws {
        let harness = H()
        let flow = """
        [\(H.node(1, "AddRecord", mapper: #"{"key": "new", "data": {"email": "n@x.io"}, "overwrite": false}"#)),
         \(H.node(2, "GetRecord", mapper: #"{"key": "new"}"#)),
         {"id": 3, "module": "test:fail", "version": 1, "mapper": {"email": "{{2.email}}"},
          "onerror": [{"id": 4, "module": "builtin:Rollback", "version": 1}]}]
        """
        let (report, bundles) = try await harness.outputs(flow)
        #expect(bundles[2] == [["email": "n@x.io"]], "its own write is visible before the commit")
        #expect(report.status == .error)
        #expect(try harness.store().record("new") == nil)
    }

    /// An AddRecord without a key gets a generated UUID.
    @Test func anEmptyKeyIsGenerated() async throws {
        let harness = H()
        let (_, bundles) = try await harness.outputs("[\(H.node(1, "AddRecord", store: "\"keys\"", mapper: #"{"key": "", "data": {"a": 1}}"#))]")
        let key = try #require(bundles[1]?.first?["key"]?.stringValue)
        #expect(key.count == 36 && key.split(separator: "-").count == 5)
        #expect(try harness.store(H.keys).record(key) == ["a": 1])
    }
}
