import Foundation
import RefineryCLI
import RefineryJSON
import Testing

/// Apps from anywhere: the Refiner app built in, then `modules/` found upward, `REFINERY_MODULES` and
/// every `--modules`, each later app of a name replacing the earlier one. Every test runs in a
/// temporary folder outside the checkout.
@Suite struct AppsAnywhereTests {
    static let scenario = """
    {"name": "Watch", "flow": [{"id": 1, "module": "refiner:watchResponses", "parameters": {"limit": 2}}]}
    """

    /// A tiny app with one action, `<name>:ping`.
    static func writeApp(_ name: String, label: String, version: String = "1.0.0", in folder: TemporaryFolder, at place: String) throws {
        try folder.write("\(place)/\(name)/app.json", #"{"name": "\#(name)", "label": "\#(label)", "version": "\#(version)"}"#)
        try folder.write("\(place)/\(name)/ping.json", """
        {"name": "ping", "label": "Ping", "type": "action",
         "communication": {"url": "https://example.invalid/ping", "method": "POST", "response": {"output": "{{body}}"}}}
        """)
    }

    /// Name to (label, origin) from `refinery modules --json`.
    static func listed(_ outcome: CLIHarness.Outcome) throws -> [String: (label: String, origin: String)] {
        let apps = try JSONValue(parsing: outcome.stdout).arrayValue ?? []
        var listed: [String: (label: String, origin: String)] = [:]
        for app in apps {
            guard let name = app["name"]?.stringValue else { continue }
            listed[name] = (app["label"]?.stringValue ?? "", app["origin"]?.stringValue ?? "")
        }
        return listed
    }

    @Test func theBuiltInRefinerAppNeedsNoModulesFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("watch.json", Self.scenario)
        let cli = CLIHarness(environment: ["NO_COLOR": "1"], workingDirectory: folder.path)
        let modules = await cli.run("modules")
        #expect(modules.code == .success, "\(modules.stderr)")
        #expect(modules.stdout.contains("refiner (Refiner 1.0.0): 19 modules, built in"), "\(modules.stdout)")
        #expect(modules.stdout.contains("refiner:watchResponses"))
        let validated = await cli.run("validate", "watch.json")
        #expect(validated.code == .success, "\(validated.stderr)")
        let ran = await cli.run("run", "watch.json", "--sandbox", "--max-cycles", "1", "--json")
        #expect(ran.code == .success, "\(ran.stderr)")
        let report = try JSONValue(parsing: ran.stdout)
        #expect(report["status"]?.stringValue == "success")
        #expect((report["operations"]?.intValue ?? 0) >= 1)
    }

    @Test func laterFoldersOverrideEarlierOnesAndModulesSaysWhereEachAppCameFrom() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = (folder.path as NSString).resolvingSymlinksInPath
        try Self.writeApp("alpha", label: "Alpha upward", in: folder, at: "project/modules")
        try Self.writeApp("delta", label: "Delta upward", in: folder, at: "project/modules")
        try Self.writeApp("alpha", label: "Alpha env", in: folder, at: "env-apps")
        try Self.writeApp("beta", label: "Beta env", in: folder, at: "env-apps")
        try Self.writeApp("gamma", label: "Gamma one", in: folder, at: "one")
        try Self.writeApp("gamma", label: "Gamma two", in: folder, at: "two")
        try Self.writeApp("refiner", label: "My Refiner", version: "2.0.0", in: folder, at: "two")
        try FileManager.default.createDirectory(atPath: folder.path + "/project/scenarios/deep", withIntermediateDirectories: true)
        let cli = CLIHarness(
            environment: ["NO_COLOR": "1", "REFINERY_MODULES": root + "/nothing-here-is-fine:" + root + "/env-apps"],
            workingDirectory: root + "/project/scenarios/deep"
        )
        try FileManager.default.createDirectory(atPath: root + "/nothing-here-is-fine", withIntermediateDirectories: true)
        let outcome = await cli.run("modules", "--json", "--modules", root + "/one", "--modules", "../../../two")
        #expect(outcome.code == .success, "\(outcome.stderr)")
        let apps = try Self.listed(outcome)
        #expect(apps["delta"]?.label == "Delta upward")
        #expect(apps["delta"]?.origin == root + "/project/modules/delta")
        #expect(apps["alpha"]?.label == "Alpha env")
        #expect(apps["alpha"]?.origin == root + "/env-apps/alpha")
        #expect(apps["beta"]?.label == "Beta env")
        #expect(apps["gamma"]?.label == "Gamma two")
        #expect(apps["gamma"]?.origin == root + "/two/gamma")
        #expect(apps["refiner"]?.label == "My Refiner")
        #expect(apps["refiner"]?.origin == root + "/two/refiner")
        let text = await cli.run("modules", "refiner", "--modules", root + "/two")
        #expect(text.stdout.contains("refiner (My Refiner 2.0.0): 1 modules, from \(root)/two/refiner"), "\(text.stdout)")
        #expect(!text.stdout.contains("refiner:watchResponses"), "an override replaces the app as a whole")
    }

    @Test func modulesAreFoundUpwardFromTheScenarioNotTheWorkingDirectory() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.writeApp("alpha", label: "Alpha", in: folder, at: "project/modules")
        try folder.write("project/scenarios/deep/ping.json", #"{"name": "Ping", "flow": [{"id": 1, "module": "alpha:ping"}]}"#)
        try FileManager.default.createDirectory(atPath: folder.path + "/elsewhere", withIntermediateDirectories: true)
        let cli = CLIHarness(environment: ["NO_COLOR": "1"], workingDirectory: folder.path + "/elsewhere")
        let validated = await cli.run("validate", "../project/scenarios/deep/ping.json")
        #expect(validated.code == .success, "\(validated.stderr)")
        let listed = await cli.run("modules")
        #expect(!listed.stdout.contains("alpha"), "no modules/ above the working directory")
        #expect(listed.stdout.contains("refiner"))
    }

    @Test(arguments: [
        (["modules", "--modules", "/nonexistent-refinery-apps"], [:], "'/nonexistent-refinery-apps' (from --modules)"),
        (["run", "x.json", "--sandbox", "--modules", "missing"], [:], "'missing' (from --modules)"),
        (["modules"], ["REFINERY_MODULES": "/no/such/apps"], "'/no/such/apps' (from REFINERY_MODULES)"),
        (["validate", "x.json"], ["REFINERY_MODULES": "gone"], "'gone' (from REFINERY_MODULES)"),
    ] as [([String], [String: String], String)])
    func aMissingExplicitFolderIsAUsageError(arguments: [String], environment: [String: String], named: String) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("x.json", Self.scenario)
        let outcome = await CLIHarness(environment: environment.merging(["NO_COLOR": "1"]) { $1 }, workingDirectory: folder.path).run(arguments)
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains(named), "\(outcome.stderr)")
    }
}
