import Foundation

/// Best-of-N wall-clock timing with the monotonic clock.
enum Stopwatch {
    /// The shortest of `repetitions` runs of `body`, in seconds, after one untimed warm-up run.
    static func best<R>(of repetitions: Int, _ body: () throws -> R) rethrows -> Double {
        blackHole(try body())
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<max(1, repetitions) {
            var result: R?
            let elapsed = try clock.measure { result = try body() }
            blackHole(result)
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return best
    }

    /// The shortest of `repetitions` runs of an async `body`, in seconds (no warm-up: each run is long).
    static func bestAsync(of repetitions: Int, _ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<max(1, repetitions) {
            let started = clock.now
            try await body()
            best = min(best, (clock.now - started).seconds)
        }
        return best
    }

    /// Keeps the optimizer from dropping a result that is never used.
    @inline(never)
    static func blackHole<T>(_ value: T) {
        withExtendedLifetime(value) {}
    }
}

enum Format {
    /// `1234`, `12.3`, `1.23`: about three significant figures.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if abs(value) >= 100 { return String(format: "%.0f", value) }
        if abs(value) >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }

    static func megabytes(_ bytes: Int) -> String {
        number(Double(bytes) / 1_000_000) + " MB"
    }
}
