extension JSONParser {
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. Integers that fit in 64 bits stay integers;
    /// larger ones and anything with a fraction or exponent become doubles; `-0` is the double `-0.0` so it
    /// survives a round trip; a number beyond `Double`'s range is an error.
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        let negative = consume(UInt8(ascii: "-"))
        let integerStart = position
        guard let first = peek(), isDigit(first) else {
            throw error("json.invalid-number", "expected a digit after '-', found \(describeCurrent())")
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        if first == UInt8(ascii: "0") {
            position += 1
            if let next = peek(), isDigit(next) {
                throw error("json.leading-zero", "expected '.', 'e' or the end of the number after a leading '0' (leading zeros are not allowed)", at: integerStart)
            }
        } else {
            scanDigits(into: &mantissa, count: &significantDigits)
        }
        let integerDigits = significantDigits
        var exponent = 0
        var isInteger = true
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            guard let next = peek(), isDigit(next) else {
                throw error("json.invalid-number", "expected a digit after the decimal point, found \(describeCurrent())")
            }
            scanDigits(into: &mantissa, count: &significantDigits)
            exponent -= significantDigits - integerDigits
        }
        if let letter = peek(), letter == UInt8(ascii: "e") || letter == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            exponent += try parseExponent()
        }
        if isInteger, significantDigits <= 18 {
            let magnitude = Int(mantissa)
            if negative && magnitude == 0 { return .double(-0.0) }
            return .int(negative ? -magnitude : magnitude)
        }
        return try slowNumber(start: start, negative: negative, isInteger: isInteger, mantissa: mantissa, digits: significantDigits, exponent: exponent)
    }

    /// Integers of 19+ digits, and doubles: exact fast path when the mantissa and the power of ten are both
    /// exactly representable (Clinger), otherwise the standard library's correctly rounded conversion.
    private func slowNumber(
        start: Int, negative: Bool, isInteger: Bool, mantissa: UInt64, digits: Int, exponent: Int
    ) throws(JSONSyntaxError) -> JSONValue {
        if !isInteger, digits <= 15, (-22...22).contains(exponent) {
            var result = Double(mantissa)
            if exponent < 0 { result /= Self.powersOfTen[-exponent] } else { result *= Self.powersOfTen[exponent] }
            return .double(negative ? -result : result)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        if isInteger, let integer = Int(text) { return .int(integer) }
        guard let result = Double(text) else {
            throw error("json.invalid-number", "expected a number, found '\(text)'", at: start)
        }
        guard result.isFinite else {
            throw error("json.number-out-of-range", "expected a number within the range of a 64-bit double, found '\(text)'", at: start)
        }
        return .double(result)
    }

    private mutating func parseExponent() throws(JSONSyntaxError) -> Int {
        var negative = false
        if consume(UInt8(ascii: "-")) { negative = true } else { _ = consume(UInt8(ascii: "+")) }
        guard let next = peek(), isDigit(next) else {
            throw error("json.invalid-number", "expected a digit in the exponent, found \(describeCurrent())")
        }
        var value = 0
        while let byte = peek(), isDigit(byte) {
            if value < 100_000 { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
            position += 1
        }
        return negative ? -value : value
    }

    /// Digits into `mantissa` while it stays exact (19 digits); further digits are only counted.
    @inline(__always)
    private mutating func scanDigits(into mantissa: inout UInt64, count: inout Int) {
        while position < bytes.count {
            let byte = bytes[position]
            guard isDigit(byte) else { return }
            if count < 19 { mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0")) }
            count += 1
            position += 1
        }
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
