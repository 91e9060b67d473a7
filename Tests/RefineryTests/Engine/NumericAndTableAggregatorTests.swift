import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// `util:FunctionAggregator2` (numeric aggregator) and `util:AggregateAggregator` (table aggregator),
/// with the keys Make exports.
@Suite struct NumericAndTableAggregatorTests {
    static func aggregate(_ module: String, array: String, node: String, field: String) async throws -> [JSONValue] {
        let sink = recorder()
        let harness = RunHarness(extra: ["test:sink": sink])
        _ = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "version": 1, "mapper": {"array": \(array)}},
         {"id": 2, "module": "\(module)", "version": 1, \(node)},
         {"id": 3, "module": "test:sink", "mapper": {"out": "{{2.\(field)}}", "key": "{{2.key}}"}}]
        """)
        return sink.mappers.map { $0["out"] ?? .null }
    }

    static let numbers = #"[{"v": 4}, {"v": "2.5"}, {"v": " 6 "}, {"v": ""}, {"v": "n/a"}, {"v": null}, {"v": -1}]"#

    static let functions: [(fn: String, array: String, result: JSONValue)] = [
        ("sum", numbers, .double(11.5)),
        ("avg", numbers, .double(2.875)),
        ("count", numbers, 7),
        ("max", numbers, 6),
        ("min", numbers, -1),
        ("SUM", #"[{"v": 1}, {"v": "2"}]"#, 3),
        ("avg", #"[{"v": 2}, {"v": 4}]"#, 3),
        ("sum", #"[{"v": "x"}]"#, 0),
        ("avg", #"[{"v": "x"}]"#, .null),
        ("max", #"[{"v": ""}]"#, .null),
        ("min", #"[{"v": 9007199254740993}]"#, .double(9007199254740992)),
        ("count", #"[{"v": ""}, {"v": ""}]"#, 2),
    ]

    @Test(arguments: functions)
    func numericFunctions(_ fn: String, _ array: String, _ result: JSONValue) async throws {
        let node = #""parameters": {"fn": "\#(fn)", "feeder": 1}, "mapper": {"value": "{{1.v}}"}"#
        let outputs = try await Self.aggregate("util:FunctionAggregator2", array: array, node: node, field: "result")
        #expect(outputs == [result])
    }

    @Test func numericAggregatorGroupsBy() async throws {
        let array = #"[{"v": 1, "g": "a"}, {"v": 2, "g": "b"}, {"v": 3, "g": "a"}]"#
        let node = #""parameters": {"fn": "sum", "feeder": 1}, "mapper": {"value": "{{1.v}}"}, "flags": {"groupBy": "{{1.g}}"}"#
        #expect(try await Self.aggregate("util:FunctionAggregator2", array: array, node: node, field: "result") == [4, 2])
    }

    static let badFunctions: [(parameters: String, code: String)] = [
        (#"{"feeder": 1, "fn": "median"}"#, "scenario.invalid-value"),
        (#"{"feeder": 1}"#, "scenario.missing-field"),
        (#"{"fn": "sum"}"#, "scenario.missing-field"),
    ]

    @Test(arguments: badFunctions)
    func aFunctionMakeDoesNotHaveIsReportedAtLoad(_ parameters: String, _ code: String) {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [1]}},
         {"id": 2, "module": "util:FunctionAggregator2", "parameters": \(parameters), "mapper": {"value": "{{1.value}}"}}]
        """))
        #expect(problems.map(\.code) == [code])
    }

    @Test func aMappedFunctionThatIsNotMakesIsADataError() async throws {
        let harness = RunHarness()
        let report = try await harness.run(flow: """
        [{"id": 1, "module": "builtin:BasicFeeder", "mapper": {"array": [{"f": "median"}]}},
         {"id": 2, "module": "util:FunctionAggregator2", "parameters": {"feeder": 1, "fn": "{{1.f}}"}, "mapper": {"value": 1}}]
        """)
        #expect(report.status == .error)
        #expect(report.errors.map(\.type) == ["DataError"])
        #expect(report.errors.first?.message.contains("'fn' must be") == true)
    }

    static let rows = #"[{"name": "Ada", "score": 9}, {"name": "Bo", "score": "7"}]"#

    static let separators: [(parameters: String, text: String)] = [
        (#"{"feeder": 1}"#, "Ada\t9\nBo\t7"),
        (#"{"feeder": 1, "columnSeparator": "\t", "rowSeparator": "\n"}"#, "Ada\t9\nBo\t7"),
        (#"{"feeder": 1, "columnSeparator": "tab", "rowSeparator": "newline"}"#, "Ada\t9\nBo\t7"),
        (#"{"feeder": 1, "columnSeparator": "other", "otherColumnSeparator": ";", "rowSeparator": "other", "otherRowSeparator": " | "}"#, "Ada;9 | Bo;7"),
        (#"{"feeder": 1, "columnSeparator": ",", "rowSeparator": "\r\n"}"#, "Ada,9\r\nBo,7"),
        (#"{"feeder": 1, "columnSeparator": "", "rowSeparator": ""}"#, "Ada9Bo7"),
    ]

    @Test(arguments: separators)
    func tableSeparators(_ parameters: String, _ text: String) async throws {
        let node = #""parameters": \#(parameters), "mapper": {"name": "{{1.name}}", "score": "{{1.score}}"}"#
        #expect(try await Self.aggregate("util:AggregateAggregator", array: Self.rows, node: node, field: "text") == [.string(text)])
    }

    @Test func tableAggregatorGroupsByWithItsFlags() async throws {
        let array = #"[{"n": "a", "g": 1}, {"n": "b", "g": 2}, {"n": "c", "g": 1}]"#
        let node = #""parameters": {"feeder": 1, "rowSeparator": ","}, "mapper": {"n": "{{1.n}}"}, "flags": {"groupBy": "{{1.g}}"}"#
        #expect(try await Self.aggregate("util:AggregateAggregator", array: array, node: node, field: "text") == ["a,c", "b"])
    }
}
