import Foundation
import RefineryHTTP
import RefinerySandbox

/// `--sandbox` with more apps than Refiner: requests to the sandbox's origin, and to the stand-ins for
/// outside tools (`http://<name>.inbox.sandbox.invalid/`), go to the in-process sandbox, every other
/// request to the network.
struct SandboxRouting: HTTPTransport {
    let sandbox: any HTTPTransport
    let live: any HTTPTransport
    /// `http://sandbox.invalid`: the Refiner app's base URL under `--sandbox`.
    let origin: String

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await (routesToSandbox(request.target) ? sandbox : live).send(request)
    }

    func routesToSandbox(_ target: String) -> Bool {
        if let host = URLComponents(string: target)?.host?.lowercased(), host.hasSuffix("." + RefinerSandbox.inboxDomain) { return true }
        guard target.hasPrefix(origin) else { return false }
        let rest = target.dropFirst(origin.count)
        return rest.isEmpty || rest.hasPrefix("/") || rest.hasPrefix("?")
    }
}
