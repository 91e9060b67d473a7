import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Synchronization
import Testing
@testable import RefineryCLI

/// `refinery call` streams: each bundle is written as it arrives, in text, `--json` (one array written
/// piece by piece) or `--jsonl`; `--max-pages` bounds the pages and its error names the flag.
/// One test at a time: several list thousands of responses, and the cooperative pool must keep a thread
/// for the other suites' servers and deadlines.
@Suite(.serialized) struct CallCommandTests {
    let harness = CLIHarness(workingDirectory: ModuleCommandsTests.root)

    @Test func jsonLinesPrintsOneCompactObjectPerLine() async throws {
        let outcome = await harness.run("call", "refiner:listResponses", "--data", #"{"limit": 3}"#, "--sandbox", "--jsonl")
        #expect(outcome.code == .success, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines.last == "", "three lines, each ended by a newline")
        for line in lines.dropLast() {
            let value = try JSONValue(parsing: String(line))
            #expect(value.objectValue?["uuid"] != nil)
            #expect(value.serialized() == String(line), "compact")
        }
        #expect(outcome.stderr.contains("refiner:listResponses: 3 bundles"))
    }

    @Test func jsonIsOneArrayTheSameAsSerializingItWhole() async throws {
        let json = await harness.run("call", "refiner:listResponses", "--data", #"{"limit": 3}"#, "--sandbox", "--json")
        let lines = await harness.run("call", "refiner:listResponses", "--data", #"{"limit": 3}"#, "--sandbox", "--jsonl")
        #expect(json.code == .success, "\(json.stderr)")
        let items = try lines.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        #expect(items.count == 3)
        #expect(json.stdout == JSONValue.array(items).serialized(.pretty) + "\n")
    }

    @Test(arguments: [0, 1, 2])
    func jsonWrittenPieceByPieceMatchesTheWholeArray(count: Int) {
        let captured = CapturedConsole()
        let output = CallOutput(format: .json, console: captured.console())
        let bundles: [JSONValue] = (0..<count).map { ["n": .int($0), "nested": ["a": [1, 2], "text": "line\nbreak"]] }
        for bundle in bundles { output.write(bundle) }
        output.finish()
        #expect(captured.stdout == JSONValue.array(bundles).serialized(.pretty) + "\n")
        #expect(output.count == count)
    }

    @Test func textPrintsEveryBundleNumbered() async throws {
        let outcome = await harness.run("call", "refiner:listResponses", "--data", #"{"limit": 2}"#, "--sandbox")
        #expect(outcome.code == .success, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("bundle 1:\n{\n"))
        #expect(outcome.stdout.contains("\n}\nbundle 2:\n{\n"))
    }

    @Test func jsonAndJSONLinesTogetherAreAUsageError() async throws {
        let outcome = await harness.run("call", "refiner:listResponses", "--sandbox", "--json", "--jsonl")
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("--json and --jsonl cannot be used together"))
    }

    /// Each page's bundles are on stdout before the next page is asked for: nothing waits for the end.
    @Test func bundlesAreWrittenWhileTheModuleIsStillPaging() async throws {
        let captured = CapturedConsole()
        let output = CallOutput(format: .jsonl, console: captured.console())
        let linesAtEachRequest = Mutex<[Int]>([])
        let sandbox = InProcessTransport(handler: RefinerSandbox(configuration: SandboxConfiguration(rateLimits: .unlimited)))
        let spy = SpyTransport(base: sandbox) { _ in
            let written = captured.stdout.utf8.count(where: { $0 == UInt8(ascii: "\n") })
            linesAtEachRequest.withLock { $0.append(written) }
        }
        let runner = try Self.refinerRunner(transport: spy)
        let connection: JSONObject = ["apiKey": .string(SandboxConfiguration.defaultAPIKey), "baseUrl": "http://sandbox.invalid/v1"]
        try await CallCommand.stream(runner, module: "listResponses", input: ["limit": 2001], connection: connection, to: output)
        #expect(linesAtEachRequest.withLock { $0 } == [0, 1000, 2000])
        #expect(output.count == 2001)
    }

    @Test func maxPagesStopsThePaginationAndItsErrorNamesTheFlag() async throws {
        let outcome = await harness.run(
            "call", "refiner:listResponses", "--data", #"{"limit": 1500}"#, "--sandbox", "--jsonl", "--max-pages", "1"
        )
        #expect(outcome.code == .failure)
        #expect(outcome.stderr.contains("[pagination.max-pages]"))
        #expect(outcome.stderr.contains("stopped after 1 pages"))
        #expect(outcome.stderr.contains("raise --max-pages or lower the limit"))
        #expect(!outcome.stderr.contains("metadata.refinery.maxPages"))
        #expect(outcome.stdout.split(separator: "\n").count == 1000, "the bundles of the page fetched are out already")
        let enough = await harness.run("call", "refiner:listResponses", "--data", #"{"limit": 1500}"#, "--sandbox", "--jsonl", "--max-pages", "2")
        #expect(enough.code == .success, "\(enough.stderr)")
        #expect(enough.stdout.split(separator: "\n").count == 1500)
    }

    @Test(arguments: ["0", "100001", "many"])
    func maxPagesOutOfRangeIsAUsageError(value: String) async throws {
        let outcome = await harness.run("call", "refiner:listResponses", "--sandbox", "--max-pages", value)
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("--max-pages"))
    }

    /// A failure part way still closes the `--json` array: stdout stays one valid JSON value.
    @Test func jsonStaysValidWhenTheModuleFailsPartWay() async throws {
        let outcome = await harness.run(
            "call", "refiner:listResponses", "--data", #"{"limit": 1500}"#, "--sandbox", "--json", "--max-pages", "1"
        )
        #expect(outcome.code == .failure)
        #expect(try JSONValue(parsing: outcome.stdout).arrayValue?.count == 1000)
    }

    static func refinerRunner(transport: any HTTPTransport) throws -> ModuleRunner {
        let (app, diagnostics) = AppLoader.load(directory: ModuleCommandsTests.root + "/modules/refiner")
        let refiner = try #require(app, "\(diagnostics)")
        return ModuleRunner(app: refiner, environment: ModuleEnvironment(transport: transport, clock: SystemRunClock()))
    }
}

/// Hands each request to `observe` before passing it on.
struct SpyTransport: HTTPTransport {
    let base: any HTTPTransport
    let observe: @Sendable (HTTPRequest) -> Void

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        observe(request)
        return try await base.send(request)
    }
}
