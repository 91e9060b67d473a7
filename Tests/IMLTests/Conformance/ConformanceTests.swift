import Foundation
import IML
import RefineryJSON
import Testing

/// The language's conformance suite: every row of `Fixtures/iml-cases.json` (docs/iml.md is its reference).
@Suite struct ConformanceTests {
    @Test func theTableLoadsAndIsLarge() throws {
        let cases = try FixtureTable.load()
        #expect(cases.count >= 400)
    }

    @Test(arguments: FixtureTable.cases)
    func fixture(_ row: FixtureCase) throws {
        let zone = try #require(TimeZone(identifier: row.timeZone), "unknown zone \(row.timeZone)")
        let context = EvaluationContext(scope: row.scope, now: row.now, timeZone: zone, randomSeed: row.seed)
        do {
            let value = try Template(row.template).evaluate(in: context)
            #expect(row.errorCode == nil, "expected \(row.errorCode ?? "") but got \(value)")
            if let expected = row.expected {
                #expect(value == expected, "got \(value.serialized())")
                #expect(value.typeName == expected.typeName, "got \(value.typeName)")
            }
        } catch {
            #expect(row.errorCode == error.code, "unexpected \(error)")
            if let column = row.errorColumn { #expect(error.column == column, "\(error)") }
        }
    }
}
