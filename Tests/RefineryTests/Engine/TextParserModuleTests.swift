import Foundation
import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// Make's Text parser modules (`regexp:*`) in blueprints shaped as Make exports them.
@Suite struct TextParserModuleTests {
    func run(_ flow: String) async throws -> (report: RunReport, sink: FakeModule) {
        let sink = recorder()
        let report = try await RunHarness(extra: ["test:sink": sink]).run(flow: flow)
        return (report, sink)
    }

    /// A `regexp:Parser` node over `text` with the given pattern and flags, followed by a sink that
    /// records every bundle the parser gives.
    static func parser(_ pattern: String, text: String, global: Bool = false, sensitive: Bool = true,
                       multiline: Bool = false, singleline: Bool = false, continueWhenNoRes: Bool = false) -> String {
        let parameters: JSONValue = [
            "pattern": .string(pattern), "global": .bool(global), "sensitive": .bool(sensitive), "multiline": .bool(multiline),
            "singleline": .bool(singleline), "continueWhenNoRes": .bool(continueWhenNoRes),
        ]
        return """
        [{"id": 1, "module": "util:ComposeTransformer", "version": 1, "mapper": {"value": \(JSONValue.string(text).serialized(.compact))}},
         {"id": 5, "module": "regexp:Parser", "version": 1, "parameters": \(parameters.serialized(.compact)), "mapper": {"text": "{{1.value}}"}},
         {"id": 6, "module": "test:sink", "mapper": {"bundle": "{{`5`}}"}}]
        """
    }

    struct ParserCase: Sendable, CustomStringConvertible {
        var name: String
        var flow: String
        var bundles: [JSONValue]
        var description: String { name }
    }

