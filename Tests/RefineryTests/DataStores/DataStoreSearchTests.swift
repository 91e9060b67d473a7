import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// `datastore:SearchRecord`: filters on fields and `key` with Make's operators, sort, the limits.
@Suite struct DataStoreSearchTests {
    typealias H = DataStoreHarness

    struct SearchCase: Sendable, CustomTestStringConvertible {
        let mapper: String
        var parameters = ""
        let keys: [String]
        var testDescription: String { mapper + parameters }
    }

    static let cases: [SearchCase] = [
        SearchCase(mapper: #"{"sort": [], "filter": [], "mappAbleLimit": ""}"#, keys: ["a", "b", "c", "d"]),
        SearchCase(mapper: #"{"filter": [[{"a": "status", "b": "active", "o": "text:equal"}]]}"#, keys: ["a", "c"]),
        SearchCase(mapper: #"{"filter": [[{"a": "status", "b": "ACTIVE", "o": "text:equal:ci"}, {"a": "n", "b": "2", "o": "number:greater"}]]}"#, keys: ["c"]),
        SearchCase(mapper: #"{"filter": [[{"a": "key", "b": "a", "o": "text:equal"}], [{"a": "n", "b": "4", "o": "number:equal"}]]}"#, keys: ["a", "d"]),
        SearchCase(mapper: #"{"filter": [[{"a": "missing", "o": "notexist"}]]}"#, keys: ["a", "b", "c", "d"]),
        SearchCase(mapper: #"{"sort": [{"key": "n", "order": "desc"}]}"#, keys: ["d", "c", "b", "a"]),
        SearchCase(mapper: #"{"sort": [{"key": "status", "order": "asc"}, {"key": "n", "order": "desc"}]}"#, keys: ["c", "a", "d", "b"]),
        SearchCase(mapper: #"{"sort": [{"key": "n", "order": "desc"}], "mappAbleLimit": "2"}"#, keys: ["d", "c"]),
        SearchCase(mapper: #"{"mappAbleLimit": ""}"#, parameters: #", "limit": 3"#, keys: ["a", "b", "c"]),
        SearchCase(mapper: #"{"mappAbleLimit": "1"}"#, parameters: #", "limit": 3"#, keys: ["a"]),
        SearchCase(mapper: #"{"filter": [[{"a": "n", "b": "9", "o": "number:greater"}]]}"#, keys: []),
        SearchCase(mapper: #"{"filter": [[{"a": "n", "b": "9", "o": "number:greater"}]]}"#, parameters: #", "continueWhenNoRes": true"#, keys: [""]),
    ]

    @Test(arguments: cases)
    func searches(_ test: SearchCase) async throws {
        let harness = H()
        try harness.store(H.keys).apply(DataStoreBatch(changes: [
            .put(key: "b", data: ["status": "paused", "n": 2]), .put(key: "a", data: ["status": "active", "n": 1]),
            .put(key: "d", data: ["status": "paused", "n": 4]), .put(key: "c", data: ["status": "active", "n": 3]),
        ]))
        let (report, bundles) = try await harness.outputs("[\(H.node(1, "SearchRecord", store: "777", mapper: test.mapper, parameters: test.parameters))]")
        #expect(report.status == .success, "\(report.errors)")
        #expect((bundles[1] ?? []).map { $0["key"]?.stringValue ?? "" } == test.keys)
    }

    @Test func eachBundleHoldsTheKeyAndTheFields() async throws {
        let harness = H()
        try harness.store(H.keys).apply(DataStoreBatch(changes: [.put(key: "a", data: ["status": "active", "n": 1])]))
        let (_, bundles) = try await harness.outputs("[\(H.node(1, "SearchRecord", store: "777"))]")
        #expect(bundles[1] == [["key": "a", "status": "active", "n": 1]])
    }
}
