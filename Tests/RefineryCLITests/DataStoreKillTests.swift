import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import Testing

/// `refinery serve` writes a data store record per webhook delivery (and appends the delivery's number
/// to one shared record), and is SIGKILLed at many points. With `inDoubt: retry`, a delivery cut short
/// runs again; its data store batch carries the delivery's id, so it is applied at most once. Afterwards
/// the store opens (no torn record), every accepted delivery has its record, and no number is twice.
@Suite struct DataStoreKillTests {
    static let token = "kill-datastore-token-0123456789"

    static let scenario = """
    {"name": "Data store kill", "flow": [
      {"id": 1, "module": "gateway:CustomWebHook", "version": 1, "parameters": {"hook": 1, "maxResults": 1}, "mapper": {}},
      {"id": 2, "module": "datastore:AddRecord", "version": 1, "parameters": {"datastore": 4242},
       "mapper": {"key": "d-{{1.n}}", "data": {"n": "{{1.n}}"}, "overwrite": true}},
      {"id": 3, "module": "datastore:UpdateRecord", "version": 1, "parameters": {"datastore": 4242},
       "mapper": {"key": "seen", "data": {"numbers": ["{{1.n}}"]}, "upsert": true, "overwriteArrays": false}}
    ], "metadata": {"scenario": {"sequential": true, "maxErrors": 1000},
      "refinery": {"webhook": {"tokenVariable": "KILL_DS_TOKEN", "inDoubt": "retry"}}}}
    """

    static let killAfter = [1, 3, 7, 2, 12, 5]

    @Test(.timeLimit(.minutes(1)))
    func killedAtManyPointsTheStoreKeepsEveryDeliveryOnce() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("kill.json", Self.scenario)
        try folder.write("datastores/events.json", #"{"name": "events", "id": 4242}"#)
        let arguments = ["serve", "kill.json", "--state", "state", "--quiet"]
        let environment = ["KILL_DS_TOKEN": Self.token]
        var accepted: [Int] = []
        var next = 0
        for count in Self.killAfter {
            let child = try await ServeChild.start(arguments, folder: folder.path, environment: environment)
            let target = String(child.url.dropLast("<token>".count)) + Self.token
            for _ in 0..<count {
                next += 1
                if try await Self.post(next, to: target) { accepted.append(next) }
            }
            await child.kill()
        }
        // `webhook deliver` processes what the killed servers left, then one more delivery, and returns.
        next += 1
        try folder.write("last.json", #"{"n": \#(next)}"#)
        let last = Process()
        last.executableURL = BinarySmokeTests.binaryURL()
        last.arguments = ["webhook", "deliver", "kill.json", "last.json", "--state", "state"]
        last.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        last.environment = environment.merging(["NO_COLOR": "1"]) { first, _ in first }
        last.standardOutput = FileHandle.nullDevice
        last.standardError = FileHandle.nullDevice
        try last.run()
        #expect(try await SandboxCommandTests.exitStatus(of: last) == 0)
        accepted.append(next)
        let store = FileDataStore(directory: URL(fileURLWithPath: folder.path + "/state/datastores"), declaration: DataStoreDeclaration(name: "events", id: 4242))
        let records = try store.contents().records
        for n in accepted { #expect(records["d-\(n)"] == ["n": .int(n)], "accepted delivery \(n)") }
        let numbers = (records["seen"]?["numbers"]?.arrayValue ?? []).compactMap(\.intValue)
        #expect(numbers.count == Set(numbers).count, "a batch applied twice: \(numbers)")
        #expect(Set(numbers) == Set(accepted))
    }

    /// Whether the delivery was accepted (2xx); a connection the kill cut is not.
    static func post(_ n: Int, to target: String) async throws -> Bool {
        let request = HTTPRequest(method: .post, target: target, headers: ["Content-Type": "application/json"], body: Array(#"{"n": \#(n)}"#.utf8))
        guard let response = try? await ServeChild.transport.send(request) else { return false }
        return (200..<300).contains(response.status)
    }
}
