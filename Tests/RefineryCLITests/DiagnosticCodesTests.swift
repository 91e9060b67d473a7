import Foundation
import Testing

/// Every diagnostic code the sources can emit is listed in docs/diagnostics.md (json.*) or in the index
/// there, so users can look any code up.
@Suite struct DiagnosticCodesTests {
    static let root = URL(fileURLWithPath: ModuleCommandsTests.root)

    static func sourceCodes() throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: #""((?:json|iml|module|http|builtin|scenario|cassette|replay|record|datastore)\.[a-z0-9-]+)""#)
        var codes: Set<String> = []
        let sources = root.appendingPathComponent("Sources")
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)! where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { codes.insert(String(text[range])) }
            }
        }
        return codes.subtracting(["app.json"])
    }

    @Test func everyCodeIsDocumented() throws {
        let index = try String(contentsOf: Self.root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let codes = try Self.sourceCodes()
        #expect(codes.count > 80)
        let undocumented = codes.filter { !index.contains("`\($0)`") }.sorted()
        #expect(undocumented.isEmpty, "add these to docs/diagnostics.md: \(undocumented)")
    }
}
