import Foundation
import IML
import RefineryJSON
import Testing

@Suite struct TemplateTests {
    let context = EvaluationContext(
        scope: ["1": ["email": "a@b.c", "name": "Ada"], "parameters": ["flag": true, "id": 7]],
        now: Date(timeIntervalSince1970: 0)
    )

    @Test func plainTextIsPlainAndEvaluatesToItself() throws {
        let template = try Template("no expressions { here }")
        #expect(template.isPlain)
        #expect(try template.evaluate(in: context) == "no expressions { here }")
        #expect(template.referencedRoots.isEmpty)
    }

    @Test func referencedRootsListFirstSegmentsInOrder() throws {
        let template = try Template("{{parameters.id}} {{1.email}} {{lower(1.name)}} {{get(temp; 'x')}}")
        #expect(!template.isPlain)
        #expect(template.referencedRoots == ["parameters", "1", "temp"])
    }

    @Test func compiledTemplateEvaluatesManyTimesAgainstDifferentScopes() throws {
        let template = try Template("{{1.name}}")
        for name in ["Ada", "Grace", "Edsger"] {
            let scope: JSONObject = ["1": ["name": .string(name)]]
            #expect(try template.evaluate(in: EvaluationContext(scope: scope, now: Date())) == .string(name))
        }
    }

    @Test(arguments: [
        ("{{erase}}", MappedValue.erase),
        ("{{ignore}}", .ignore),
        ("{{if(parameters.flag; ignore; 1)}}", .ignore),
        ("{{if(parameters.missing; 1; erase)}}", .erase),
        ("{{ifempty(parameters.missing; ignore)}}", .ignore),
        ("{{switch(parameters.id; 7; erase; 1)}}", .erase),
        ("{{parameters.id}}", .value(7)),
        ("x{{ignore}}", .value("x")),
    ])
    func mappingKeywordsSurfaceAsCases(template: String, expected: MappedValue) throws {
        #expect(try Template(template).evaluateMapping(in: context) == expected)
        if case .value = expected {} else { #expect(try Template(template).evaluate(in: context) == .null) }
    }

    @Test func randomValuesAreDeterministicPerSeedAndDifferWithinOneEvaluation() throws {
        let template = try Template("{{uuid}} {{uuid}}")
        let first = try template.evaluate(in: context).stringValue ?? ""
        #expect(first == (try template.evaluate(in: context).stringValue ?? "x"))
        let parts = first.split(separator: " ")
        #expect(parts.count == 2 && parts[0] != parts[1])
        #expect(parts[0].count == 36 && parts[0].dropFirst(14).first == "4")
        var other = context
        other.randomSeed = 99
        #expect(try template.evaluate(in: other).stringValue != first)
    }

    @Test func templatesCompareBySource() throws {
        #expect(try Template("{{1.a}}") == Template("{{1.a}}"))
        #expect(try Template("{{1.a}}") != Template("{{1.b}}"))
    }
}
