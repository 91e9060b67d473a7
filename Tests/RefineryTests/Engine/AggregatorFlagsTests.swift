import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// Make's aggregators as exported: `flags.groupBy` / `flags.stopIfEmpty`, `parameters.target`, and what
/// an empty aggregation gives, for every aggregator.
@Suite struct AggregatorFlagsTests {
    static let items = #"[{"n": "a", "g": "x"}, {"n": "b", "g": "y"}, {"n": "c", "g": "x"}]"#

    /// An iterator over `array`, an aggregator with `node`'s keys, and a sink of its output `field`.
    static func run(_ module: String, array: String, node: String, field: String) async throws -> (outputs: [JSONValue], report: RunReport) {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "version": 1, "mapper": {"array": \(array)}},
         {"id": 2, "module": "\(module)", "version": 1, \(node)},
         {"id": 3, "module": "test:sink", "mapper": {"out": "{{2.\(field)}}", "key": "{{2.key}}", "length": "{{2.__IMTAGGLENGTH__}}"}}]
        """)
        return (sink.mappers.map { .object($0) }, report)
    }

    static let groupShapes: [(String, String)] = [
        ("flags", #""parameters": {"feeder": 1}, "mapper": {"n": "{{1.n}}"}, "flags": {"groupBy": "{{1.g}}", "stopIfEmpty": false}"#),
        ("mapper", #""parameters": {"feeder": 1}, "mapper": {"n": "{{1.n}}", "groupBy": "{{1.g}}"}"#),
        ("parameters", #""parameters": {"feeder": 1, "groupBy": "{{1.g}}"}, "mapper": {"n": "{{1.n}}"}"#),
    ]

    @Test(arguments: groupShapes)
    func groupByInEveryShape(_ shape: String, _ node: String) async throws {
        let (outputs, _) = try await Self.run("builtin:BasicAggregator", array: Self.items, node: node, field: "array")
        #expect(outputs.map { $0["key"] } == ["x", "y"], "\(shape)")
        #expect(outputs.first?["out"] == [["n": "a"], ["n": "c"]], "\(shape)")
        #expect(outputs.map { $0["length"] } == [2, 1], "\(shape)")
    }

    @Test func aMapperFieldNamedGroupByIsAggregatedWhenFlagsGroup() async throws {
        let node = #""parameters": {"feeder": 1}, "mapper": {"groupBy": "{{1.n}}"}, "flags": {"groupBy": "{{1.g}}"}"#
        let (outputs, _) = try await Self.run("builtin:BasicAggregator", array: Self.items, node: node, field: "array")
        #expect(outputs.first?["out"] == [["groupBy": "a"], ["groupBy": "c"]])
    }

    @Test func anEmptyGroupByGroupsNothing() async throws {
        let node = #""parameters": {"feeder": 1}, "mapper": {"n": "{{1.n}}"}, "flags": {"groupBy": "", "stopIfEmpty": false}"#
        let (outputs, _) = try await Self.run("builtin:BasicAggregator", array: Self.items, node: node, field: "array")
        #expect(outputs.count == 1)
        #expect(outputs.first?["key"] == .null)
        #expect(outputs.first?["length"] == 3)
    }

    /// Each aggregator over zero and over two bundles, with `stopIfEmpty` off (Make's default: an empty
    /// aggregate), on, and written as text or an expression.
    static let emptiness: [(module: String, field: String, node: String, empty: JSONValue)] = [
        ("builtin:BasicAggregator", "array", #""mapper": {"n": "{{1.n}}"}"#, []),
        ("util:TextAggregator", "text", #""mapper": {"value": "{{1.n}}"}"#, ""),
        ("json:AggregateToJSON", "json", #""mapper": {"n": "{{1.n}}"}"#, "[]"),
        ("util:FunctionAggregator2", "result", #""mapper": {"value": "{{1.v}}"}"#, 0),
        ("util:AggregateAggregator", "text", #""mapper": {"n": "{{1.n}}"}"#, ""),
    ]

    static let stopValues: [(flags: String, stops: Bool)] = [
        ("", false), (#", "flags": {"stopIfEmpty": false}"#, false), (#", "flags": {"stopIfEmpty": true}"#, true),
        (#", "flags": {"stopIfEmpty": "{{true}}"}"#, true), (#", "flags": {"stopIfEmpty": "true"}"#, true),
    ]

    @Test(arguments: emptiness, stopValues)
    func stopIfEmpty(_ aggregator: (module: String, field: String, node: String, empty: JSONValue), _ stop: (flags: String, stops: Bool)) async throws {
        let fn = aggregator.module == "util:FunctionAggregator2" ? #", "fn": "sum""# : ""
        let node = #""parameters": {"feeder": 1\#(fn)}, "# + aggregator.node + stop.flags
        let (none, report) = try await Self.run(aggregator.module, array: "[]", node: node, field: aggregator.field)
        #expect(none.map { $0["out"] } == (stop.stops ? [] : [aggregator.empty]), "\(aggregator.module)")
        #expect(none.map { $0["length"] } == (stop.stops ? [] : [0]))
        #expect(report.stats(for: 2)?.operations == (stop.stops ? 0 : 1))
        let (some, _) = try await Self.run(aggregator.module, array: #"[{"n": "a", "v": 2}, {"n": "b", "v": 3}]"#, node: node, field: aggregator.field)
        #expect(some.map { $0["length"] } == [2], "\(aggregator.module)")
    }

    @Test func aFilterThatDropsEveryBundleGivesAnEmptyAggregate() async throws {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        _ = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1, 2]}},
         {"id": 2, "module": "builtin:BasicAggregator", "parameters": {"feeder": 1}, "mapper": {"v": "{{1.value}}"},
          "filter": {"name": "none", "conditions": [[{"a": "{{1.value}}", "o": "number:greater", "b": "5"}]]}},
         {"id": 3, "module": "test:sink", "mapper": {"all": "{{2.array}}"}}]
        """)
        #expect(sink.mappers.map { $0["all"] } == [[]])
    }

    @Test func aTargetStructureKeepsTheArrayField() async throws {
        let node = #""parameters": {"feeder": 1, "target": "5.headers"}, "mapper": {"name": "{{1.n}}", "value": "{{1.g}}"}"#
        let (outputs, _) = try await Self.run("builtin:BasicAggregator", array: Self.items, node: node, field: "array")
        #expect(outputs.first?["out"] == [["name": "a", "value": "x"], ["name": "b", "value": "y"], ["name": "c", "value": "x"]])
    }

    @Test func flagsOnTheTextAndJSONAggregatorsGroupToo() async throws {
        let text = #""parameters": {"feeder": 1, "rowSeparator": "other", "otherRowSeparator": "+"}, "mapper": {"value": "{{1.n}}"}, "flags": {"groupBy": "{{1.g}}"}"#
        let (texts, _) = try await Self.run("util:TextAggregator", array: Self.items, node: text, field: "text")
        #expect(texts.map { $0["out"] } == ["a+c", "b"])
        let json = #""parameters": {"feeder": 1}, "mapper": {"n": "{{1.n}}"}, "flags": {"groupBy": "{{1.g}}"}"#
        let (jsons, _) = try await Self.run("json:AggregateToJSON", array: Self.items, node: json, field: "json")
        #expect(jsons.map { $0["out"] } == [#"[{"n":"a"},{"n":"c"}]"#, #"[{"n":"b"}]"#])
    }

    @Test func aGroupByReferenceToAnUnknownModuleIsReported() {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1]}},
         {"id": 2, "module": "builtin:BasicAggregator", "parameters": {"feeder": 1}, "flags": {"groupBy": "{{9.g}}"}}]
        """))
        #expect(problems.map(\.code) == ["scenario.unknown-reference"])
        #expect(problems.first?.source?.pointer?.description == "/flow/1/flags/groupBy")
    }
}
