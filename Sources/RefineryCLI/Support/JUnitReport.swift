import RefineryJSON

/// The results of `refinery test` as JUnit XML, the format CI systems display: one `testsuite` (the
/// folder), one `testcase` per scenario with a `failure` (the diff), an `error` (an invalid file) or
/// `skipped` (no cassette). No times, so the same results give the same bytes.
struct JUnitReport {
    /// The suite's name: the folder as given.
    let suite: String
    let results: [TestResult]

    var xml: String {
        let tally = TestTally(results)
        let counts = "tests=\"\(tally.total)\" failures=\"\(tally.failed)\" errors=\"\(tally.invalid)\" skipped=\"\(tally.skipped)\""
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text += "<testsuites name=\"refinery test\" \(counts)>\n"
        text += "  <testsuite name=\(Self.attribute(suite)) \(counts)>\n"
        for result in results { text += testcase(result) }
        text += "  </testsuite>\n</testsuites>\n"
        return text
    }

    private func testcase(_ result: TestResult) -> String {
        let file = result.scenario.file
        let opening = "    <testcase classname=\(Self.attribute(suite)) name=\(Self.attribute(file)) file=\(Self.attribute(file))"
        var body = ""
        switch result.verdict {
        case .passed, .updated:
            break
        case .failed(let reason, let details):
            body += "      <failure message=\(Self.attribute(reason)) type=\"report-mismatch\">"
            body += Self.text(([reason] + details).joined(separator: "\n")) + "</failure>\n"
        case .skipped(let reason):
            body += "      <skipped message=\(Self.attribute(reason))/>\n"
        case .invalid(let diagnostics):
            var rendered = DiagnosticRenderer(colors: false).render(diagnostics)
            while rendered.hasSuffix("\n") { rendered.removeLast() }
            body += "      <error message=\(Self.attribute(CLIMessages.invalidScenario)) type=\"invalid\">"
            body += Self.text(rendered) + "</error>\n"
        }
        if !result.warnings.isEmpty {
            body += "      <system-out>" + Self.text(result.warnings.joined(separator: "\n")) + "</system-out>\n"
        }
        return body.isEmpty ? opening + "/>\n" : opening + ">\n" + body + "    </testcase>\n"
    }

    /// A quoted attribute value.
    static func attribute(_ value: String) -> String {
        "\"" + escaped(value, inAttribute: true) + "\""
    }

    /// Character data.
    static func text(_ value: String) -> String {
        escaped(value, inAttribute: false)
    }

    /// XML 1.0 escaping: markup characters become entities (in attributes also quotes and line breaks,
    /// which attribute normalization would otherwise turn into spaces); characters XML 1.0 cannot hold
    /// at all (control characters such as ESC) become U+FFFD.
    static func escaped(_ value: String, inAttribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "\n" where inAttribute: out += "&#10;"
            case "\t" where inAttribute: out += "&#9;"
            case "\r": out += "&#13;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(Self.allowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// The characters XML 1.0 allows (`Char` production).
    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
