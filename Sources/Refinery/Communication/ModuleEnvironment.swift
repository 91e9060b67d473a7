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
    /// What raises `maxPages`, as the `pagination.max-pages` error names it: the scenario setting by
    /// default; a command that takes the limit from its own option names that option instead.
    public var maxPagesSetting = "metadata.refinery.maxPages"
    /// Seconds one module call may spend on HTTP, attempts, retry waits and pages together
    /// (`metadata.refinery.callTimeout`, default `defaultCallTimeout`). Time downstream is not counted.
    public var callTimeout: Double
    /// 300 s: each request already stops after 40 s of silence, so this bounds the retries of a hung
    /// API (four attempts would take 160 s and more with their waits) and a very long pagination.
    public static let defaultCallTimeout = 300.0
    /// 100 pages: 100,000 items at Refiner's 1,000 a page.
    public static let defaultMaxPages = 100
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
        maxPages: Int = ModuleEnvironment.defaultMaxPages,
        callTimeout: Double = ModuleEnvironment.defaultCallTimeout
    ) {
        self.transport = transport
        self.clock = clock
        self.retrier = Retrier(policy: retryPolicy, clock: clock, random: random)
        self.timeZone = timeZone
        self.maxPages = maxPages
        self.callTimeout = callTimeout
    }
}
