import Foundation
import RefineryCLI
import Testing

/// `refinery datastore` and data stores through `run` and `validate`, in-process.
@Suite struct DataStoreCommandTests {
    static let declaration = #"{"name": "contacts", "id": 12345, "structure": [{"name": "email", "type": "email", "required": true}, {"name": "n", "type": "number"}]}"#

    static let scenario = """
    {"name": "fill", "flow": [
      {"id": 1, "module": "builtin:BasicRepeater", "version": 1, "mapper": {"repeats": "3"}},
      {"id": 2, "module": "datastore:AddRecord", "version": 1, "parameters": {"datastore": 12345},
       "mapper": {"key": "k{{1.i}}", "data": {"email": "p{{1.i}}@x.io", "n": "{{1.i}}"}, "overwrite": false}, "metadata": {"designer": {"x": 0, "y": 0}}}
    ], "metadata": {"version": 1, "scenario": {"roundtrips": 1}}}
    """

    func repository() throws -> (TemporaryFolder, CLIHarness) {
        let folder = try TemporaryFolder()
        try folder.write("datastores/contacts.json", Self.declaration)
        try folder.write("scenarios/fill.json", Self.scenario)
        return (folder, CLIHarness(workingDirectory: folder.path))
    }

    @Test func exportClearImportRoundTrips() async throws {
        let (folder, cli) = try repository()
        defer { folder.remove() }
        #expect(await cli.run("run", "scenarios/fill.json", "--quiet").code == .success)
        let list = await cli.run("datastore", "list")
        #expect(list.stdout.contains("contacts (id 12345): 3 records"), "\(list.stdout)\(list.stderr)")
        let exported = await cli.run("datastore", "export", "contacts", "--output", "out.json")
        #expect(exported.code == .success)
        #expect(await cli.run("datastore", "clear", "contacts", "--yes").code == .success)
        #expect(await cli.run("datastore", "list").stdout.contains("0 records"))
        #expect(await cli.run("datastore", "import", "contacts", "out.json").code == .success)
        let again = await cli.run("datastore", "export", "12345")
        let original = try String(contentsOfFile: folder.path + "/out.json", encoding: .utf8)
        #expect(again.stdout == original)
        let record = await cli.run("datastore", "get", "contacts", "k2", "--json")
        #expect(record.stdout.contains(#""email": "p2@x.io""#))
        #expect(await cli.run("datastore", "get", "contacts", "k9").code == .failure)
    }

    @Test func anInvalidImportChangesNothing() async throws {
        let (folder, cli) = try repository()
        defer { folder.remove() }
        try folder.write("bad.json", #"[{"key": "a", "data": {"email": "a@x.io"}}, {"key": "b", "data": {"n": "many"}}]"#)
        let outcome = await cli.run("datastore", "import", "contacts", "bad.json")
        #expect(outcome.code == .dataError)
        #expect(outcome.stderr.contains("bad.json#/1:"), "\(outcome.stderr)")
        #expect(await cli.run("datastore", "list").stdout.contains("0 records"))
    }

    @Test func usageErrors() async throws {
        let (folder, cli) = try repository()
        defer { folder.remove() }
        #expect(await cli.run("datastore", "clear", "contacts").code == .usage, "no terminal to confirm on")
        #expect(await cli.run("datastore", "get", "contcts", "x").stderr.contains("did you mean 'contacts'"))
        #expect(await cli.run("datastore", "shred").code == .usage)
        #expect(await cli.run("datastore", "get", "contacts").code == .usage)
    }

    @Test func validateReportsStoresAndReferences() async throws {
        let (folder, cli) = try repository()
        defer { folder.remove() }
        #expect(await cli.run("validate", "scenarios", "datastores").code == .success)
        try folder.write("scenarios/fill.json", Self.scenario.replacingOccurrences(of: "12345", with: "999"))
        try folder.write("datastores/broken.json", #"{"name": "broken", "maxBytes": -1}"#)
        let outcome = await cli.run("validate", "scenarios")
        #expect(outcome.code == .dataError)
        #expect(outcome.stderr.contains("scenarios/fill.json#/flow/1/parameters/datastore:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("datastores/broken.json#/maxBytes:"))
        #expect(await cli.run("run", "scenarios/fill.json").code == .dataError)
    }
}
