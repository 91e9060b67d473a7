import Foundation
import Refinery
import RefineryJSON
import Testing

/// The log file: reopening, torn and damaged lines, compaction, two store objects on one file (as two
/// processes), batch ids, the declaration's structure.
@Suite struct FileDataStoreTests {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fds-" + UUID().uuidString)
    let declaration = DataStoreDeclaration(name: "items")

    func store() -> FileDataStore { FileDataStore(directory: folder, declaration: declaration) }

    func put(_ key: String, _ n: Int, id: String? = nil) -> DataStoreBatch {
        DataStoreBatch(id: id, changes: [.put(key: key, data: ["n": .int(n)])])
    }

    @Test func aReopenedStoreHasEveryBatch() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = store()
        try first.apply(put("a", 1))
        try first.apply(DataStoreBatch(changes: [.put(key: "b", data: ["n": 2]), .delete(key: "a")]))
        let reopened = store()
        #expect(try reopened.contents().records == ["b": ["n": 2]])
    }

    @Test func aReadOfAStoreNeverWrittenCreatesNothing() throws {
        #expect(try store().count() == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    /// A writer killed mid-line leaves a line without its newline: ignored, then cut off by the next write.
    @Test func aTornLastLineIsIgnoredAndCutOff() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try store().apply(put("a", 1))
        let handle = try FileHandle(forWritingTo: store().url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"changes":[{"put":"torn","da"#.utf8))
        try handle.close()
        let reopened = store()
        #expect(try reopened.contents().records == ["a": ["n": 1]])
        try reopened.apply(put("b", 2))
        let lines = try String(contentsOf: store().url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try store().contents().records == ["a": ["n": 1], "b": ["n": 2]])
    }

    @Test func aDamagedCompleteLineIsAnError() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try store().apply(put("a", 1))
        let handle = try FileHandle(forWritingTo: store().url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("not json\n".utf8))
        try handle.close()
        #expect(throws: DataStoreError.corrupt(path: store().url.path, line: 2, reason: "")) {
            do { _ = try store().count() } catch let error as DataStoreError {
                if case .corrupt(let path, let line, _) = error { throw DataStoreError.corrupt(path: path, line: line, reason: "") }
                throw error
            }
        }
    }

    /// Two objects on one file stand for two processes: each sees what the other appended, and after
    /// the other compacted.
    @Test func twoStoresOnOneFileSeeEachOther() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = store(), two = store()
        try one.apply(put("a", 1))
        #expect(try two.record("a") == ["n": 1])
        try two.apply(put("b", 2))
        #expect(try one.count() == 2)
        // Enough rewrites of one key to make `two` compact its log.
        let big = String(repeating: "x", count: 4000)
        for n in 0..<400 { try two.apply(DataStoreBatch(changes: [.put(key: "c", data: ["n": .int(n), "pad": .string(big)])])) }
        #expect(try two.logBytes() < 1_200_000, "compacted: 400 lines of 4 kB would be 1.6 MB")
        #expect(try one.record("c")?["n"] == 399)
        try one.apply(put("d", 4))
        #expect(try two.count() == 4)
        #expect(try store().count() == 4)
    }

    @Test func aBatchIsAppliedOnceEvenAcrossCompaction() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = store()
        #expect(try store.apply(put("a", 1, id: "run-1")))
        #expect(try !store.apply(put("a", 2, id: "run-1")))
        let big = String(repeating: "x", count: 4000)
        for _ in 0..<400 { try store.apply(DataStoreBatch(changes: [.put(key: "pad", data: ["pad": .string(big)])])) }
        let reopened = self.store()
        #expect(try !reopened.apply(put("a", 3, id: "run-1")))
        #expect(try reopened.record("a") == ["n": 1])
    }

    @Test func maxBytesIsALimit() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var small = declaration
        small.maxBytes = 100
        let store = FileDataStore(directory: folder, declaration: small)
        try store.apply(put("a", 1))
        #expect(throws: DataStoreError.self) {
            try store.apply(DataStoreBatch(changes: [.put(key: "b", data: ["text": .string(String(repeating: "y", count: 200))])]))
        }
        #expect(try store.count() == 1)
    }

    struct RecordCase: Sendable {
        let data: JSONObject
        let strict: Bool
        let problems: Int
    }

    static let records: [RecordCase] = [
        RecordCase(data: ["email": "a@x.io", "n": "3"], strict: true, problems: 0),
        RecordCase(data: ["email": "a@x.io", "extra": 1], strict: false, problems: 0),
        RecordCase(data: ["email": "a@x.io", "extra": 1], strict: true, problems: 1),
        RecordCase(data: ["n": "three"], strict: false, problems: 2),
    ]

    @Test(arguments: records)
    func recordsFollowTheStructure(_ test: RecordCase) {
        var email = FieldSpec(name: "email", type: .email)
        email.required = true
        var declaration = DataStoreDeclaration(name: "people", structure: [email, FieldSpec(name: "n", type: .number)])
        declaration.strict = test.strict
        do {
            let record = try declaration.record(test.data, key: "k")
            #expect(test.problems == 0)
            if test.data["n"] != nil { #expect(record["n"] == 3) }
        } catch {
            guard case .invalidRecord(_, _, let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.count == test.problems, "\(problems)")
        }
    }
}
