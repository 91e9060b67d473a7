import Foundation
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// The built `refinery` binary runs a polling scenario against a sandbox served by a second child process,
/// and is killed (SIGKILL) at many points; runs again until done. Afterwards the sandbox's tracked events
/// show every trigger item processed, and an item processed twice only where a kill fell between its side
/// effect and the commit of its trigger position (at most one per kill). Meanwhile the sandbox answers a
/// share of requests with an HTML page instead of a page of the API: those runs fail and move nothing.
@Suite struct RunKillTests {
    /// The scenario, watching the sandbox's form `formUUID` (looked up: seeded uuids are not part of the contract).
    static func scenario(formUUID: String) -> String {
        """
    {"name": "Kill test", "flow": [
      {"id": 1, "module": "refiner:watchResponses", "version": 1,
       "parameters": {"formUuid": "\(formUUID)", "limit": 25}},
      {"id": 2, "module": "refiner:trackEvent", "version": 1, "mapper": {"event": "processed {{1.uuid}}", "id": "kill-{{1.uuid}}"}}
    ], "metadata": {"scenario": {"roundtrips": 1000, "maxErrors": 1000}}}
    """
    }

    /// Kill the run after this many trace lines (each bundle of modules 1 and 2 is a line).
    static let killPoints = [1, 2, 3, 5, 8, 13, 21, 34, 2, 9]

    @Test func aRunKilledAtManyPointsLosesNoTriggerItem() async throws {
        let binary = try #require(BinarySmokeTests.binaryURL(), "the refinery binary is built beside the test bundle")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sandbox = try await SandboxProcess.start(binary: binary)
        let forms = try await sandbox.state()["forms"]?.arrayValue ?? []
        let formUUID = try #require(forms.first { $0["name"] == "NPS — Product" }?["uuid"]?.stringValue)
        try folder.write("kill.json", Self.scenario(formUUID: formUUID))
        let scenario = folder.path + "/kill.json", stateFolder = folder.path + "/state"
        try await sandbox.control("faults?malformed_rate=0.1")
        let statuses = try await offPool {
            try Self.killPoints.map { try Self.run(binary, scenario: scenario, state: stateFolder, sandbox: sandbox, killAfterLines: $0) }
        }
        try await sandbox.control("faults?malformed_rate=0")
        let finalStatus = try await offPool {
            try Self.run(binary, scenario: scenario, state: stateFolder, sandbox: sandbox, killAfterLines: nil)
        }
        #expect(finalStatus == 0)
        #expect(statuses.contains(1), "some runs met a malformed page and failed")

        let state = try await sandbox.state()
        await sandbox.stop()
        let expected = Set((state["responses"]?.arrayValue ?? [])
            .filter { $0["form"]?["uuid"]?.stringValue == formUUID && $0["completed_at"] != .null }
            .compactMap { $0["uuid"]?.stringValue })
        let processed = (state["events"]?.arrayValue ?? []).compactMap { $0["event"]?.stringValue }
            .filter { $0.hasPrefix("processed ") }.map { String($0.dropFirst("processed ".count)) }
        #expect(expected.count > 20)
        #expect(Set(processed) == expected, "every item processed")
        let duplicates = processed.count - Set(processed).count
        #expect(duplicates <= Self.killPoints.count, "at most one item again per kill")
    }

    /// Runs the scenario; with `killAfterLines`, SIGKILLs it once that many trace lines were read.
    static func run(_ binary: URL, scenario: String, state: String, sandbox: SandboxProcess, killAfterLines: Int?) throws -> Int32 {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", scenario, "--state", state, "--trace", "--quiet"]
        process.environment = ["REFINER_API_KEY": sandbox.apiKey, "REFINER_BASE_URL": sandbox.baseURL, "NO_COLOR": "1"]
        let trace = Pipe()
        process.standardError = trace
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var lines = 0
        while let limit = killAfterLines, lines < limit {
            let chunk = trace.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            lines += chunk.filter { $0 == UInt8(ascii: "\n") }.count
        }
        if killAfterLines != nil, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        _ = trace.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// `refinery sandbox --port 0` in a child process; its first two lines name the URL and the key.
struct SandboxProcess: Sendable {
    let process: Process
    let baseURL: String
    let apiKey: String

    static func start(binary: URL) async throws -> SandboxProcess {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["sandbox", "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let lines = try await SandboxCommandTests.readLines(2, from: output.fileHandleForReading)
        let values = Dictionary(lines.compactMap { line -> (String, String)? in
            let parts = line.split(separator: "=", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }, uniquingKeysWith: { first, _ in first })
        return SandboxProcess(process: process, baseURL: values["REFINER_BASE_URL"] ?? "", apiKey: values["REFINER_API_KEY"] ?? "")
    }

    func state() async throws -> JSONValue {
        let root = baseURL.replacingOccurrences(of: "/v1", with: "")
        let response = try await URLSessionTransport().send(HTTPRequest(method: .get, target: root + "/_sandbox/state"))
        return try JSONValue(parsing: response.body)
    }

    /// POSTs to a sandbox control (`faults?...`, `reset`).
    func control(_ pathAndQuery: String) async throws {
        let root = baseURL.replacingOccurrences(of: "/v1", with: "")
        let response = try await URLSessionTransport().send(HTTPRequest(method: .post, target: root + "/_sandbox/" + pathAndQuery))
        guard response.isSuccess else { throw SandboxControlFailed(status: response.status) }
    }

    struct SandboxControlFailed: Error {
        let status: Int
    }

    func stop() async {
        process.terminate()
        _ = try? await SandboxCommandTests.exitStatus(of: process)
    }
}
