import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An `HTTPTransport` over its own `URLSession` (never `URLSession.shared`), with timeouts and no
/// cookies or caches: every request is exactly what the caller built. It never follows a redirect: a
/// 3xx answer is returned as it is, for `RedirectFollower` to decide what may go where.
///
/// The whole-request deadline is its own: URLSession on Linux does not apply
/// `timeoutIntervalForResource`, so a server that drips its body a byte at a time kept a request open for
/// as long as it liked. At the deadline the task is cancelled and the request fails as timed out.
public final class URLSessionTransport: HTTPTransport {
    /// Timeouts and connection limits, with documented defaults.
    public struct Configuration: Sendable, Hashable {
        /// Longest silence while waiting for data, in seconds (default 40, as Make's runtime).
        public var requestTimeout: Double
        /// Longest time for a whole request and response, in seconds (default 300).
        public var resourceTimeout: Double
        /// Parallel connections to one host (default 6).
        public var maxConnectionsPerHost: Int

        public init(requestTimeout: Double = 40, resourceTimeout: Double = 300, maxConnectionsPerHost: Int = 6) {
            self.requestTimeout = requestTimeout
            self.resourceTimeout = resourceTimeout
            self.maxConnectionsPerHost = maxConnectionsPerHost
        }
    }

    private let session: URLSession
    private let resourceTimeout: Double

    public init(configuration: Configuration = Configuration()) {
        let settings = URLSessionConfiguration.ephemeral
        settings.timeoutIntervalForRequest = configuration.requestTimeout
        settings.timeoutIntervalForResource = configuration.resourceTimeout
        settings.httpMaximumConnectionsPerHost = configuration.maxConnectionsPerHost
        settings.httpCookieStorage = nil
        settings.httpShouldSetCookies = false
        settings.urlCache = nil
        settings.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(configuration: settings, delegate: RedirectRefusingDelegate(), delegateQueue: nil)
        self.resourceTimeout = configuration.resourceTimeout
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let urlRequest = try Self.urlRequest(for: request)
        let deadline = min(resourceTimeout, request.timeout.map { max($0, 0) } ?? .infinity)
        let (data, response) = try await exchange(urlRequest, deadline: deadline)
        guard let http = response as? HTTPURLResponse else {
            throw HTTPTransportError(.other, "not an HTTP response from \(request.method) \(Self.redactedTarget(request))")
        }
        return HTTPResponse(status: http.statusCode, headers: Self.headers(of: http), body: [UInt8](data))
    }

    /// One data task, cancelled at the whole-request deadline or when the calling task is cancelled.
    private func exchange(_ request: URLRequest, deadline: Double) async throws -> (Data, URLResponse) {
        let flight = Flight()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    let deadlinePassed = flight.finish()
                    if let data, let response {
                        continuation.resume(returning: (data, response))
                    } else if deadlinePassed {
                        continuation.resume(throwing: HTTPTransportError(.timedOut, "no complete response within \(Self.seconds(deadline)) s"))
                    } else {
                        let failure = (error as? URLError).map(Self.transportError) ?? HTTPTransportError(.other, "network error")
                        continuation.resume(throwing: failure)
                    }
                }
                flight.start(task, deadline: deadline)
            }
        } onCancel: {
            flight.cancel()
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func urlRequest(for request: HTTPRequest) throws(HTTPTransportError) -> URLRequest {
        guard let url = URL(string: request.target), url.scheme == "http" || url.scheme == "https" else {
            throw HTTPTransportError(.invalidURL, "not an absolute http(s) URL: '\(redactedTarget(request))'")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        return urlRequest
    }

    static func headers(of response: HTTPURLResponse) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for (key, value) in response.allHeaderFields {
            guard let name = key as? String, let text = value as? String else { continue }
            headers.add(name, text)
        }
        return headers
    }

    static func transportError(_ error: URLError) -> HTTPTransportError {
        switch error.code {
        case .timedOut: HTTPTransportError(.timedOut, "timed out")
        case .cancelled: HTTPTransportError(.cancelled, "cancelled")
        case .badURL, .unsupportedURL: HTTPTransportError(.invalidURL, "invalid URL")
        case .cannotConnectToHost, .cannotFindHost, .networkConnectionLost, .notConnectedToInternet,
             .dnsLookupFailed, .secureConnectionFailed:
            HTTPTransportError(.connectionFailed, "connection failed (URLError \(error.code.rawValue))")
        default: HTTPTransportError(.other, "network error (URLError \(error.code.rawValue))")
        }
    }

    /// The target without its query string, which may carry a key.
    static func redactedTarget(_ request: HTTPRequest) -> String {
        String(request.target.prefix { $0 != "?" })
    }
}

/// A data task in flight: started, cancelled by its deadline or by the caller, whichever comes first.
private final class Flight: Sendable {
    private struct State {
        var task: URLSessionDataTask?
        var cancelled = false
        var deadlinePassed = false
        var timer: Int?
    }

    private let state = Mutex(State())

    /// Forgets the task once it completed; whether its deadline cancelled it.
    func finish() -> Bool {
        let (passed, timer) = state.withLock { state in
            state.task = nil
            return (state.deadlinePassed, state.timer)
        }
        if let timer { DeadlineTimer.shared.cancel(timer) }
        return passed
    }

    func start(_ task: URLSessionDataTask, deadline seconds: Double) {
        let cancelledBefore = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        task.resume()
        if cancelledBefore { task.cancel() }
        let timer = DeadlineTimer.shared.schedule(after: seconds) { [weak self] in
            guard let self else { return }
            let running = self.state.withLock { state -> URLSessionDataTask? in
                guard let task = state.task else { return nil }
                state.deadlinePassed = true
                return task
            }
            running?.cancel()
        }
        // A response that came before this line finished without the timer: cancel it here instead.
        let finished = state.withLock { state in
            state.timer = timer
            return state.task == nil
        }
        if finished { DeadlineTimer.shared.cancel(timer) }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}

/// Hands every 3xx answer back unfollowed: URLSession would otherwise follow it and send the original
/// headers, `Authorization` included, to wherever `Location` points.
private final class RedirectRefusingDelegate: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
