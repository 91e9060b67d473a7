public import RefineryHTTP

/// A sandbox served over loopback HTTP (for `refinery sandbox`, benchmarks and socket-level tests).
public struct SandboxServer: Sendable {
    public let server: HTTPServer
    public let sandbox: RefinerSandbox

    /// `http://127.0.0.1:PORT/v1`: what a Refiner connection's base URL should be.
    public var baseURL: String { server.baseURL + "/v1" }

    public var port: Int { server.port }

    /// Binds `host:port` (port 0: any free port) and starts serving.
    public static func start(
        sandbox: RefinerSandbox, host: String = "127.0.0.1", port: Int = 0, limits: HTTPServerLimits = .init()
    ) throws(HTTPServerError) -> SandboxServer {
        let server = try HTTPServer(handler: sandbox, host: host, port: port, limits: limits, clock: sandbox.configuration.clock)
        try server.start()
        return SandboxServer(server: server, sandbox: sandbox)
    }

    public func stop() async {
        await server.stop()
    }
}
