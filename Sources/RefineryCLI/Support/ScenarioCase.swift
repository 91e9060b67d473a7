import Foundation
import RefineryJSON

/// A scenario `refinery test` found: `NAME.json`, with `NAME.cassette.json` (the recorded HTTP) and
/// `NAME.expected.json` (the run report it must give) beside it. Paths are as the user would write them.
struct ScenarioCase: Sendable, Hashable {
    static let cassetteSuffix = ".cassette.json"
    static let expectationSuffix = ".expected.json"

    /// The blueprint, e.g. `scenarios/nps.json`.
    let file: String
    var cassette: String { Self.companion(of: file, suffix: Self.cassetteSuffix) }
    var expectation: String { Self.companion(of: file, suffix: Self.expectationSuffix) }

    /// `scenarios/nps.json` -> `scenarios/nps.cassette.json`.
    static func companion(of file: String, suffix: String) -> String {
        String(file.dropLast(".json".count)) + suffix
    }

    /// True for cassettes and expectations: files beside scenarios that are not scenarios.
    static func isCompanion(_ file: String) -> Bool {
        file.hasSuffix(cassetteSuffix) || file.hasSuffix(expectationSuffix)
    }

    /// Every scenario under `path` (a folder, searched recursively, or one blueprint), sorted. A file with
    /// a cassette beside it is always a scenario; one without counts only if it looks like a blueprint
    /// (an object with a `flow`, or not JSON at all), so other JSON in the folder is left alone.
    static func find(_ path: String, collector: FileCollector) throws(UsageError) -> [ScenarioCase] {
        try collector.collect([path]).filter { !isCompanion($0) }.compactMap { file in
            let found = ScenarioCase(file: file.hasPrefix("./") ? String(file.dropFirst(2)) : file)
            let cassettePath = collector.resolve(found.cassette)
            if FileManager.default.fileExists(atPath: cassettePath) { return found }
            return looksLikeScenario(collector.resolve(file)) ? found : nil
        }
    }

    private static func looksLikeScenario(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return true }
        guard let value = try? JSONValue(parsing: Array(data)) else { return true }
        return value["flow"]?.arrayValue != nil
    }
}
