// libFuzzer target: the JSON parser must never crash, hang or grow without bound, whatever the bytes,
// and whatever it accepts must serialize and parse back to the same value.
import RefineryJSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONValue(parsing: bytes) else { return 0 }
    let reparsed = try? JSONValue(parsing: value.serializedBytes())
    precondition(reparsed == value, "serialize/parse round trip changed the value")
    let pretty = try? JSONValue(parsing: value.serializedBytes(.pretty))
    precondition(pretty == value, "pretty round trip changed the value")
    _ = try? JSONDocument(file: "fuzz.json", bytes: Array(bytes))
    return 0
}
