// libFuzzer target: the PostgreSQL client's backend message decoder, fed a byte stream in random-sized
// chunks the way the connection feeds it, under the default limits and under a tight 256-byte limit. It
// must never crash, never ask for more data with a complete message buffered, and decode the same
// messages whatever the chunking. The first input byte seeds the chunk sizes; the rest is the stream.
import RefineryPostgres

struct Chunker {
    var state: UInt64
    mutating func next() -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((mixed ^ (mixed >> 31)) % 64) + 1
    }
}

enum Outcome: Equatable {
    case message(BackendMessage)
    case failure(String)
}

func outcomes(of stream: ArraySlice<UInt8>, limits: PostgresMessageLimits, chunkSize: () -> Int) -> [Outcome] {
    var decoder = BackendMessageDecoder(limits: limits)
    var results: [Outcome] = []
    var index = stream.startIndex
    while index < stream.endIndex {
        let end = min(stream.endIndex, index + chunkSize())
        decoder.append(stream[index..<end])
        index = end
        while true {
            do {
                guard let message = try decoder.next() else { break }
                results.append(.message(message))
            } catch {
                results.append(.failure(error.description))
                return results
            }
        }
        precondition(decoder.bufferedCount <= limits.maxMessageBytes + 5 + 64, "buffered past the limit")
    }
    return results
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let stream = bytes[1...]
    for limits in [PostgresMessageLimits(), PostgresMessageLimits(maxMessageBytes: 256)] {
        let whole = outcomes(of: stream, limits: limits) { stream.count }
        var chunker = Chunker(state: UInt64(bytes[0]))
        let chunked = outcomes(of: stream, limits: limits) { chunker.next() }
        precondition(whole == chunked, "chunking changed the messages")
    }
    return 0
}
