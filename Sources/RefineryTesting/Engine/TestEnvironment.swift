package import Refinery
package import RefineryHTTP
package import RefineryJSON

extension RuntimeEnvironment {
    /// An environment for engine tests: no network unless a transport is given, a virtual clock, a
    /// memory store and a fixed seed, so runs repeat exactly.
    package static func testing(
        transport: any HTTPTransport = OfflineTransport(), clock: any RunClock = VirtualRunClock(),
        store: any StateStore = MemoryStateStore(), connections: [String: JSONObject] = [:], seed: UInt64 = 0
    ) -> RuntimeEnvironment {
        RuntimeEnvironment(transport: transport, clock: clock, store: store, connections: connections, retryPolicy: .none, randomSeed: seed)
    }
}
