import Foundation
@testable import Refinery
import RefineryJSON
import Testing

/// A state file is read whole or refused: a file of the wrong shape, or one that exists but cannot be
/// read, is an error naming the file and the field, never a fresh start that processes every item again.
@Suite struct StateShapeTests {
    static let valid = #"""
    {"version": 1, "revision": 4, "active": true, "consecutiveErrors": 0,
     "positions": {"1": {"lastDate": 1767225600.5, "lastDateText": "2026-01-01T00:00:00Z", "sameDateIds": ["a"]}, "2": {"lastId": "17"}},
     "incomplete": [], "history": [{"startedAt": 1767225600, "status": "success", "cycles": 1, "operations": 3, "limit": null}]}
    """#

    /// Each damaged file and the path its error must name.
    static let damaged: [(String, String)] = [
        (#"{"version": 1}"#, "/revision"),
        (valid.replacingOccurrences(of: #""positions": {"#, with: #""positions": [], "x": {"#), "/positions"),
        (valid.replacingOccurrences(of: "1767225600.5", with: #""yesterday""#), "/positions/1/lastDate"),
        (valid.replacingOccurrences(of: #"["a"]"#, with: "[1]"), "/positions/1/sameDateIds/0"),
        (valid.replacingOccurrences(of: #""lastId": "17""#, with: #""lastId": 17"#), "/positions/2/lastId"),
        (valid.replacingOccurrences(of: #""active": true"#, with: #""active": "yes""#), "/active"),
        (valid.replacingOccurrences(of: #""incomplete": []"#, with: #""incomplete": [{"id": "x"}]"#), "/incomplete/0/createdAt"),
        (valid.replacingOccurrences(of: #""status": "success""#, with: #""status": 1"#), "/history/0/status"),
        ("[]", "the file"),
    ]

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("refinery-shape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func store(_ folder: URL) -> FileStateStore {
        FileStateStore(directory: folder, now: { Date(timeIntervalSince1970: 1_767_225_600) })
    }

    @Test func aValidFileReadsWhole() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.valid.utf8).write(to: folder.appendingPathComponent("s.state.json"))
        let state = try Self.store(folder).read("s")
        #expect(state.revision == 4)
        #expect(state.positions[1]?.sameDateIds == ["a"])
        #expect(state.positions[2]?.lastId == "17")
        #expect(state.history.count == 1)
    }

    @Test(arguments: damaged.indices)
    func aFileOfTheWrongShapeIsRefusedNamingTheField(index: Int) throws {
        let (contents, path) = Self.damaged[index]
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(contents.utf8).write(to: folder.appendingPathComponent("s.state.json"))
        #expect {
            try Self.store(folder).read("s")
        } throws: { error in
            guard case StateError.corrupt(let file, let reason)? = error as? StateError else { return false }
            return file.hasSuffix("s.state.json") && reason.contains(path)
        }
    }

    @Test func aDirectoryInPlaceOfTheFileIsUnreadableNotFresh() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("s.state.json"), withIntermediateDirectories: false)
        #expect {
            try Self.store(folder).read("s")
        } throws: { error in
            guard case StateError.unreadable(let file, let reason)? = error as? StateError else { return false }
            return file.hasSuffix("s.state.json") && reason == "not a regular file"
        }
    }

    @Test func aFileThatCannotBeOpenedIsUnreadableNotFresh() throws {
        // A symbolic link to itself cannot be opened (ELOOP) whoever runs the test, root included.
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("s.state.json")
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: file.path)
        #expect {
            try Self.store(folder).read("s")
        } throws: { error in
            guard case StateError.unreadable(_, let reason)? = error as? StateError else { return false }
            return reason.contains("symbolic links")
        }
        #expect(StateError.unreadable(path: file.path, reason: "x").description.contains("nothing was run"))
    }

    @Test func aJournalThatCannotBeReadIsNotRewrittenEmpty() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let journal = folder.appendingPathComponent("hook.journal")
        try FileManager.default.createDirectory(at: journal, withIntermediateDirectories: false)
        #expect(throws: AtomicFile.Unreadable.self) { try DeliveryJournal.open(at: journal) }
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: journal.path, isDirectory: &isDirectory) && isDirectory.boolValue)
    }
}
