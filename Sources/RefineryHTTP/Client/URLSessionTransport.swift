import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An `HTTPTransport` over its own `URLSession` (never `URLSession.shared`), with timeouts and no
/// cookies or caches: every request is exactly what the caller built. It never follows a redirect: a
/// 3xx answer is returned as it is, for `RedirectFollower` to decide what may go where.
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
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let urlRequest = try Self.urlRequest(for: request)
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            throw Self.transportError(error)
        }
        guard let http = response as? HTTPURLResponse else {
            throw HTTPTransportError(.other, "not an HTTP response from \(request.method) \(Self.redactedTarget(request))")
        }
        return HTTPResponse(status: http.statusCode, headers: Self.headers(of: http), body: [UInt8](data))
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
