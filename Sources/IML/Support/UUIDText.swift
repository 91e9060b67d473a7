/// Version 4 UUIDs drawn from the evaluation's seeded generator, in lowercase.
enum UUIDText {
    static func random(using generator: inout SeededGenerator) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let high = generator.next(), low = generator.next()
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (index * 8))
            bytes[index + 8] = UInt8(truncatingIfNeeded: low >> (index * 8))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text = Hex.string(bytes)
        for position in [8, 13, 18, 23] {
            text.insert("-", at: text.index(text.startIndex, offsetBy: position))
        }
        return text
    }
}

enum Hex {
    private static let digits = Array("0123456789abcdef".unicodeScalars)

    static func string(_ bytes: some Sequence<UInt8>) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(text)
    }
}
