// libFuzzer target: any `Retry-After` header value, as a server may send it, parses to a wait or to
// nothing, and that wait goes through everything a retry does with it (the cap check and its message,
// the clock's conversion to nanoseconds) without a trap, whatever `now` is.
import Foundation
import RefineryHTTP

let moments = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_767_225_600), Date.distantPast, Date.distantFuture]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRetryAfter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let retryAfter = RetryAfter(text) else { return 0 }
    for now in moments {
        let wait = retryAfter.wait(from: now)
        precondition(wait >= 0, "a negative wait from '\(text)'")
        _ = InputLimits.sleepNanoseconds(wait)
        _ = RateLimitExceeded(status: 429, requestedWait: wait, maxWait: 60, target: "GET /x").description
    }
    return 0
}
