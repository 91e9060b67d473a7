/// One of Make's filter operators (`exist`, `text:equal:ci`, `number:greater`, `array:contain`, ...).
public struct FilterOperator: Sendable, Hashable {
    public enum Family: String, Sendable, Hashable, CaseIterable {
        case exist, notexist, text, number, date, time, semver, array, boolean
    }

    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case equal, notequal, contain, notcontain, startwith, notstartwith, endwith, notendwith
        case pattern, notpattern, greater, less, greaterorequal, lessorequal
    }

    public var family: Family
    /// nil for the unary `exist` / `notexist`.
    public var comparison: Comparison?
    public var caseInsensitive: Bool

    /// Whether the operator takes a second operand.
    public var isUnary: Bool { comparison == nil }

    static let ordering: [Comparison] = [.equal, .notequal, .greater, .less, .greaterorequal, .lessorequal]
    static let textComparisons: [Comparison] = [
        .equal, .notequal, .contain, .notcontain, .startwith, .notstartwith, .endwith, .notendwith, .pattern, .notpattern,
    ]

    /// Every operator Make accepts, spelled as in blueprints.
    public static let allNames: [String] = {
        var names = ["exist", "notexist"]
        for comparison in textComparisons { names += ["text:\(comparison)", "text:\(comparison):ci"] }
        for family in ["number", "date", "time", "semver"] {
            names += ordering.map { "\(family):\($0)" }
        }
        names += ["array:contain", "array:contain:ci", "array:notcontain", "array:notcontain:ci"]
        names += ordering.map { "array:\($0)" }
        names += ["boolean:equal", "boolean:notequal"]
        return names
    }()

    private static let known = Set(allNames)

    /// Parses a blueprint operator; nil when Make has no such operator.
    public init?(_ name: String) {
        guard Self.known.contains(name) else { return nil }
        let parts = name.split(separator: ":").map(String.init)
        guard let family = Family(rawValue: parts[0]) else { return nil }
        self.family = family
        self.comparison = parts.count > 1 ? Comparison(rawValue: parts[1]) : nil
        self.caseInsensitive = parts.count > 2 && parts[2] == "ci"
    }

    public var name: String {
        guard let comparison else { return family.rawValue }
        return "\(family.rawValue):\(comparison.rawValue)" + (caseInsensitive ? ":ci" : "")
    }
}
