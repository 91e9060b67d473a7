import Foundation
import RefineryHTTP
import RefineryJSON

/// Replay of a cassette holding 20,000 contacts over 20 pages of 1000 (DESIGN.md, issue 7).
///
/// `record(to:)` builds the cassette by recording a generated Refiner-like `/v1/contacts` listing through
/// a `CassetteSession` (redaction, post-write secret scan, atomic write); `replay(from:)` loads it and
/// pages through it like a search module would, parsing every page. Each phase reports wall time and
/// the process's peak resident memory (VmHWM), so run them in separate processes for clean peaks.
/// Helpers are nested so they cannot collide with the bench driver's own names.
enum ReplayBenchmark {
    static let pages = 20
    static let pageLength = 1000
    static let apiKey = "bench_key_7d3f0a9c2e41"

    /// Records the cassette; returns report lines.
    static func record(to file: URL, pages: Int = pages) async throws -> [String] {
        let idle = PeakMemory.megabytes()
        let redactor = try Redactor(secrets: [.init(name: "connection.apiKey", value: apiKey)], sanitize: ["request.headers.authorization"])
        let started = ContinuousClock.now
        let session = CassetteSession.record(to: file, live: InProcessTransport(handler: ContactPages(pages: pages)), clock: VirtualRunClock(), redactor: redactor)
        let count = try await listAll(through: session.transport)
        try session.finish()
        let elapsed = ContinuousClock.now - started
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        return [
            "replay.record: \(count) contacts, \(pages) pages, cassette \(size / 1024) KiB",
            "replay.record: \(format(elapsed)) (generate, record, redact, scan, write)",
            "replay.record: peak RSS \(PeakMemory.text(), default: "n/a") (at start \(idle.map { String(format: "%.1f MB", $0) } ?? "n/a"))",
        ]
    }

    /// Replays the cassette `runs` times in this process; returns report lines.
    static func replay(from file: URL, runs: Int = 5) async throws -> [String] {
        let idle = PeakMemory.megabytes()
        var times: [Duration] = []
        var count = 0
        for _ in 0..<runs {
            let started = ContinuousClock.now
            let session = try CassetteSession.replay(from: file)
            count = try await listAll(through: session.transport)
            guard try session.finish().unused.isEmpty else { throw CassetteError(.invalid, "unused interactions") }
            times.append(ContinuousClock.now - started)
        }
        let sorted = times.sorted()
        return [
            "replay.replay: \(count) contacts, \(pages) pages, \(runs) runs",
            "replay.replay: median \(format(sorted[sorted.count / 2])), best \(format(sorted[0])) (load + parse cassette, match, serve, parse pages)",
            "replay.replay: peak RSS \(PeakMemory.text(), default: "n/a") (at start \(idle.map { String(format: "%.1f MB", $0) } ?? "n/a"))",
        ]
    }

    /// Pages through `/v1/contacts` with `page_cursor` until there is no next cursor, parsing each page.
    static func listAll(through transport: any HTTPTransport) async throws -> Int {
        var cursor: String?
        var total = 0
        repeat {
            var target = "https://api.refiner.io/v1/contacts?page_length=\(pageLength)"
            if let cursor { target += "&page_cursor=\(cursor)" }
            let request = HTTPRequest(method: .get, target: target, headers: ["Authorization": "Bearer \(apiKey)", "Accept": "application/json"])
            let page = try await transport.send(request).jsonBody()
            total += page["items"]?.arrayValue?.count ?? 0
            cursor = page["pagination"]?["next_page_cursor"]?.stringValue
        } while cursor != nil
        return total
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}

extension ReplayBenchmark {
    /// Generates Refiner contact pages (the shape of refiner-api.md §2.4) deterministically.
    struct ContactPages: HTTPHandler {
        var pages = ReplayBenchmark.pages

        func handle(_ request: HTTPRequest) async -> HTTPResponse {
            let cursor = request.queryItems.first { $0.name == "page_cursor" }?.value
            let page = cursor.flatMap { Int($0.dropFirst("cursor-".count)) } ?? 1
            let length = ReplayBenchmark.pageLength
            let items = (0..<length).map { Self.contact((page - 1) * length + $0) }
            let next: JSONValue = page < pages ? .string("cursor-\(page + 1)") : .null
            let pagination: JSONValue = [
                "items_count": .int(pages * length), "current_page": .int(page),
                "last_page": .int(pages), "page_length": .int(length), "next_page_cursor": next,
            ]
            return .json(["items": .array(items), "pagination": pagination])
        }

        static func contact(_ number: Int) -> JSONValue {
            [
                "uuid": .string(String(format: "c0ffee00-0000-4000-8000-%012d", number)),
                "remote_id": .string("user-\(number)"),
                "email": .string("contact\(number)@example.com"),
                "display_name": .string("Contact \(number)"),
                "first_seen_at": "2025-11-02T09:14:00+00:00",
                "last_seen_at": "2026-01-15T17:40:12+00:00",
                "attributes": ["plan": .string(number % 3 == 0 ? "pro" : "free"), "seats": .string("\(number % 50)"), "nps": .string("\(number % 11)")],
                "segments": [["uuid": "5e6d0000-0000-4000-8000-000000000001", "name": "Active users", "created_at": "2025-12-01T00:00:00+00:00"]],
                "account": .null,
            ]
        }
    }

    /// Peak resident set size of this process, from /proc/self/status (Linux); nil elsewhere.
}

extension ReplayBenchmark {
    static let section = BenchmarkSection(name: "replay", summary: "record, then replay, a cassette of 20,000 contacts over 20 pages") { options in
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("refinery-bench-\(UUID().uuidString).cassette.json")
        defer { try? FileManager.default.removeItem(at: file) }
        let recording = try await Stopwatch.bestAsync(of: 1) {
            _ = try await record(to: file, pages: options.size(full: pages, quick: pages, smoke: 1))
        }
        let runs = options.size(full: 5, quick: 2, smoke: 1)
        let replaying = try await Stopwatch.bestAsync(of: runs) {
            let session = try CassetteSession.replay(from: file)
            _ = try await listAll(through: session.transport)
            guard try session.finish().unused.isEmpty else { throw CassetteError(.invalid, "unused interactions") }
        }
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        return [
            BenchmarkResult("record (cassette \(size / 1_048_576) MB)", value: recording, unit: "s"),
            BenchmarkResult("replay, best of \(runs)", value: replaying, unit: "s"),
            BenchmarkResult("peak memory (whole process so far)", value: PeakMemory.megabytes() ?? 0, unit: "MB"),
        ]
    }
}
