import Foundation
import RefineryJSON

extension DateFormat {
    /// The instant as text in `zone`.
    func format(epochMilliseconds: Int, zone: TimeZone) -> String {
        let offset = zone.offsetSeconds(atEpochMilliseconds: epochMilliseconds)
        let civil = CivilTime(epochMilliseconds: epochMilliseconds, offsetSeconds: offset)
        var text: [UInt8] = []
        text.reserveCapacity(32)
        for piece in pieces {
            switch piece {
            case .literal(let literal): text.append(contentsOf: literal.utf8)
            case .field(let field):
                append(field, civil: civil, offset: offset, epochMilliseconds: epochMilliseconds, zone: zone, to: &text)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private func append(
        _ field: Field, civil: CivilTime, offset: Int, epochMilliseconds: Int, zone: TimeZone, to text: inout [UInt8]
    ) {
        let pad = IMLDate.appendPadded
        switch field {
        case .year4: IMLDate.appendYear(civil.year, to: &text)
        case .year2: pad(((civil.year % 100) + 100) % 100, 2, &text)
        case .quarter: pad((civil.month - 1) / 3 + 1, 1, &text)
        case .monthName: text.append(contentsOf: (Self.monthNames[civil.month - 1]).utf8)
        case .monthShort: text.append(contentsOf: (Self.monthNames[civil.month - 1].prefix(3)).utf8)
        case .month2: pad(civil.month, 2, &text)
        case .month: pad(civil.month, 1, &text)
        case .dayOfYear3: pad(civil.dayOfYear, 3, &text)
        case .dayOfYear: pad(civil.dayOfYear, 1, &text)
        case .day2: pad(civil.day, 2, &text)
        case .dayOrdinal: text.append(contentsOf: (Self.ordinal(civil.day)).utf8)
        case .day: pad(civil.day, 1, &text)
        case .weekdayName: text.append(contentsOf: (Self.weekdayNames[civil.weekday]).utf8)
        case .weekdayShort: text.append(contentsOf: (Self.weekdayNames[civil.weekday].prefix(3)).utf8)
        case .weekdayMin: text.append(contentsOf: (Self.weekdayNames[civil.weekday].prefix(2)).utf8)
        case .weekday: pad(civil.weekday, 1, &text)
        case .isoWeekday: pad((civil.weekday + 6) % 7 + 1, 1, &text)
        case .isoWeek2: pad(Self.isoWeek(civil), 2, &text)
        case .isoWeek: pad(Self.isoWeek(civil), 1, &text)
        default: appendTime(field, civil: civil, offset: offset, epochMilliseconds: epochMilliseconds, zone: zone, to: &text)
        }
    }

    private func appendTime(
        _ field: Field, civil: CivilTime, offset: Int, epochMilliseconds: Int, zone: TimeZone, to text: inout [UInt8]
    ) {
        let pad = IMLDate.appendPadded
        let hour12 = civil.hour % 12 == 0 ? 12 : civil.hour % 12
        switch field {
        case .hour2: pad(civil.hour, 2, &text)
        case .hour: pad(civil.hour, 1, &text)
        case .hour12Padded: pad(hour12, 2, &text)
        case .hour12: pad(hour12, 1, &text)
        case .hour24From1Padded: pad(civil.hour == 0 ? 24 : civil.hour, 2, &text)
        case .hour24From1: pad(civil.hour == 0 ? 24 : civil.hour, 1, &text)
        case .minute2: pad(civil.minute, 2, &text)
        case .minute: pad(civil.minute, 1, &text)
        case .second2: pad(civil.second, 2, &text)
        case .second: pad(civil.second, 1, &text)
        case .millisecond3: pad(civil.millisecond, 3, &text)
        case .millisecond2: pad(civil.millisecond / 10, 2, &text)
        case .millisecond1: pad(civil.millisecond / 100, 1, &text)
        case .meridiemUpper: text.append(contentsOf: (civil.hour < 12 ? "AM" : "PM").utf8)
        case .meridiemLower: text.append(contentsOf: (civil.hour < 12 ? "am" : "pm").utf8)
        case .offsetColon, .offsetPlain:
            text.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            pad(abs(offset) / 3600, 2, &text)
            if field == .offsetColon { text.append(UInt8(ascii: ":")) }
            pad(abs(offset) % 3600 / 60, 2, &text)
        case .zoneAbbreviation, .zoneAbbreviation2:
            let instant = Date(timeIntervalSince1970: Double(epochMilliseconds) / 1000)
            text.append(contentsOf: (zone.abbreviation(for: instant) ?? zone.identifier).utf8)
        case .unixSeconds: text.append(contentsOf: (String(CivilCalendar.floorDivide(epochMilliseconds, 1000))).utf8)
        case .unixMilliseconds: text.append(contentsOf: (String(epochMilliseconds)).utf8)
        default: break
        }
    }
}
