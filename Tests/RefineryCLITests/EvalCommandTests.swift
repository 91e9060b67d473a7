import RefineryCLI
import Testing

@Suite struct EvalCommandTests {
    @Test func printsTheValueAsJSON() async {
        let outcome = await CLIHarness().run(
            "eval", "{{1.name + ' <' + lower(1.email) + '>'}}", "--scope", #"{"1": {"name": "Ada", "email": "ADA@X.IO"}}"#
        )
        #expect(outcome.code == .success)
        #expect(outcome.stdout == "\"Ada <ada@x.io>\"\n")
    }

    @Test func keepsTheTypeOfASingleExpressionAndCompactsWithJSON() async {
        let outcome = await CLIHarness().run("eval", "{{split('a,b'; ',')}}", "--json")
        #expect(outcome.code == .success)
        #expect(outcome.stdout == "[\"a\",\"b\"]\n")
    }

    @Test func readsTheScopeFromAFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("scope.json", #"{"parameters": {"n": 20}}"#)
        let outcome = await CLIHarness(workingDirectory: folder.path).run("eval", "{{parameters.n / 8}}", "--scope", "@scope.json")
        #expect(outcome.stdout == "2.5\n")
    }

    @Test func anInvalidTemplateIsARenderedDiagnosticAndExit65() async {
        let outcome = await CLIHarness().run("eval", "{{ lowr(x) }}")
        #expect(outcome.code == .dataError)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == """
            <template>:1:4: error: unknown function 'lowr'; did you mean 'lower'? [iml.unknown-function]
                {{ lowr(x) }}
                   ^

            """)
    }

    @Test func anEvaluationErrorWithJSONIsAnObjectOnStdout() async {
        let outcome = await CLIHarness().run("eval", "{{1 / 0}}", "--json")
        #expect(outcome.code == .dataError)
        #expect(outcome.stdout == #"{"error":{"code":"iml.division-by-zero","message":"division by zero","column":5}}"# + "\n")
    }

    @Test func aScopeThatIsNotAnObjectIsAUsageError() async {
        let outcome = await CLIHarness().run("eval", "{{1}}", "--scope", "[1]")
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("the scope must be a JSON object"))
    }

    @Test func aScopeWithBadJSONIsADiagnostic() async {
        let outcome = await CLIHarness().run("eval", "{{x}}", "--scope", "{\"x\": }")
        #expect(outcome.code == .dataError)
        #expect(outcome.stderr.hasPrefix("--scope:1:7: error:"))
    }

    @Test func anUnknownTimeZoneIsAUsageError() async {
        let outcome = await CLIHarness().run("eval", "{{now}}", "--time-zone", "Mars/Base")
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains("unknown time zone 'Mars/Base'"))
    }
}