    static let parserCases: [ParserCase] = [
        ParserCase(name: "first match only", flow: parser(#"(\d+)-(\d+)"#, text: "a 1-2 b 30-40"),
                   bundles: [["i": 1, "$1": "1", "$2": "2", "__IMTMATCH__": "1-2"]]),
        ParserCase(name: "global: a bundle per match", flow: parser(#"(\d+)-(\d+)"#, text: "a 1-2 b 30-40", global: true),
                   bundles: [["i": 1, "$1": "1", "$2": "2", "__IMTMATCH__": "1-2"], ["i": 2, "$1": "30", "$2": "40", "__IMTMATCH__": "30-40"]]),
        ParserCase(name: "no groups: the whole match", flow: parser("o+", text: "foo boo", global: true),
                   bundles: [["i": 1, "__IMTMATCH__": "oo"], ["i": 2, "__IMTMATCH__": "oo"]]),
        ParserCase(name: "named groups by name (underscores too)", flow: parser(#"(?<fwd_name>\w+) <(?<fwd_email>[^>]+)>"#, text: "From: Ada <ada@x.io>"),
                   bundles: [["i": 1, "fwd_name": "Ada", "fwd_email": "ada@x.io", "__IMTMATCH__": "Ada <ada@x.io>"]]),
        ParserCase(name: "a group that took no part is left out", flow: parser("(a)|(b)", text: "b"),
                   bundles: [["i": 1, "$2": "b", "__IMTMATCH__": "b"]]),
        ParserCase(name: "case-sensitive by default", flow: parser("FROM", text: "from"), bundles: []),
        ParserCase(name: "sensitive false", flow: parser("FROM", text: "from", sensitive: false),
                   bundles: [["i": 1, "__IMTMATCH__": "from"]]),
        ParserCase(name: "without multiline ^ is the start of the text", flow: parser("^b", text: "a\nb"), bundles: []),
        ParserCase(name: "multiline: ^ at each line", flow: parser("^b", text: "a\nb", multiline: true),
                   bundles: [["i": 1, "__IMTMATCH__": "b"]]),
        ParserCase(name: "without singleline . stops at a line break", flow: parser("a.b", text: "a\nb"), bundles: []),
        ParserCase(name: "singleline: . matches a line break", flow: parser("a.b", text: "a\nb", singleline: true),
                   bundles: [["i": 1, "__IMTMATCH__": "a\nb"]]),
        ParserCase(name: "$ is the end of the text, as in JavaScript", flow: parser("b$", text: "ab\n"), bundles: []),
        ParserCase(name: "\\d is ASCII, as in JavaScript", flow: parser(#"\d"#, text: "٣"), bundles: []),
        ParserCase(name: "no match stops the route", flow: parser("x", text: "abc"), bundles: []),
        ParserCase(name: "no match with continueWhenNoRes: one empty bundle", flow: parser("x", text: "abc", continueWhenNoRes: true),
                   bundles: [[:]]),
    ]

    @Test(arguments: parserCases)
    func parserGivesABundlePerMatch(_ row: ParserCase) async throws {
        let (report, sink) = try await run(row.flow)
        #expect(report.status == .success)
        #expect(sink.mappers.map { $0["bundle"] ?? .null } == row.bundles)
    }

    /// Downstream modules read the groups as exports write them: `{{5.$1}}` and ``{{5.`$1`}}``.
    @Test func groupsReadAsExportsWriteThem() async throws {
        let (_, sink) = try await run("""
        [{"id": 5, "module": "regexp:Parser", "version": 1, "parameters": {"pattern": "(\\\\{[\\\\s\\\\S]*?\\\\})", "global": false, "multiline": false, "sensitive": true, "singleline": false, "continueWhenNoRes": false}, "mapper": {"text": "x {\\"a\\": 1} y"}},
         {"id": 8, "module": "json:ParseJSON", "version": 1, "parameters": {"type": 160949}, "mapper": {"json": "{{5.`$1`}}"}},
         {"id": 9, "module": "test:sink", "mapper": {"a": "{{8.a}}", "plain": "{{5.$1}}", "i": "{{5.i}}"}}]
        """)
        #expect(sink.mappers == [["a": 1, "plain": #"{"a": 1}"#, "i": 1]])
    }

    /// A pattern that backtracks exponentially fails the module within the time budget.
    @Test func catastrophicPatternIsStoppedInTime() async throws {
        let started = Date()
        let (report, sink) = try await run(Self.parser("(a+)+$", text: String(repeating: "a", count: 36) + "!"))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(report.status != .success)
        #expect(report.errors.first?.message.contains("did not finish matching") == true)
        #expect(sink.mappers.isEmpty)
    }

    @Test func advancedParserTakesAMappedPattern() async throws {
        let (_, sink) = try await run(#"""
        [{"id": 1, "module": "util:ComposeTransformer", "mapper": {"value": "\"totalAdmins\":3,\"onlineUsers\":[]}"}},
         {"id": 2, "module": "util:ComposeTransformer", "mapper": {"value": "totalAdmins\":(\\d+)"}},
         {"id": 12, "module": "regexp:AdvancedParser", "version": 1, "parameters": {"global": false, "multiline": false, "sensitive": true, "singleline": false, "advancedParser": true, "continueWhenNoRes": false}, "mapper": {"text": "{{1.value}}", "pattern": "{{2.value}}"}},
         {"id": 13, "module": "test:sink", "mapper": {"admins": "{{12.$1}}"}}]
        """#)
        #expect(sink.mappers == [["admins": "3"]])
    }

    @Test func aMappedPatternThatDoesNotCompileIsADataError() async throws {
        let (report, _) = try await run("""
        [{"id": 12, "module": "regexp:AdvancedParser", "parameters": {}, "mapper": {"text": "abc", "pattern": "{{'(a'}}"}}]
        """)
        #expect(report.errors.first?.type == "DataError")
        #expect(report.errors.first?.message.contains("'(a' is not a regular expression") == true)
    }

    struct ReplaceCase: Sendable, CustomStringConvertible {
        var name: String
        var mapper: JSONValue
        var result: String
        var description: String { name }
    }

    static let replaceCases: [ReplaceCase] = [
        ReplaceCase(name: "as exported: line breaks to spaces", mapper: ["text": "a\r\nb\n\nc", "value": " ", "global": true, "pattern": #"[\r\n]+"#, "multiline": false, "sensitive": true, "singleline": false], result: "a b c"),
        ReplaceCase(name: "not global: the first match", mapper: ["text": "a1b2", "value": "#", "global": false, "pattern": #"\d"#], result: "a#b2"),
        ReplaceCase(name: "groups in the value", mapper: ["text": "Lovelace, Ada", "value": "$2 $1", "pattern": #"(\w+), (\w+)"#], result: "Ada Lovelace"),
        ReplaceCase(name: "$& and $$", mapper: ["text": "5", "value": "$$$&.00", "pattern": #"\d+"#], result: "$5.00"),
        ReplaceCase(name: "{{emptystring}} deletes", mapper: ["text": "a-b-c", "value": "{{emptystring}}", "global": true, "pattern": "-"], result: "abc"),
        ReplaceCase(name: "an absent value deletes", mapper: ["text": "a-b", "pattern": "-"], result: "ab"),
        ReplaceCase(name: "case-insensitive", mapper: ["text": "Hello HELLO", "value": "bye", "global": true, "sensitive": false, "pattern": "hello"], result: "bye bye"),
    ]

    @Test(arguments: replaceCases)
    func replaceChangesTheMatches(_ row: ReplaceCase) async throws {
        let (_, sink) = try await run("""
        [{"id": 48, "module": "regexp:Replace", "version": 1, "mapper": \(row.mapper.serialized(.compact))},
         {"id": 49, "module": "test:sink", "mapper": {"text": "{{48.text}}"}}]
        """)
        #expect(sink.mappers == [["text": .string(row.result)]])
    }

    @Test(arguments: [("lf", "HELLO\n\nWorld"), ("crlf", "HELLO\r\n\r\nWorld"), ("cr", "HELLO\r\rWorld")])
    func htmlToTextUsesTheNewlineAsked(newline: String, expected: String) async throws {
        let (_, sink) = try await run("""
        [{"id": 4, "module": "regexp:HTMLToText", "version": 1, "mapper": {"html": "<h2>Hello</h2><p>World</p>", "newline": "\(newline)", "uppercaseHeadings": true}},
         {"id": 5, "module": "test:sink", "mapper": {"text": "{{4.text}}"}}]
        """)
        #expect(sink.mappers == [["text": .string(expected)]])
    }

    struct LoadCase: Sendable, CustomStringConvertible {
        var name: String
        var node: String
        var code: String
        var pointer: String
        var description: String { name }
    }

    static let loadCases: [LoadCase] = [
        LoadCase(name: "a static Parser pattern that does not compile",
                 node: #"{"id": 3, "module": "regexp:Parser", "parameters": {"pattern": "(a"}, "mapper": {"text": "x"}}"#,
                 code: "scenario.invalid-pattern", pointer: "/flow/0/parameters/pattern"),
        LoadCase(name: "a static Replace pattern that does not compile",
                 node: #"{"id": 3, "module": "regexp:Replace", "mapper": {"text": "x", "pattern": "[a"}}"#,
                 code: "scenario.invalid-pattern", pointer: "/flow/0/mapper/pattern"),
        LoadCase(name: "a Parser without a pattern",
                 node: #"{"id": 3, "module": "regexp:Parser", "parameters": {}, "mapper": {"text": "x"}}"#,
                 code: "scenario.missing-field", pointer: "/flow/0/parameters"),
        LoadCase(name: "HTMLToText without html",
                 node: #"{"id": 3, "module": "regexp:HTMLToText", "mapper": {"newline": "lf"}}"#,
                 code: "scenario.missing-field", pointer: "/flow/0/mapper"),
        LoadCase(name: "an unknown newline",
                 node: #"{"id": 3, "module": "regexp:HTMLToText", "mapper": {"html": "x", "newline": "crlf2"}}"#,
                 code: "scenario.invalid-value", pointer: "/flow/0/mapper/newline"),
    ]

    @Test(arguments: loadCases)
    func problemsAreFoundAtLoad(_ row: LoadCase) {
        let problems = EngineFixtures.problems(EngineFixtures.blueprint(flow: "[\(row.node)]"))
        #expect(problems.map(\.code) == [row.code])
        #expect(problems.first?.source?.pointer?.description == row.pointer)
        #expect(problems.first?.source?.line != nil)
    }

    /// A mapped pattern is checked when it runs, not at load.
    @Test func aMappedPatternIsNotCheckedAtLoad() {
        let node = #"{"id": 3, "module": "regexp:AdvancedParser", "mapper": {"text": "x", "pattern": "{{lower('(')}}"}}"#
        #expect(EngineFixtures.problems(EngineFixtures.blueprint(flow: "[\(node)]")).isEmpty)
    }
}
