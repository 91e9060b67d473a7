import Foundation
import RefineryHTTP
import Synchronization

/// On a terminal, a line on stderr while a request has waited `after` seconds or more for its answer:
/// what it waits for (method, host and path: never the query, which may carry a key) and for how long,
/// rewritten every second and cleared when the answer comes. A hung API shows itself at once instead of
/// a silent command.
final class WaitingIndicator: Sendable {
    /// Shorter waits are not worth a line.
    static let after = 2.0

    private struct Waiting {
        var label: String
        var since: Date
    }

    private struct State {
        var inFlight: [Int: Waiting] = [:]
        var nextId = 0
        var shown = false
        var ticker: Task<Void, Never>?
    }

    private let console: Console
    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    init(console: Console, now: @escaping @Sendable () -> Date = { Date() }) {
        self.console = console
        self.now = now
    }

    /// An indicator for `context` when its stderr is a terminal and `enabled`, else nil.
    static func onTerminal(_ context: CommandContext, enabled: Bool = true) -> WaitingIndicator? {
        enabled && context.console.stderrIsTerminal ? WaitingIndicator(console: context.console) : nil
    }

    /// `transport`, with every request it sends watched by this indicator.
    func watching(_ transport: any HTTPTransport) -> any HTTPTransport {
        WatchedTransport(base: transport, indicator: self)
    }

    func begin(_ request: HTTPRequest) -> Int {
        let waiting = Waiting(label: Self.label(request), since: now())
        return state.withLock { state in
            state.nextId += 1
            state.inFlight[state.nextId] = waiting
            return state.nextId
        }
    }

    func end(_ id: Int) {
        state.withLock { _ = $0.inFlight.removeValue(forKey: id) }
    }

    /// What the line says at `date`: the request that has waited longest, when it has waited long enough.
    func line(at date: Date) -> String? {
        let oldest = state.withLock { $0.inFlight.values.min { $0.since < $1.since } }
        guard let oldest else { return nil }
        let waited = date.timeIntervalSince(oldest.since)
        guard waited >= Self.after else { return nil }
        return "waiting \(Int(waited)) s for an answer to \(oldest.label)"
    }

    /// Redraws the line every second until `stop()`.
    func start() {
        let ticker = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                redraw()
            }
        }
        state.withLock { $0.ticker = ticker }
    }

    /// Stops redrawing and clears the line.
    func stop() {
        let (ticker, shown) = state.withLock { state in
            defer { state.ticker = nil; state.shown = false }
            return (state.ticker, state.shown)
        }
        ticker?.cancel()
        if shown { console.err("\r\u{1B}[K") }
    }

    func redraw() {
        let line = line(at: now())
        let wasShown = state.withLock { state in
            defer { state.shown = line != nil }
            return state.shown
        }
        if let line {
            console.err("\r\u{1B}[K" + line)
        } else if wasShown {
            console.err("\r\u{1B}[K")
        }
    }

    static func label(_ request: HTTPRequest) -> String {
        guard let url = URL(string: request.target), let host = url.host else { return "\(request.method) \(request.path)" }
        return "\(request.method) \(host)\(url.port.map { ":\($0)" } ?? "")\(url.path)"
    }
}

private struct WatchedTransport: HTTPTransport {
    let base: any HTTPTransport
    let indicator: WaitingIndicator

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = indicator.begin(request)
        defer { indicator.end(id) }
        return try await base.send(request)
    }
}
