import RefineryJSON
import Testing

@Suite("DiagnosticRenderer")
struct DiagnosticRendererTests {
    /// One of each shape a diagnostic can take.
    static let samples: [Diagnostic] = {
        let module = SourceText(file: "modules/refiner/listContacts.json", text: """
        {
        \t"url": "/contacts",
          "qs": {"page": "{{ lowr(parameters.page) }}"},
          "label": "日本語 {{ x }}"
        }
        """)
        var samples = [
            module.diagnostic(
                code: "iml.unknown-function", message: "unknown function 'lowr'; did you mean 'lower'?",
                at: 40, pointer: JSONPointer(tokens: ["qs", "page"]), columnOffset: 4, notes: ["functions are case-sensitive"]
            ),
            module.diagnostic(code: "module.bad-url", message: "expected an absolute path", at: 10, pointer: JSONPointer(tokens: ["url"])),
            module.diagnostic(code: "iml.unknown-variable", message: "unknown variable 'x'", at: 83, pointer: JSONPointer(tokens: ["label"]), columnOffset: 8),
            Diagnostic(.warning, code: "module.unused", message: "parameter 'limit' is never used", source: SourceRef(file: "modules/refiner/app.json", pointer: JSONPointer(tokens: ["parameters", "3"]))),
            Diagnostic(.note, code: "cli.hint", message: "run 'refinery validate' for details"),
        ]
        let minified = SourceText(file: "page.json", text: "[" + String(repeating: #"{"a":1},"#, count: 40) + "]")
        if case .failure(let error) = Result(catching: { try JSONValue(parsing: minified.bytes) }),
           let syntax = error as? JSONSyntaxError {
            samples.append(syntax.diagnostic(in: minified))
        }
        return samples
    }()

    @Test func plainMatchesGolden() {
        #expect(Self.samples.count == 6)
        GoldenFiles.expectMatch(DiagnosticRenderer(colors: false).render(Self.samples), "diagnostics-plain.txt")
    }

    @Test func colouredMatchesGolden() {
        GoldenFiles.expectMatch(DiagnosticRenderer(colors: true).render(Self.samples), "diagnostics-color.txt")
    }

    @Test func jsonSyntaxErrorsMatchGolden() {
        let files: [(String, String)] = [
            ("trailing.json", "{\n  \"a\": [1, 2,]\n}"),
            ("literal.json", "{\"k\": tru}"),
            ("escape.json", "[\"tab:\\x\"]"),
            ("surrogate.json", "{\"emoji\": \"\\uD83D\"}"),
            ("number.json", "{\"big\": 1e400}"),
            ("wide.json", "{\"名前\": \"日本\" \"x\": 1}"),
            ("control.json", "[\"a\tb\"]"),
            ("deep.json", String(repeating: "[", count: 600)),
            ("empty.json", ""),
        ]
        var rendered = ""
        for (name, text) in files {
            do {
                _ = try JSONDocument(file: name, bytes: Array(text.utf8))
                rendered += "\(name): accepted\n"
            } catch {
                rendered += DiagnosticRenderer(colors: false).render(error)
            }
        }
        GoldenFiles.expectMatch(rendered, "json-syntax-errors.txt")
    }

    @Test func formatOfTheFirstLine() {
        let diagnostic = Diagnostic(code: "json.trailing-comma", message: "m", source: SourceRef(file: "f.json", pointer: JSONPointer(tokens: ["a"]), line: 2, column: 5))
        #expect(DiagnosticRenderer(colors: false).render(diagnostic) == "f.json#/a:2:5: error: m [json.trailing-comma]\n")
        #expect(diagnostic.description == "f.json#/a:2:5: error: m [json.trailing-comma]\n")
    }

    @Test func plainOutputHasNoEscapes() {
        #expect(!DiagnosticRenderer(colors: false).render(Self.samples).contains("\u{1B}"))
        #expect(DiagnosticRenderer(colors: true).render(Self.samples).contains("\u{1B}[1;31merror: \u{1B}[0m"))
    }

    @Test("colour only on a terminal without NO_COLOR", arguments: [
        (true, [String: String](), true),
        (false, [:], false),
        (true, ["NO_COLOR": "1"], false),
        (true, ["NO_COLOR": "0"], false),
        (true, ["NO_COLOR": ""], true),
        (false, ["NO_COLOR": "1"], false),
        (true, ["TERM": "dumb"], false),
        (true, ["TERM": "xterm-256color"], true),
    ])
    func colourPolicy(isTerminal: Bool, environment: [String: String], colors: Bool) {
        #expect(DiagnosticRenderer(isTerminal: isTerminal, environment: environment).colors == colors)
    }

    @Test("the caret sits under the column", arguments: [
        ("abc", 3, "  "), ("\tab", 3, "\t "), ("日本x", 3, "    "), ("e\u{301}x", 3, " "), ("😀x", 2, "  "), ("ab", 1, ""),
    ])
    func caretPadding(_ line: String, _ column: Int, _ padding: String) {
        let diagnostic = Diagnostic(code: "c.d", message: "m", source: SourceRef(file: "f", line: 1, column: column), excerpt: line)
        let lines = DiagnosticRenderer(colors: false).render(diagnostic).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2] == "    " + padding + "^")
    }

    @Test func renderingSeveralConcatenates() {
        let renderer = DiagnosticRenderer(colors: false)
        #expect(renderer.render(Array(Self.samples.prefix(2))) == renderer.render(Self.samples[0]) + renderer.render(Self.samples[1]))
        #expect(Self.samples.hasErrors)
        #expect(!Array(Self.samples[3...4]).hasErrors)
    }
}
