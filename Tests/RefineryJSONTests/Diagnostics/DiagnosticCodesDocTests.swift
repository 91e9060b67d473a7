import Foundation
import Testing

@Suite("docs/diagnostics.md")
struct DiagnosticCodesDocTests {
    static let docs: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)) ?? ""
    }()

    @Test func everyCodeTheParserReportsIsDocumented() {
        let codes = Set(RejectCases.all.map(\.code) + ["json.too-deep"])
        #expect(codes.count == 18)
        for code in codes.sorted() {
            #expect(Self.docs.contains("| `\(code)` |"), "\(code) is missing from docs/diagnostics.md")
        }
    }
}
