import Foundation

/// The process's peak resident set (VmHWM from /proc/self/status); nil where /proc is not available.
enum PeakMemory {
    static func megabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        return kilobytes / 1024
    }

    static func text() -> String? {
        megabytes().map { String(format: "%.1f MB", $0) }
    }
}
