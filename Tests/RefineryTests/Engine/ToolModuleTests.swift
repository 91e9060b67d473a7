import Foundation
import Synchronization
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// Make's tools and JSON modules, in blueprints written as Make exports them (ids, versions, values as
/// text where exports give text).
@Suite struct ToolModuleTests {
    func run(_ flow: String) async throws -> (report: RunReport, sink: FakeModule, harness: RunHarness) {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        let report = try await harness.run(flow: flow)
        return (report, sink, harness)
    }

    @Test func setVariable2AndGetVariable2AsExported() async throws {
        let (report, sink, _) = try await run("""
        [{"id": 1, "module": "util:SetVariable2", "version": 1, "parameters": {}, "mapper": {"name": "lastLeadEmail", "scope": "roundtrip", "value": "a@x.io"}, "metadata": {"designer": {"x": 0, "y": 0}}},
         {"id": 2, "module": "util:GetVariable2", "version": 1, "mapper": {"name": "lastLeadEmail"}},
         {"id": 3, "module": "test:sink", "mapper": {"set": "{{1.lastLeadEmail}}", "got": "{{2.lastLeadEmail}}"}}]
        """)
        #expect(report.status == .success)
        #expect(sink.mappers == [["set": "a@x.io", "got": "a@x.io"]])
    }

    @Test func composeTransformerGivesItsText() async throws {
        let (_, sink, _) = try await run("""
        [{"id": 1, "module": "util:ComposeTransformer", "version": 1, "mapper": {"value": "Expedited: order {{upper('ab')}} ships today"}},
         {"id": 2, "module": "test:sink", "mapper": {"text": "{{1.value}}"}}]
        """)
        #expect(sink.mappers == [["text": "Expedited: order AB ships today"]])
    }

