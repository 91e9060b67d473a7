package import Foundation

/// Golden files: expected output kept beside the tests. `RECORD_GOLDEN=1 swift test` rewrites them, and
/// the comparison still reports a mismatch once so a human looks at the change.
package enum Golden {
    package struct Mismatch: Error, CustomStringConvertible {
        package let description: String
    }

    /// Compares `actual` with the golden file `name` in `directory`. Returns nil when they match.
    package static func check(_ actual: String, name: String, directory: URL) -> Mismatch? {
        let url = directory.appendingPathComponent(name)
        let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected == actual { return nil }
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return Mismatch(description: "recorded golden file \(name): check the change and run again")
        }
        guard let expected else {
            return Mismatch(description: "no golden file \(name); run with RECORD_GOLDEN=1 to record it")
        }
        return Mismatch(description: "output differs from golden file \(name):\n" + lineDiff(expected: expected, actual: actual))
    }

    /// The source directory of a test file: pass `#filePath`.
    package static func directory(beside filePath: String, _ folder: String = "Golden") -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(folder)
    }

    /// A small line diff: the first lines that differ, marked `-` expected and `+` actual.
    package static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for index in 0..<max(old.count, new.count) where out.count < 40 {
            let lhs = index < old.count ? String(old[index]) : nil
            let rhs = index < new.count ? String(new[index]) : nil
            guard lhs != rhs else { continue }
            if let lhs { out.append("line \(index + 1) - \(lhs)") }
            if let rhs { out.append("line \(index + 1) + \(rhs)") }
        }
        return out.joined(separator: "\n")
    }
}
