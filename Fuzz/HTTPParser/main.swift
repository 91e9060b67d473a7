// libFuzzer target: the server's HTTP/1.1 request parser, fed a byte stream in random-sized chunks the way
// HTTPConnection feeds it (pipelined requests, reset between them, stop after a failure or a close), with
// the default HTTPServerLimits. It must never crash, never hold more than the limits allow, and give the
// same requests whatever the chunking. The first input byte seeds the chunk sizes; the rest is the stream.
// Each stream is also parsed under tight limits, so that inputs of a few hundred bytes reach every limit.
import RefineryHTTP

let documented = HTTPServerLimits()
let tight = HTTPServerLimits(maxRequestLineBytes: 64, maxHeaderCount: 4, maxHeaderBytes: 256, maxBodyBytes: 128)

enum Outcome: Equatable {
    case request(HTTPRequest, keepAlive: Bool)
    case failure(HTTPParseError)
    case incomplete
}

/// Chunk sizes from 1 to 64 bytes, from a SplitMix64 stream seeded by the input's first byte.
struct Chunker {
    var state: UInt64
    mutating func next() -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((mixed ^ (mixed >> 31)) % 64) + 1
    }
}

func outcomes(of stream: ArraySlice<UInt8>, limits: HTTPServerLimits, chunkSize: () -> Int) -> [Outcome] {
    var parser = HTTPRequestParser(limits: limits)
    var results: [Outcome] = []
    var index = stream.startIndex
    while index < stream.endIndex {
        var pending = stream[index..<min(stream.endIndex, index + chunkSize())]
        index = pending.endIndex
        while !pending.isEmpty {
            let (event, consumed) = parser.parse(pending)
            precondition(consumed >= 0 && consumed <= pending.count, "consumed \(consumed) of \(pending.count)")
            _ = parser.takeContinueRequest()
            pending = pending.dropFirst(consumed)
            switch event {
            case .needMoreData:
                precondition(pending.isEmpty, "asked for more data with \(pending.count) bytes unread")
            case .complete(let request):
                precondition(request.body.count <= limits.maxBodyBytes, "body over the limit")
                precondition(request.target.utf8.count <= limits.maxRequestLineBytes, "target over the limit")
                precondition(request.headers.count <= limits.maxHeaderCount, "too many headers")
                results.append(.request(request, keepAlive: parser.keepAlive))
                guard parser.keepAlive else { return results }
                parser.reset()
            case .failed(let error):
                precondition([400, 413, 414, 431, 501, 505].contains(error.status), "unexpected status \(error.status)")
                results.append(.failure(error))
                return results
            }
        }
    }
    results.append(.incomplete)
    return results
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let stream = bytes[1...]
    for limits in [documented, tight] {
        var chunker = Chunker(state: UInt64(bytes[0]))
        let chunked = outcomes(of: stream, limits: limits) { chunker.next() }
        let whole = outcomes(of: stream, limits: limits) { stream.count }
        let single = outcomes(of: stream, limits: limits) { 1 }
        precondition(chunked == whole && single == whole, "the chunking changed the requests")
    }
    return 0
}
