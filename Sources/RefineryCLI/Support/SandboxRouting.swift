import RefineryHTTP

/// `--sandbox` with more apps than Refiner: requests to the sandbox's origin go to the in-process
/// sandbox, every other request to the network.
struct SandboxRouting: HTTPTransport {
    let sandbox: any HTTPTransport
    let live: any HTTPTransport
    /// `http://sandbox.invalid`: the Refiner app's base URL under `--sandbox`.
    let origin: String

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await (routesToSandbox(request.target) ? sandbox : live).send(request)
    }

    func routesToSandbox(_ target: String) -> Bool {
        guard target.hasPrefix(origin) else { return false }
        let rest = target.dropFirst(origin.count)
        return rest.isEmpty || rest.hasPrefix("/") || rest.hasPrefix("?")
    }
}
