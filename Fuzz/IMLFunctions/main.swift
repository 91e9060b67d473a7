// libFuzzer target: every function of the IML library, called with numbers made of raw bits (any
// double, NaN and infinities included, any 64-bit integer, numbers as text), gives a value or an `iml.`
// diagnostic: never a trap. One delivery killed `serve` through `formatNumber(x; 19)`; this target looks
// for the next one. Input: a function byte, an arity byte (1 to 4), then per argument a kind byte and
// 8 bytes of bits.
import Foundation
import IML
import RefineryJSON

let names = Template.functionNames

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIMLFunctions(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard bytes.count >= 2 else { return 0 }
    let name = names[Int(bytes[0]) % names.count]
    let arity = Int(bytes[1]) % 4 + 1
    var arguments: [JSONValue] = []
    var offset = 2
    for _ in 0..<arity {
        let chunk = bytes[min(offset, bytes.count)..<min(offset + 9, bytes.count)]
        arguments.append(number(from: Array(chunk)))
        offset += 9
    }
    let source = "{{\(name)(" + (1...arity).map { "n[\($0)]" }.joined(separator: "; ") + ")}}"
    guard let template = try? Template(source) else { return 0 }
    let context = EvaluationContext(scope: ["n": .array(arguments)], now: Date(timeIntervalSince1970: 1_700_000_000), randomSeed: 1)
    do {
        _ = try template.evaluate(in: context).serializedBytes()
    } catch {
        precondition(error.code.hasPrefix("iml."), "evaluation error without an iml. code: \(error.code)")
    }
    return 0
}

/// A number of the kind the first byte names, from the next eight: an integer, a double, either as
/// text, or a small integer (decimals, amounts).
func number(from chunk: [UInt8]) -> JSONValue {
    guard let kind = chunk.first else { return .null }
    var bits: UInt64 = 0
    for byte in chunk.dropFirst() { bits = bits << 8 | UInt64(byte) }
    let integer = Int(truncatingIfNeeded: bits)
    let double = Double(bitPattern: bits)
    switch kind % 6 {
    case 0: return .int(integer)
    case 1: return .double(double)
    case 2: return .string(String(integer))
    case 3: return .string(String(double))
    case 4: return .int(Int(Int8(truncatingIfNeeded: bits)))
    default: return .double(Double(Int16(truncatingIfNeeded: bits)) / 8)
    }
}
