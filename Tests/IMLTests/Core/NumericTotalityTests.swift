import Foundation
import IML
import RefineryJSON
import Testing

/// Every function of the library, called with numbers from the edges of their ranges (zero, fractions
/// under one, the limits of `Int` and `Double`, NaN and infinities that JSON cannot carry but arithmetic
/// can make), gives a value or an `iml.` diagnostic: never a trap, which would end the process (one
/// delivery killed `serve` through `formatNumber(x; 19)`). Fuzz/IMLFunctions does the same at random.
@Suite struct NumericTotalityTests {
    static let edges: [JSONValue] = [
        0, -0.0, 0.4, -0.9, 1, -1, 2.5, 19, 20, 21, 100, 101, 1e-300, -1e-300, 1e15, 1e300, -1e300,
        .int(Int.max), .int(Int.min), .int(Int.max - 1), 9_007_199_254_740_993, 9.2e18, -9.2e18, 1.8e19,
        .double(.infinity), .double(-.infinity), .double(.nan), .double(.leastNonzeroMagnitude), .double(.greatestFiniteMagnitude),
        "12", "-3.5", "1e400", "", "abc", nil, true,
    ]

    static let context = EvaluationContext(
        scope: ["n": .array(edges)], now: Date(timeIntervalSince1970: 1_700_000_000), randomSeed: 3
    )

    /// One argument list per call: the edges in turn, with a second argument from a shorter list.
    @Test(arguments: Template.functionNames)
    func everyFunctionIsTotalOverEdgeNumbers(name: String) throws {
        let seconds = [1, 4, 6, 9, 10, 13, 19, 20, 23, 24, 26, 27]
        for arity in 1...4 {
            for first in 1...Self.edges.count {
                for second in arity > 1 ? seconds : [1] {
                    let arguments = (0..<arity).map { index in
                        "n[\(index == 0 ? first : index == 1 ? second : (first + index * 7) % Self.edges.count + 1)]"
                    }
                    guard let template = try? Template("{{\(name)(\(arguments.joined(separator: "; ")))}}") else { continue }
                    do {
                        let value = try template.evaluate(in: Self.context)
                        _ = value.serializedBytes()
                    } catch {
                        #expect(error.code.hasPrefix("iml."), "\(name): \(error)")
                    }
                }
            }
        }
    }
}
