import Foundation
import RefineryCLI
import RefineryJSON
import Testing

/// A blueprint in Make's export shape (designer metadata, restore, interface, `io`) using the Text
/// parser modules and scenario inputs, through `refinery validate` and `refinery run`.
@Suite struct TextParserCLITests {
    static let exported = #"""
    {
        "name": "Email digest",
        "flow": [
            {
                "id": 2, "module": "util:ComposeTransformer", "version": 1, "parameters": {},
                "mapper": {"value": "<html><body><h2>{{var.input.subject}}</h2><p>From: Ada &lt;ada@x.io&gt;<br>Order 1042 and 1043</p></body></html>"},
                "metadata": {"designer": {"x": 0, "y": 0}, "restore": {}, "expect": [{"name": "value", "type": "text", "label": "Text"}]}
            },
            {
                "id": 4, "module": "regexp:HTMLToText", "version": 1, "parameters": {},
                "mapper": {"html": "{{2.value}}", "newline": "lf", "uppercaseHeadings": true},
                "metadata": {"designer": {"x": 300, "y": 0}, "restore": {"expect": {"newline": {"label": "LF"}}},
                             "expect": [{"name": "html", "type": "text", "label": "HTML"}, {"name": "newline", "type": "select", "label": "Line break"}, {"name": "uppercaseHeadings", "type": "boolean", "label": "Uppercase headings"}]}
            },
            {
                "id": 10, "module": "regexp:Parser", "version": 1,
                "parameters": {"global": true, "pattern": "(\\d{4})", "multiline": false, "sensitive": true, "singleline": false, "continueWhenNoRes": false},
                "mapper": {"text": "{{4.text}}"},
                "metadata": {"designer": {"x": 600, "y": 0}, "restore": {}, "parameters": [{"name": "pattern", "type": "text", "label": "Pattern", "required": true}],
                             "interface": [{"name": "$1", "type": "text", "label": "$1"}]}
            },
            {
                "id": 47, "module": "regexp:Replace", "version": 1, "parameters": {},
                "mapper": {"text": "{{4.text}}", "value": " ", "global": true, "pattern": "[\\r\\n]+", "multiline": false, "sensitive": true, "singleline": false},
                "metadata": {"designer": {"x": 900, "y": 0}, "restore": {}}
            },
            {
                "id": 48, "module": "util:SetVariable2", "version": 1, "parameters": {},
                "mapper": {"name": "line", "scope": "roundtrip", "value": "{{var.input.prefix}}{{10.`$1`}}: {{47.text}}"},
                "metadata": {"designer": {"x": 1200, "y": 0}, "restore": {"expect": {"scope": {"label": "One cycle"}}}}
            }
        ],
        "metadata": {
            "instant": false, "version": 1,
            "scenario": {"roundtrips": 1, "maxErrors": 3, "autoCommit": true, "autoCommitTriggerLast": true, "sequential": false, "slots": null, "confidential": false, "dataloss": false, "dlq": false, "freshVariables": false},
            "designer": {"orphans": []}, "zone": "eu1.make.com"
        },
        "io": {
            "input_spec": [
                {"name": "subject", "type": "text", "label": "Subject", "required": true, "multiline": false},
                {"name": "prefix", "type": "text", "label": "Prefix", "default": "#", "required": false}
            ],
            "output_spec": []
        }
    }
    """#

    func folder(_ blueprint: String = exported) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("digest.json", blueprint)
        try folder.write("inputs.json", #"{"subject": "Weekly", "prefix": "No. "}"#)
        return folder
    }

    @Test func theExportValidatesAndRuns() async throws {
        let folder = try folder()
        defer { folder.remove() }
        let harness = CLIHarness(workingDirectory: folder.path)
        #expect(await harness.run("validate", "digest.json").code == .success)
        let outcome = await harness.run("run", "digest.json", "--input", "subject=Weekly", "--json", "--trace")
        #expect(outcome.code == .success, "\(outcome.stderr)")
        let bundles = try outcome.stderr.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        let lines = bundles.filter { $0["id"] == 48 }.map { $0["bundle"]?["line"] }
        #expect(lines == ["#1042: WEEKLY From: Ada <ada@x.io> Order 1042 and 1043", "#1043: WEEKLY From: Ada <ada@x.io> Order 1042 and 1043"])
    }

    @Test func inputsComeFromAFileAndFlagsWin() async throws {
        let folder = try folder()
        defer { folder.remove() }
        let outcome = await CLIHarness(workingDirectory: folder.path).run("run", "digest.json", "--inputs", "inputs.json", "--input", "prefix=n", "--trace")
        #expect(outcome.code == .success, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(#""line":"n1042: WEEKLY"#))
    }

    @Test(arguments: [
        (["run", "digest.json"], "field 'subject' is required"),
        (["run", "digest.json", "--input", "subject"], "--input takes NAME=VALUE"),
        (["run", "digest.json", "--input", "subject=a", "--input", "subjet=b"], "unknown field 'subjet'; did you mean 'subject'?"),
        (["run", "digest.json", "--inputs", "missing.json"], "cannot read scenario inputs from 'missing.json'"),
    ])
    func badInputsAreUsageErrorsBeforeAnythingRuns(arguments: [String], message: String) async throws {
        let folder = try folder()
        defer { folder.remove() }
        let outcome = await CLIHarness(workingDirectory: folder.path).run(arguments + ["--trace"])
        #expect(outcome.code == .usage)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains(#""cycle""#))
    }

    @Test func anInvalidPatternIsReportedAtLoad() async throws {
        let folder = try folder(Self.exported.replacingOccurrences(of: #""(\\d{4})""#, with: #""(\\d{4}""#))
        defer { folder.remove() }
        let outcome = await CLIHarness(workingDirectory: folder.path).run("validate", "digest.json")
        #expect(outcome.code == .dataError)
        #expect(outcome.stderr.contains("digest.json#/flow/2/parameters/pattern:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("[scenario.invalid-pattern]"))
    }
}
