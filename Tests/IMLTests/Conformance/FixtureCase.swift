import Foundation
import IML
import RefineryJSON
import Testing

/// One row of `Fixtures/iml-cases.json`: a template, the scope it runs in, and either the expected value
/// or the expected error code and column.
struct FixtureCase: Sendable, CustomTestStringConvertible {
    var template: String
    var scope: JSONObject
    var expected: JSONValue?
    var errorCode: String?
    var errorColumn: Int?
    var now: Date
    var timeZone: String
    var seed: UInt64

    var testDescription: String { template }

    static let defaultNow = Date(timeIntervalSince1970: 1_709_296_496.789)  // 2024-03-01T12:34:56.789Z

    init(_ row: JSONObject, defaultScope: JSONObject) throws {
        guard let template = row["template"]?.stringValue else { throw FixtureError.missing("template") }
        self.template = template
        self.scope = defaultScope
        for (key, value) in row["scope"]?.objectValue ?? [:] { scope[key] = value }
        self.expected = row["expect"]
        self.errorCode = row["error"]?.stringValue
        self.errorColumn = row["column"]?.intValue
        self.now = row["now"]?.stringValue.flatMap(Self.parseNow) ?? Self.defaultNow
        self.timeZone = row["timeZone"]?.stringValue ?? "UTC"
        self.seed = UInt64(row["seed"]?.intValue ?? 0)
        guard expected != nil || errorCode != nil else { throw FixtureError.missing("expect or error in \(template)") }
    }

    private static func parseNow(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}

enum FixtureError: Error {
    case missing(String)
}

enum FixtureTable {
    static let file: URL? = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/iml-cases.json")

    /// Every case; empty when the file cannot be read (a separate test fails then).
    static let cases: [FixtureCase] = (try? load()) ?? []

    static func load() throws -> [FixtureCase] {
        guard let file else { throw FixtureError.missing("Fixtures/iml-cases.json") }
        let value = try JSONValue(parsing: Array(try Data(contentsOf: file)))
        let defaultScope = value["scope"]?.objectValue ?? [:]
        return try (value["cases"]?.arrayValue ?? []).map { row in
            try FixtureCase(row.objectValue ?? [:], defaultScope: defaultScope)
        }
    }
}
