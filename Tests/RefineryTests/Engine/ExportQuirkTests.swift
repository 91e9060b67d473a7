import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Synchronization
import Testing

/// What Make's exports carry that a hand-written blueprint would not: numbers and booleans as text,
/// empty or partial filters, designer metadata, hook ids, modules of apps Refinery does not have.
@Suite struct ExportQuirkTests {
    static func sinkRun(_ flow: String, metadata: String = "{}") async throws -> (mappers: [JSONObject], report: RunReport, harness: RunHarness) {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        let report = try await harness.run(flow: flow, metadata: metadata)
        return (sink.mappers, report, harness)
    }

    @Test func breakReadsCountIntervalAndRetryAsText() async throws {
        let failing = FakeModule.failing(ModuleError(.connection, code: "http.network", message: "down"))
        let sinkHarness = RunHarness(extra: ["test:fail": failing])
        let stored = try await sinkHarness.run(flow: """
        [{"id": 1, "module": "test:fail", "onerror": [{"id": 2, "module": "builtin:Break", "version": 1,
          "mapper": {"count": "4", "retry": "{{true}}", "interval": "2"}}]}]
        """, metadata: #"{"scenario": {"dlq": true}}"#)
        #expect(stored.status == .incomplete)
        let item = try #require(sinkHarness.state.incomplete.first)
        #expect(item.retry)
        #expect(item.maxAttempts == 4)
        #expect(item.intervalMinutes == 2)
    }

    static let repeaters: [(mapper: String, values: [JSONValue])] = [
        (#"{"step": "1", "start": "1", "repeats": "10"}"#, (1...10).map { .int($0) }),
        (#"{"step": "2", "start": "0", "repeats": "3"}"#, [0, 2, 4]),
        (#"{"repeats": "0"}"#, []),
    ]

    @Test(arguments: repeaters)
    func repeaterCountsGivenAsText(_ mapper: String, _ values: [JSONValue]) async throws {
        let (mappers, report, _) = try await Self.sinkRun("""
        [{"id": 1, "module": "builtin:BasicRepeater", "version": 1, "mapper": \(mapper)},
         {"id": 2, "module": "test:sink", "mapper": {"i": "{{1.i}}"}}]
        """)
        #expect(report.status == .success)
        #expect(mappers.map { $0["i"] } == values)
    }

    @Test func sleepDurationGivenAsText() async throws {
        let (_, report, harness) = try await Self.sinkRun(#"[{"id": 1, "module": "util:FunctionSleep", "version": 1, "mapper": {"duration": "5"}}]"#)
        #expect(report.status == .success)
        #expect(harness.clock.sleeps == [5])
    }

    @Test func webhookRespondStatusGivenAsText() async throws {
        let answers = Mutex<[WebhookAnswer]>([])
        var options = RunOptions()
        options.respond = { answer in answers.withLock { $0.append(answer) } }
        let report = try await RunHarness().run(flow: """
        [{"id": 1, "module": "gateway:WebhookRespond", "version": 1, "mapper": {"status": "200", "body": "ok", "headers": []}}]
        """, options: options)
        #expect(report.status == .success)
        #expect(answers.withLock { $0.map(\.status) } == [200])
    }

    /// Filters as exports have them, on a feeder of 1, 7 and 10: which values pass.
    static let filters: [(filter: String, passed: [JSONValue])] = [
        ("null", [1, 7, 10]),
        (#"{"name": "all", "conditions": []}"#, [1, 7, 10]),
        (#"{"name": "no conditions key"}"#, [1, 7, 10]),
        (#"{"name": "text operand", "conditions": [[{"a": "{{1.value}}", "o": "number:greater", "b": "6"}]]}"#, [7, 10]),
        (#"{"name": "text both", "conditions": [[{"a": "{{1.value}}", "o": "number:lessorequal", "b": "7.0"}]]}"#, [1, 7]),
        (#"{"name": "no b", "conditions": [[{"a": "{{1.value}}", "o": "exist"}]]}"#, [1, 7, 10]),
        (#"{"name": "no b binary", "conditions": [[{"a": "{{1.value}}", "o": "text:equal"}]]}"#, []),
        (#"{"name": "or", "conditions": [[{"a": "{{1.value}}", "o": "number:equal", "b": "1"}], [{"a": "{{1.value}}", "o": "text:equal", "b": "10"}]]}"#, [1, 10]),
    ]

    @Test(arguments: filters)
    func filtersAsExported(_ filter: String, _ passed: [JSONValue]) async throws {
        let (mappers, report, _) = try await Self.sinkRun("""
        [{"id": 1, "module": "builtin:BasicFeeder", "version": 1, "mapper": {"array": [1, 7, 10]}},
         {"id": 2, "module": "test:sink", "version": 1, "filter": \(filter), "mapper": {"v": "{{1.value}}"}}]
        """)
        #expect(report.status == .success)
        #expect(mappers.map { $0["v"] } == passed)
    }

    @Test func designerMetadataHookIdsAndZeroRoundtripsChangeNothing() async throws {
        let (mappers, report, _) = try await Self.sinkRun("""
        [{"id": 1, "module": "builtin:BasicFeeder", "version": 1, "parameters": {"__IMTHOOK__": 123456}, "mapper": {"array": [1]},
          "metadata": {"designer": {"x": 0, "y": 0, "name": "Each", "messages": []}, "restore": {"expect": {"array": {"mode": "edit"}}},
                       "expect": [{"name": "array", "type": "array", "label": "Array", "mode": "edit", "spec": []}],
                       "interface": [{"name": "value", "type": "any"}], "parameters": []}},
         {"id": 2, "module": "test:sink", "mapper": {"v": "{{1.value}}"}, "metadata": {"designer": {"x": 300, "y": 0}}}]
        """, metadata: #"{"instant": false, "version": 1, "scenario": {"roundtrips": 0, "maxErrors": 3, "slots": null}, "designer": {"orphans": []}, "zone": "eu1.make.com", "notes": []}"#)
        #expect(report.status == .success)
        #expect(report.cycles == 1)
        #expect(mappers.map { $0["v"] } == [1])
    }

    static let foreignModules = ["slack:CreateMessage", "airtable:ActionCreateRecord", "google-sheets:addRow"]

    @Test(arguments: foreignModules)
    func aModuleOfAnAppRefineryDoesNotHaveIsOneProblemNamingTheApp(_ module: String) {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1]}},
         {"id": 5, "module": "\(module)", "version": 4, "parameters": {"__IMTCONN__": 99}, "mapper": {"text": "{{1.value}}"}},
         {"id": 6, "module": "refiner:trackEvent", "filter": {"name": "ok", "conditions": [[{"a": "{{5.ts}}", "o": "exist"}]]},
          "mapper": {"event": "{{5.channel}}", "at": "{{5.ts}}"}},
         {"id": 7, "module": "builtin:BasicAggregator", "parameters": {"feeder": 5}, "mapper": {"ts": "{{5.ts}}"}}]
        """))
        #expect(problems.map(\.code) == ["scenario.unknown-module"])
        let app = String(module.split(separator: ":")[0])
        #expect(problems.first?.message.contains("no app '\(app)'") == true)
        #expect(problems.first?.message.contains("did you mean") == false)
        #expect(problems.first?.source?.pointer?.description == "/flow/1/module")
    }

    @Test func aMistypedModuleOfAnInstalledAppStillGetsASuggestion() {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: #"[{"id": 1, "module": "util:SetVariabel2"}]"#))
        #expect(problems.map(\.code) == ["scenario.unknown-module"])
        #expect(problems.first?.message.contains("did you mean 'util:SetVariable2'") == true)
    }

    @Test func multipleVariablesAsExported() async throws {
        let (mappers, report, _) = try await Self.sinkRun("""
        [{"id": 1, "module": "util:SetVariables", "version": 1, "mapper": {"variables": [
            {"name": "Main Question Reactions", "value": "{{1 + 1}}"}, {"name": "Bonus Question Reactions", "value": "b"}], "scope": "execution"}},
         {"id": 2, "module": "util:SetVariables", "version": 1, "mapper": {"variables": [{"name": "Date", "value": "d"}], "scope": "roundtrip"}},
         {"id": 3, "module": "util:GetVariables", "version": 1, "mapper": {"variables": ["Main Question Reactions", "Bonus Question Reactions", "Date", "Unset"]}},
         {"id": 4, "module": "test:sink", "mapper": {"main": "{{3.`Main Question Reactions`}}", "bonus": "{{3.`Bonus Question Reactions`}}", "date": "{{3.Date}}", "unset": "{{3.Unset}}"}}]
        """)
        #expect(report.status == .success)
        #expect(mappers.first == ["main": 2, "bonus": "b", "date": "d", "unset": .null])
    }
}
