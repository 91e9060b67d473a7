import Foundation
import IML
import RefineryJSON

/// How filter operands are read as text, numbers, dates, times, versions and booleans.
enum FilterOperands {
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .array(let items): items.map(text).joined(separator: ", ")
        case .object: value.serialized()
        }
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        case .string(let text): Double(text) ?? Double(text.trimmingCharacters(in: .whitespaces))
        case .bool(let flag): flag ? 1 : 0
        default: nil
        }
    }

    static func bool(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let flag): flag
        case .int(let number): number != 0
        case .string(let text):
            switch text.lowercased() {
            case "true", "1", "yes": true
            case "false", "0", "no", "": false
            default: nil
            }
        case .null: false
        default: nil
        }
    }

    /// ISO 8601 (date, date-time with or without fraction and zone) or a Unix timestamp (seconds, or
    /// milliseconds when it is that large).
    static func date(_ value: JSONValue) -> Date? {
        if let number = value.doubleValue { return Date(timeIntervalSince1970: abs(number) > 1e11 ? number / 1000 : number) }
        guard let text = value.stringValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let number = Double(text) { return date(.double(number)) }
        return ISODate.parse(text)
    }

    /// Seconds since midnight of `HH:mm[:ss]`, or of a date-time's time (UTC).
    static func time(_ value: JSONValue) -> Double? {
        guard let text = value.stringValue?.trimmingCharacters(in: .whitespaces) else { return nil }
        let parts = text.split(separator: ":")
        if (2...3).contains(parts.count), let hours = Double(parts[0]), let minutes = Double(parts[1]) {
            let seconds = parts.count == 3 ? Double(parts[2]) : 0
            if let seconds, hours < 24, minutes < 60, seconds < 61 { return hours * 3600 + minutes * 60 + seconds }
        }
        guard let date = date(value) else { return nil }
        return date.timeIntervalSince1970.truncatingRemainder(dividingBy: 86400)
    }

    static func semver(_ value: JSONValue) -> SemanticVersion? {
        SemanticVersion(text(value))
    }
}

/// `major.minor.patch[-prerelease]`, compared as SemVer 2.0 (prerelease compared as text).
struct SemanticVersion: Comparable {
    var numbers: [Int]
    var prerelease: String?

    init?(_ text: String) {
        var core = Substring(text.trimmingCharacters(in: .whitespaces))
        if core.hasPrefix("v") { core = core.dropFirst() }
        core = core.split(separator: "+", maxSplits: 1).first ?? core
        let pieces = core.split(separator: "-", maxSplits: 1)
        guard let first = pieces.first else { return nil }
        let numbers = first.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(numbers.count), numbers.allSatisfy({ $0 != nil }) else { return nil }
        self.numbers = numbers.compactMap { $0 } + Array(repeating: 0, count: 3 - numbers.count)
        self.prerelease = pieces.count > 1 ? String(pieces[1]) : nil
    }

    static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if lhs.numbers != rhs.numbers { return lhs.numbers.lexicographicallyPrecedes(rhs.numbers) }
        switch (lhs.prerelease, rhs.prerelease) {
        case (nil, _): return false
        case (_, nil): return true
        case (let a?, let b?): return a < b
        }
    }
}
