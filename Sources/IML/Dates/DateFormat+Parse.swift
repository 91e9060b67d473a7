import Foundation

extension DateFormat {
    /// What the fields read so far say about the date.
    private struct Parsed {
        var civil: CivilTime
        var pm: Bool?
        var offset: Int?
        var epochMilliseconds: Int?
    }

    /// Reads `text` with this format. Missing fields default to January 1st of `defaultYear`, midnight;
    /// without an offset token the time is wall-clock time in `zone`. Nil when the text does not match.
    func parse(_ text: String, zone: TimeZone, defaultYear: Int) -> Int? {
        var reader = DigitReader(text)
        var parsed = Parsed(civil: CivilTime(year: defaultYear, month: 1, day: 1))
        for piece in pieces {
            switch piece {
            case .literal(let literal):
                guard Self.skipLiteral(literal, in: &reader) else { return nil }
            case .field(let field):
                guard read(field, from: &reader, into: &parsed) else { return nil }
            }
        }
        while let byte = reader.current, byte == 32 || byte == 9 || byte == 10 || byte == 13 { reader.position += 1 }
        guard reader.isAtEnd else { return nil }
        if let epoch = parsed.epochMilliseconds { return epoch }
        if let pm = parsed.pm {
            guard (1...12).contains(parsed.civil.hour) else { return nil }
            parsed.civil.hour = parsed.civil.hour % 12 + (pm ? 12 : 0)
        }
        guard DateInput.isValid(parsed.civil) else { return nil }
        if let offset = parsed.offset { return parsed.civil.millisecondsAsUTC - offset * 1000 }
        return zone.epochMilliseconds(of: parsed.civil)
    }

    /// Literal text must match, except that any run of spaces and punctuation matches any other.
    private static func skipLiteral(_ literal: String, in reader: inout DigitReader) -> Bool {
        for byte in literal.utf8 {
            if reader.current == byte {
                reader.position += 1
            } else if !DigitReader.isLetter(byte) && !DigitReader.isDigit(byte),
                      let current = reader.current, !DigitReader.isLetter(current), !DigitReader.isDigit(current) {
                reader.position += 1
            } else if byte != 32 {
                return false
            }
        }
        return true
    }

    private func read(_ field: Field, from reader: inout DigitReader, into parsed: inout Parsed) -> Bool {
        func number(_ minimum: Int, _ maximum: Int, _ store: (inout Parsed, Int) -> Void) -> Bool {
            guard let value = reader.number(minimum: minimum, maximum: maximum) else { return false }
            store(&parsed, value)
            return true
        }
        switch field {
        case .year4: return number(4, 4) { $0.civil.year = $1 }
        case .year2: return number(2, 2) { $0.civil.year = $1 < 69 ? 2000 + $1 : 1900 + $1 }
        case .month2, .month: return number(1, 2) { $0.civil.month = $1 }
        case .day2, .day: return number(1, 2) { $0.civil.day = $1 }
        case .dayOrdinal:
            guard number(1, 2, { $0.civil.day = $1 }) else { return false }
            return Self.skipLetters(&reader) > 0
        case .monthName, .monthShort:
            guard let index = Self.name(in: &reader, from: Self.monthNames) else { return false }
            parsed.civil.month = index + 1
            return true
        case .weekdayName, .weekdayShort, .weekdayMin: return Self.name(in: &reader, from: Self.weekdayNames) != nil
        case .hour2, .hour, .hour12Padded, .hour12, .hour24From1Padded, .hour24From1:
            return number(1, 2) { $0.civil.hour = $1 == 24 ? 0 : $1 }
        case .minute2, .minute: return number(1, 2) { $0.civil.minute = $1 }
        case .second2, .second: return number(1, 2) { $0.civil.second = $1 }
        case .millisecond3, .millisecond2, .millisecond1:
            guard let value = reader.fractionMilliseconds() else { return false }
            parsed.civil.millisecond = value
            return true
        case .meridiemUpper, .meridiemLower: return readMeridiem(&reader, &parsed)
        case .offsetColon, .offsetPlain:
            guard let offset = reader.offsetSeconds() else { return false }
            parsed.offset = offset
            return true
        case .unixSeconds, .unixMilliseconds: return readEpoch(field, &reader, &parsed)
        default: return number(1, 4) { _, _ in }
        }
    }

    private func readMeridiem(_ reader: inout DigitReader, _ parsed: inout Parsed) -> Bool {
        let start = reader.position
        let letters = Self.skipLetters(&reader)
        let word = reader.text(start..<start + letters).lowercased()
        guard word == "am" || word == "pm" else { return false }
        parsed.pm = word == "pm"
        return true
    }

    private func readEpoch(_ field: Field, _ reader: inout DigitReader, _ parsed: inout Parsed) -> Bool {
        let negative = reader.skip("-")
        guard var value = reader.number(minimum: 1, maximum: 15) else { return false }
        if negative { value = -value }
        if field == .unixSeconds {
            var milliseconds = value * 1000
            if reader.skip("."), let fraction = reader.fractionMilliseconds() {
                milliseconds += negative ? -fraction : fraction
            }
            parsed.epochMilliseconds = milliseconds
        } else {
            parsed.epochMilliseconds = value
        }
        return true
    }

    private static func skipLetters(_ reader: inout DigitReader) -> Int {
        var count = 0
        while let byte = reader.current, DigitReader.isLetter(byte) {
            reader.position += 1
            count += 1
        }
        return count
    }

    /// The index of the name the text starts with (full name or its first three letters), ignoring case.
    private static func name(in reader: inout DigitReader, from names: [String]) -> Int? {
        let start = reader.position
        let word = reader.text(start..<start + skipLetters(&reader)).lowercased()
        guard word.count >= 2 else { return nil }
        return names.firstIndex { $0.lowercased() == word || $0.lowercased().hasPrefix(word) && word.count >= 3 }
    }
}
