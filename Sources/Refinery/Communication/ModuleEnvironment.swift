public import Foundation
public import RefineryHTTP

/// What a module run needs from outside, handed down by the CLI or the engine: the library never reads
/// globals. Tests pass an in-process transport and a `VirtualRunClock`.
public struct ModuleEnvironment: Sendable {
    public var transport: any HTTPTransport
    public var retrier: Retrier
    public var clock: any RunClock
    public var timeZone: TimeZone
    /// Pages one module call may fetch before it fails (`metadata.refinery.maxPages`, default 100).
    public var maxPages: Int
    /// A polling trigger's items are emitted as the pages arrive, in the API's order, without its
    /// `limit`: the scenario engine orders them, keeps its own position and stops reading when it has
    /// what it needs. Off (the default), the runtime orders them oldest first and applies `limit` itself.
    public var streamsTriggerItems = false

    public init(
        transport: any HTTPTransport,
        clock: any RunClock,
        retryPolicy: RetryPolicy = RetryPolicy(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current,
        maxPages: Int = 100
    ) {
        self.transport = transport
        self.clock = clock
        self.retrier = Retrier(policy: retryPolicy, clock: clock, random: random)
        self.timeZone = timeZone
        self.maxPages = maxPages
    }
}
