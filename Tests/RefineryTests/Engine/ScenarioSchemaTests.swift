import Foundation
@testable import Refinery
import RefineryJSON
import RefineryTesting
import Testing

/// `schemas/scenario.schema.json`: every shipped scenario validates, what the loader refuses the schema
/// refuses too, and its lists of keys agree with the decoder's.
@Suite struct ScenarioSchemaTests {
    static func schema() throws -> JSONValue {
        try SchemaConsistencyTests.schema("scenario")
    }

    static func shippedScenarios() throws -> [URL] {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("scenarios")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasSuffix(".cassette.json") && !$0.lastPathComponent.hasSuffix(".expected.json") }
            .sorted { $0.path < $1.path }
    }

    static func parse(_ url: URL) throws -> JSONValue {
        try JSONValue(parsing: Array(try Data(contentsOf: url)))
    }

    @Test func everyShippedScenarioValidates() throws {
        let validator = SchemaValidator(schema: try Self.schema())
        let scenarios = try Self.shippedScenarios()
        #expect(scenarios.count >= 7)
        for url in scenarios {
            let problems = validator.problems(try Self.parse(url))
            #expect(problems.isEmpty, "\(url.lastPathComponent): \(problems)")
        }
    }

    static let base = #"""
    {"name": "s", "flow": [{"id": 1, "module": "refiner:listContacts", "filter": {"name": "f", "conditions": [[{"a": "1", "o": "exist"}]]}}],
     "metadata": {"scenario": {"roundtrips": 1}, "refinery": {"maxOperations": 5, "webhook": {"inDoubt": "retry"}}},
     "scheduling": {"type": "daily", "time": "09:00"}}
    """#

    /// A valid blueprint with `pointer` replaced by `value` (or removed when nil).
    static func mutated(_ pointer: String, _ value: JSONValue?) throws -> JSONValue {
        var document = try JSONValue(parsing: Array(base.utf8))
        let tokens = try #require(JSONPointer(pointer)).tokens
        document = replace(document, tokens[...], value)
        return document
    }

    private static func replace(_ value: JSONValue, _ tokens: ArraySlice<String>, _ new: JSONValue?) -> JSONValue {
        guard let first = tokens.first else { return new ?? .null }
        switch value {
        case .object(var object):
            if tokens.count == 1, new == nil {
                _ = object.removeValue(forKey: first)
            } else {
                _ = object.updateValue(replace(object[first] ?? .null, tokens.dropFirst(), new), forKey: first)
            }
            return .object(object)
        case .array(var array):
            let index = Int(first)!
            array[index] = replace(array[index], tokens.dropFirst(), new)
            return .array(array)
        default:
            return value
        }
    }

    @Test func theBaseBlueprintValidatesAndLoads() throws {
        let document = try JSONValue(parsing: Array(Self.base.utf8))
        #expect(SchemaValidator(schema: try Self.schema()).problems(document).isEmpty)
        #expect(throws: Never.self) { try Blueprint.decode(file: "s.json", bytes: Array(Self.base.utf8)) }
    }

    /// docs/scenarios.md tells editors to find the schema through `"$schema"`: Refinery must not mind it.
    @Test func aSchemaKeyIsAcceptedByBoth() throws {
        let document = try Self.mutated("/$schema", "../schemas/scenario.schema.json")
        #expect(document["$schema"] != nil)
        #expect(SchemaValidator(schema: try Self.schema()).problems(document).isEmpty)
        #expect(throws: Never.self) { try Blueprint.decode(file: "s.json", bytes: Array(document.serialized().utf8)) }
    }

    /// What the decoder refuses, the schema refuses: each row breaks one thing of the base blueprint.
    @Test(arguments: [
        ("/flow", JSONValue.array([])),
        ("/flow/0/id", "one"),
        ("/flow/0/id", nil),
        ("/flow/0/module", nil),
        ("/flow/0/filter/conditions/0/0/o", nil),
        ("/metadata/scenario/roundtrips", -1),
        ("/metadata/refinery/maxOperations", 0),
        ("/metadata/refinery/maxOpertions", 5),
        ("/metadata/refinery/commit", "row"),
        ("/metadata/refinery/callTimeout", 86_401),
        ("/metadata/refinery/requestsPerMinute", ["refiner": 0]),
        ("/metadata/refinery/webhook/inDoubt", "later"),
        ("/metadata/refinery/webhook/inDoubtRetries", 101),
        ("/metadata/refinery/webhook/tokenVariable", "1TOKEN"),
        ("/metadata/refinery/webhook/queue", 1),
        ("/scheduling/type", "hourly"),
        ("/scheduling/time", "9:00"),
        ("/scheduling/interval", 0),
    ] as [(String, JSONValue?)])
    func brokenBlueprintsFailTheSchemaAndTheDecoder(pointer: String, value: JSONValue?) throws {
        let document = try Self.mutated(pointer, value)
        let problems = SchemaValidator(schema: try Self.schema()).problems(document)
        #expect(!problems.isEmpty, "the schema accepts \(pointer) = \(value?.serialized() ?? "(removed)")")
        let bytes = Array(document.serialized().utf8)
        #expect(throws: ScenarioLoadError.self) { try Blueprint.decode(file: "s.json", bytes: bytes) }
    }

    @Test func unknownOperatorsFailTheSchema() throws {
        let document = try Self.mutated("/flow/0/filter/conditions/0/0/o", "text:equals")
        #expect(!SchemaValidator(schema: try Self.schema()).problems(document).isEmpty)
    }

    @Test func theSchemaListsWhatTheDecoderKnows() throws {
        let schema = try Self.schema()
        let defs = schema["$defs"]
        #expect(SchemaConsistencyTests.keys(defs?["refinery"]) == Set(BlueprintDecoder.limitKeys))
        #expect(SchemaConsistencyTests.keys(defs?["webhook"]) == Set(BlueprintDecoder.webhookKeys))
        #expect(SchemaConsistencyTests.keys(defs?["scenarioSettings"]) == Set(BlueprintDecoder.settingKeys))
        let types = defs?["scheduling"]?["properties"]?["type"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
        #expect(types == BlueprintDecoder.schedulingTypes)
        let operators = defs?["condition"]?["properties"]?["o"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
        #expect(operators == FilterOperator.allNames)
    }
}
