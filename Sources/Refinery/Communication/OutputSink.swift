import RefineryJSON

/// Where a request's outputs go: streamed at once, or buffered when a `wrapper` or a polling trigger
/// needs them all; counts them against `limit`.
struct OutputSink {
    let limit: Int?
    /// Only the last request of a communication outputs anything.
    let isLast: Bool
    let buffering: Bool
    /// Whether reaching `limit` stops fetching. A trigger with a known position fetches up to that
    /// position instead, then keeps the oldest `limit` items.
    let stopsAtLimit: Bool
    var count = 0
    var buffered: [ModuleOutput] = []
    /// A descending trigger met an item it already processed: older pages need not be fetched.
    var triggerReachedPosition = false

    var isFull: Bool {
        guard let limit, stopsAtLimit else { return false }
        return count >= limit
    }
}