    /// Sleep waits on the run clock, so tests and replays take no real time; `duration` comes as text.
    @Test func sleepWaitsOnTheRunClock() async throws {
        let (report, sink, harness) = try await run("""
        [{"id": 1, "module": "util:FunctionSleep", "version": 1, "mapper": {"duration": "5"}},
         {"id": 2, "module": "test:sink", "mapper": {"after": "ok"}}]
        """)
        #expect(report.status == .success)
        #expect(harness.clock.sleeps == [5])
        #expect(sink.mappers.count == 1)
        let (failed, _, _) = try await run(#"[{"id": 1, "module": "util:FunctionSleep", "mapper": {"duration": "301"}}]"#)
        #expect(failed.errors.first?.type == "DataError")
    }

    @Test(arguments: [("detractor", "low"), ("promoter", "high"), ("other", "none")])
    func switcherTakesTheFirstMatchingCase(input: String, expected: String) async throws {
        let (_, sink, _) = try await run("""
        [{"id": 1, "module": "util:Switcher", "version": 1, "mapper": {"input": "\(input)", "casesTable": [{"pattern": "detractor", "output": "low"}, {"pattern": "promoter", "output": "high"}], "elseOutput": "none"}},
         {"id": 2, "module": "test:sink", "mapper": {"out": "{{1.output}}"}}]
        """)
        #expect(sink.mappers == [["out": .string(expected)]])
    }

    @Test func switcherMatchesRegularExpressionsWhenAsked() async throws {
        let (_, sink, _) = try await run("""
        [{"id": 1, "module": "util:Switcher", "mapper": {"input": "order-1234", "useRegExpMatch": true, "casesTable": [{"pattern": "^invoice-", "output": "i"}, {"pattern": "^order-[0-9]+$", "output": "o"}]}},
         {"id": 2, "module": "test:sink", "mapper": {"out": "{{1.output}}"}}]
        """)
        #expect(sink.mappers == [["out": "o"]])
    }

    /// An object is one bundle, an array a bundle per item; text that is not JSON is a DataError.
    @Test func parseJSONGivesABundlePerArrayItem() async throws {
        let (_, sink, _) = try await run(#"""
        [{"id": 1, "module": "json:ParseJSON", "version": 1, "parameters": {"type": ""}, "mapper": {"json": "[{\"email\": \"a@x.io\"}, {\"email\": \"b@x.io\"}, 7]"}},
         {"id": 2, "module": "test:sink", "mapper": {"email": "{{1.email}}", "value": "{{1.value}}"}}]
        """#)
        #expect(sink.mappers.map { $0["email"] } == ["a@x.io", "b@x.io", .null])
        #expect(sink.mappers.last?["value"] == 7)
        let (failed, _, _) = try await run(#"[{"id": 1, "module": "json:ParseJSON", "mapper": {"json": "{not json"}}]"#)
        #expect(failed.errors.first?.type == "DataError")
        #expect(failed.errors.first?.message.contains("not valid JSON") == true)
    }

    @Test func createAndTransformToJSONGiveJSONText() async throws {
        let (_, sink, _) = try await run("""
        [{"id": 1, "module": "json:CreateJSON", "version": 1, "parameters": {"type": 123, "space": ""}, "mapper": {"model": "m", "temperature": 0.2, "messages": [{"role": "user", "content": "hi"}]}},
         {"id": 2, "module": "json:TransformToJSON", "version": 1, "mapper": {"object": {"a": [1, 2]}}},
         {"id": 3, "module": "test:sink", "mapper": {"created": "{{1.json}}", "transformed": "{{2.json}}"}}]
        """)
        let created = try JSONValue(parsing: try #require(sink.mappers.first?["created"]?.stringValue))
        #expect(created == ["model": "m", "temperature": 0.2, "messages": [["role": "user", "content": "hi"]]])
        #expect(sink.mappers.first?["transformed"] == #"{"a":[1,2]}"#)
    }

    /// Blueprints as Make exports them: `filter: null`, a filter with a name and no conditions (it
    /// passes), designer metadata, and a route switched off (`"disabled": true`), which never runs.
    @Test func exportShapesOfRoutersAndFilters() async throws {
        let (report, sink, _) = try await run("""
        [{"id": 1, "module": "builtin:BasicFeeder", "version": 1, "parameters": {}, "mapper": {"array": [{"n": 1}]}, "filter": null, "metadata": {"designer": {"x": 0, "y": 0}, "restore": {}}},
         {"id": 2, "module": "builtin:BasicRouter", "version": 1, "mapper": null, "routes": [
           {"flow": [{"id": 3, "module": "test:sink", "filter": {"name": "named, no conditions"}, "mapper": {"route": "on"}}]},
           {"flow": [{"id": 4, "module": "test:sink", "mapper": {"route": "off"}}], "disabled": true}]}]
        """)
        #expect(report.status == .success, "\(report.errors)")
        #expect(sink.mappers == [["route": "on"]])
    }

    /// An empty slot of Make's editor (`placeholder:Placeholder`, `"id": null`) is skipped with a warning.
    @Test func aPlaceholderIsSkippedWithAWarning() throws {
        let plan = try EngineFixtures.load(EngineFixtures.blueprint(flow: """
        [{"id": 1, "module": "util:ComposeTransformer", "mapper": {"value": "x"}},
         {"id": null, "module": "placeholder:Placeholder", "metadata": {"designer": {"x": 300, "y": 0}}}]
        """))
        #expect(plan.flow.count == 1)
        #expect(plan.warnings.map(\.code) == ["scenario.placeholder"])
    }

    /// The text aggregator as exported: `rowSeparator: "other"` with `otherRowSeparator`.
    @Test func textAggregatorTakesMakesOtherRowSeparator() async throws {
        let (_, sink, _) = try await run("""
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [{"w": "a"}, {"w": "b"}, {"w": "c"}]}},
         {"id": 2, "module": "util:TextAggregator", "version": 1, "parameters": {"feeder": 1, "rowSeparator": "other", "otherRowSeparator": " | "}, "mapper": {"value": "{{1.w}}"}},
         {"id": 3, "module": "test:sink", "mapper": {"text": "{{2.text}}"}}]
        """)
        #expect(sink.mappers == [["text": "a | b | c"]])
    }

    /// `gateway:WebhookRespond` hands its answer to whoever waits (status as text, `[{key, value}]`
    /// headers, a JSON body with its type), and passes the bundle on; a status out of range is a DataError.
    @Test func webhookRespondHandsItsAnswerOn() async throws {
        let answers = Mutex<[WebhookAnswer]>([])
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        var options = RunOptions()
        options.respond = { answer in answers.withLock { $0.append(answer) } }
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "util:ComposeTransformer", "mapper": {"value": "x"}},
         {"id": 2, "module": "gateway:WebhookRespond", "version": 1, "mapper": {"status": "202", "body": {"ok": true}, "headers": [{"key": "X-Id", "value": "7"}]}},
         {"id": 3, "module": "test:sink", "mapper": {"after": "respond"}}]
        """, options: options)
        #expect(report.status == .success)
        let answer = try #require(answers.withLock { $0.first })
        #expect(answer.status == 202)
        #expect(answer.headers["X-Id"] == "7" && answer.headers["Content-Type"] == "application/json")
        #expect(String(decoding: answer.body, as: UTF8.self) == #"{"ok":true}"#)
        #expect(sink.mappers.count == 1)
        let (failed, _, _) = try await run(#"[{"id": 1, "module": "gateway:WebhookRespond", "mapper": {"status": "700"}}]"#)
        #expect(failed.errors.first?.type == "DataError")
    }

    /// `json:AggregateToJSON` collects its feeder's bundles (the mapped fields) into one JSON array text.
    @Test func aggregateToJSONGivesOneArrayText() async throws {
        let (_, sink, _) = try await run("""
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [{"e": "a@x.io"}, {"e": "b@x.io"}]}},
         {"id": 2, "module": "json:AggregateToJSON", "version": 1, "parameters": {"feeder": 1, "type": 77}, "mapper": {"email": "{{1.e}}"}},
         {"id": 3, "module": "test:sink", "mapper": {"json": "{{2.json}}", "count": "{{2.__IMTAGGLENGTH__}}"}}]
        """)
        #expect(sink.mappers == [["json": #"[{"email":"a@x.io"},{"email":"b@x.io"}]"#, "count": 2]])
    }
}
