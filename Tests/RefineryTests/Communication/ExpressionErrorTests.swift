import Foundation
import Refinery
import RefineryHTTP
import RefineryJSON
import RefineryTesting
import Testing

/// A module expression that fails at run time names its file, pointer, line and column.
@Suite struct ModuleExpressionErrorTests {
    @Test func aFailingExpressionNamesFilePointerLineAndColumn() async throws {
        let harness = try InterpreterHarness(module: module("action", communication: #"""
        {"url": "/contacts/{{parseDate(parameters.when; 'YYYY-MM-DD')}}"}
        """#, expect: #"[{"name": "when", "type": "text"}]"#)) { _ in .json([:]) }
        let error = try #require(await harness.error(["when": "soon"]))
        #expect(error.message.range(of: #"m\.json#/communication/url:\d+:\d+: "#, options: .regularExpression) != nil, "\(error.message)")
        #expect(harness.transport.requests.isEmpty)
    }
}
