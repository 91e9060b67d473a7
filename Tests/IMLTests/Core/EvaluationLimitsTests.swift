import Foundation
import IML
import RefineryJSON
import Testing

/// One evaluation is bounded in what it builds (`IMLLimits`): a short template that multiplies its text
/// fails with `iml.too-large` at once instead of taking the process's memory.
@Suite struct EvaluationLimitsTests {
    static let context = EvaluationContext(
        scope: ["text": .string(String(repeating: "a", count: 1000)), "items": .array((1...2000).map { .string("item \($0)") })],
        now: Date(timeIntervalSince1970: 1_700_000_000)
    )

    static func error(_ source: String) throws -> IMLError? {
        let template = try Template(source)
        do {
            _ = try template.evaluate(in: context)
            return nil
        } catch {
            return error
        }
    }

    /// Ten nested `replace` calls, each turning every `a` into eight: 8^10 times the text (the report's
    /// 400-byte template that grew to 2.2 GB).
    @Test func nestedReplaceStopsAtTheLimit() throws {
        var source = "text"
        for _ in 0..<10 { source = "replace(\(source); 'a'; 'aaaaaaaa')" }
        let error = try #require(try Self.error("{{\(source)}}"))
        #expect(error.code == "iml.too-large")
        #expect(error.message.contains("'replace'"))
    }

    @Test func nestedRegexReplaceStopsAtTheLimit() throws {
        var source = "text"
        for _ in 0..<10 { source = "replace(\(source); /a/g; 'aaaaaaaa')" }
        let error = try #require(try Self.error("{{\(source)}}"))
        #expect(["iml.too-large", "iml.regex-too-complex"].contains(error.code), "\(error)")
    }

    @Test func joinOfATextSplitIntoCharactersAndJoinedByItselfIsRefusedBeforeItIsBuilt() throws {
        // 1,000 characters joined by the 1,000-character text, nested: 10^6 then 10^12 bytes.
        let source = "{{join(split(join(split(text; ''); text); ''); join(split(text; ''); text))}}"
        #expect(try Self.error(source)?.code == "iml.too-large")
    }

    @Test func aTemplateRepeatingALargeTextIsBounded() throws {
        let big = "replace(text; 'a'; '\(String(repeating: "a", count: 1000))')"  // 1 MB
        let source = String(repeating: "{{\(big)}}", count: 20)
        #expect(try Self.error(source)?.code == "iml.too-large")
    }

    /// Containers share their parts, so a value of a few kilobytes in memory can serialize to gigabytes:
    /// `createJSON` and `toString` measure before they write.
    @Test func serializingASharedStructureIsMeasuredFirst() throws {
        var value: JSONValue = .string(String(repeating: "x", count: 64))
        for _ in 0..<24 { value = .array([value, value]) }  // 2^24 leaves of 64 bytes: 1 GiB as JSON
        let context = EvaluationContext(scope: ["deep": value], now: Date(timeIntervalSince1970: 0))
        for function in ["createJSON", "toString"] {
            #expect(throws: IMLError.self) { try Template("{{\(function)(deep)}}").evaluate(in: context) }
        }
    }

    @Test func workUnderTheLimitsIsUnaffected() throws {
        let template = try Template("{{length(replace(text; 'a'; '\(String(repeating: "b", count: 100))'))}}")
        #expect(try template.evaluate(in: Self.context) == .int(100_000))
        let joined = try Template("{{length(join(items; ', '))}}")
        #expect(try joined.evaluate(in: Self.context).intValue ?? 0 > 10_000)
    }
}
