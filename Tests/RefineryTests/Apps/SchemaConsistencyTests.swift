import Foundation
import Refinery
import RefineryJSON
import Testing

/// `schemas/*.schema.json` must accept exactly the keys the loader accepts, so editors and
/// `refinery validate` agree.
@Suite struct SchemaConsistencyTests {
    static func schema(_ name: String) throws -> JSONValue {
        let url = Fixtures.repositoryRoot.appendingPathComponent("schemas/\(name).schema.json")
        return try JSONValue(parsing: Array(try Data(contentsOf: url)))
    }

    static func keys(_ value: JSONValue?) -> Set<String> {
        Set(value?["properties"]?.objectValue?.keys ?? [])
    }

    @Test func moduleSchemaMatchesTheLoader() throws {
        let schema = try Self.schema("module")
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(Self.keys(schema) == Set(SpecReader.moduleKeys))
        let defs = schema["$defs"]
        #expect(Self.keys(defs?["request"]) == Set(SpecReader.requestKeys))
        #expect(Self.keys(defs?["response"]) == Set(SpecReader.responseKeys + SpecReader.connectionResponseKeys))
        #expect(Self.keys(defs?["pagination"]) == Set(SpecReader.paginationKeys))
        #expect(Self.keys(defs?["field"]) == Set(SpecReader.fieldKeys))
        #expect(Self.keys(defs?["validate"]) == Set(SpecReader.ruleKeys))
        #expect(Self.keys(schema["properties"]?["webhook"]) == Set(SpecReader.webhookKeys))
        let types = defs?["field"]?["properties"]?["type"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
        #expect(types == FieldSpec.FieldType.allCases.map(\.rawValue))
    }

    @Test func appSchemaMatchesTheLoader() throws {
        let schema = try Self.schema("app")
        #expect(Self.keys(schema) == Set(SpecReader.appKeys))
        #expect(Self.keys(schema["properties"]?["base"]) == Set(SpecReader.baseKeys))
        #expect(Self.keys(schema["properties"]?["connection"]) == Set(SpecReader.connectionKeys))
    }

    @Test func dataStoreSchemaMatchesTheLoader() throws {
        let schema = try Self.schema("datastore")
        #expect(Self.keys(schema) == Set(DataStoreDeclaration.keys))
        let keyTypes = schema["properties"]?["key"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
        #expect(keyTypes == DataStoreDeclaration.KeyType.allCases.map(\.rawValue))
    }
}
