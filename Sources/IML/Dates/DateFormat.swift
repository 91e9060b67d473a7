import Foundation
import RefineryJSON

/// A moment.js-style format (`YYYY-MM-DD HH:mm`, `Do MMMM YYYY`, `[at] h A`), compiled once into tokens.
struct DateFormat: Sendable, Hashable {
    enum Field: String, Sendable, CaseIterable {
        case year4 = "YYYY", year2 = "YY", quarter = "Q"
        case monthName = "MMMM", monthShort = "MMM", month2 = "MM", month = "M"
        case dayOfYear3 = "DDDD", dayOfYear = "DDD", day2 = "DD", dayOrdinal = "Do", day = "D"
        case weekdayName = "dddd", weekdayShort = "ddd", weekdayMin = "dd", weekday = "d", isoWeekday = "E"
        case isoWeek2 = "WW", isoWeek = "W"
        case hour2 = "HH", hour = "H", hour12Padded = "hh", hour12 = "h", hour24From1Padded = "kk", hour24From1 = "k"
        case minute2 = "mm", minute = "m", second2 = "ss", second = "s"
        case millisecond3 = "SSS", millisecond2 = "SS", millisecond1 = "S"
        case meridiemUpper = "A", meridiemLower = "a"
        case offsetColon = "Z", offsetPlain = "ZZ", zoneAbbreviation = "z", zoneAbbreviation2 = "zz"
        case unixSeconds = "X", unixMilliseconds = "x"
    }

    enum Piece: Sendable, Hashable {
        case literal(String)
        case field(Field)
    }

    let pieces: [Piece]

    /// Field names, longest first, so `MMMM` wins over `MM`.
    private static let fieldsByLength: [Field] = Field.allCases.sorted { $0.rawValue.count > $1.rawValue.count }

    init(_ format: String) {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(format)
        while let first = rest.first {
            if first == "[" , let close = rest.firstIndex(of: "]") {
                literal += rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
            } else if let field = Self.fieldsByLength.first(where: { rest.hasPrefix($0.rawValue) }) {
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = ""
                pieces.append(.field(field))
                rest = rest.dropFirst(field.rawValue.count)
            } else {
                literal.append(first)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func ordinal(_ number: Int) -> String {
        let suffix: String
        switch (number % 100, number % 10) {
        case (11...13, _): suffix = "th"
        case (_, 1): suffix = "st"
        case (_, 2): suffix = "nd"
        case (_, 3): suffix = "rd"
        default: suffix = "th"
        }
        return String(number) + suffix
    }

    /// ISO 8601 week number and its year.
    static func isoWeek(_ civil: CivilTime) -> Int {
        let isoWeekday = (civil.weekday + 6) % 7 + 1
        let thursday = civil.daysSinceEpoch - isoWeekday + 4
        let (year, _, _) = CivilCalendar.civil(fromDays: thursday)
        let firstDay = CivilCalendar.days(year: year, month: 1, day: 1)
        return (thursday - firstDay) / 7 + 1
    }
}
