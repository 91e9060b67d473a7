// libFuzzer target: any string compiles to a template or fails with an `iml.` diagnostic, and any template
// evaluates against a small fixed scope to a value or an `iml.` diagnostic: never a crash, a hang or memory
// without bound (libFuzzer's -timeout and -rss_limit_mb catch the last two).
import Foundation
import IML
import RefineryJSON

/// The scope of Tests/IMLTests/Fixtures/iml-cases.json, cut down.
let scope: JSONObject = [
    "1": [
        "email": "Ada@Example.com", "name": "Ada Lovelace", "age": 36, "score": 7.5, "active": true,
        "tags": ["a", "b", "c"], "items": [["title": "first", "price": 10], ["title": "second", "price": 2.5]],
        "empty": "", "none": nil, "nested": ["deep": ["value": 42]], "zero": 0, "list": [3, 1, 2],
        "created": "2024-02-29T12:30:00.000Z",
    ],
    "parameters": ["id": "123", "limit": 50, "query": "hello world", "key": "email"],
    "temp": ["page": 3],
]
let context = EvaluationContext(scope: scope, now: Date(timeIntervalSince1970: 1_700_000_000), randomSeed: 7)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let template: Template
    do {
        template = try Template(source)
    } catch {
        precondition(error.code.hasPrefix("iml."), "compile error without an iml. code: \(error.code)")
        return 0
    }
    do {
        let value = try template.evaluate(in: context)
        _ = value.serializedBytes()
        _ = try template.evaluateMapping(in: context)
    } catch {
        precondition(error.code.hasPrefix("iml."), "evaluation error without an iml. code: \(error.code)")
    }
    return 0
}
