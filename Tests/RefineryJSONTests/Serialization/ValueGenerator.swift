import RefineryJSON

/// Seeded random JSON values for round-trip tests: every run of a test sees the same values.
struct ValueGenerator {
    private var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    mutating func next() -> UInt64 { generator.next() }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func value(depth: Int = 0) -> JSONValue {
        switch below(depth >= 4 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2: return .int(integer())
        case 3: return .double(double())
        case 4: return .string(string())
        case 5: return .array((0..<below(6)).map { _ in value(depth: depth + 1) })
        default: return .object(object(depth: depth + 1))
        }
    }

    mutating func object(depth: Int) -> JSONObject {
        var object = JSONObject()
        for _ in 0..<below(below(8) == 0 ? 30 : 6) {
            object[string()] = value(depth: depth)
        }
        return object
    }

    static let specialIntegers = [0, 1, -1, Int.max, Int.min, Int(Int32.max), 9_007_199_254_740_993]

    mutating func integer() -> Int {
        switch below(4) {
        case 0: return Self.specialIntegers[below(Self.specialIntegers.count)]
        case 1: return Int(bitPattern: UInt(next()))
        default: return below(2000) - 1000
        }
    }

    static let specialDoubles: [Double] = [
        0, -0.0, 0.1, 0.2, 0.30000000000000004, 1e16, 1e-7, 123456789012345.0, 9_007_199_254_740_992,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude,
        .pi, 1e23, 2.5, -1.0,
    ]

    /// Specials, random bit patterns (every finite double is fair game), and "money" values.
    mutating func double() -> Double {
        switch below(4) {
        case 0: return Self.specialDoubles[below(Self.specialDoubles.count)]
        case 1:
            let random = Double(bitPattern: next())
            return random.isFinite ? random : 1.5
        case 2: return Double(below(1_000_000)) / 100
        default: return Double(integer()) / Double(below(1000) + 1)
        }
    }

    /// Scalars from every class the serializer treats differently.
    static let alphabet: [Unicode.Scalar] = {
        var scalars: [Unicode.Scalar] = (0...0x20).compactMap(Unicode.Scalar.init)
        scalars += ["\"", "\\", "/", "a", "Z", "0", "~", "\u{7F}", "\u{80}", "é", "ß", "\u{2028}", "\u{2029}"]
        scalars += ["日", "本", "€", "\u{FEFF}", "\u{FFFD}", "\u{FFFF}", "😀", "👍", "\u{10000}", "\u{10FFFF}", "\u{301}"]
        return scalars
    }()

    mutating func string() -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<below(below(10) == 0 ? 40 : 8) {
            text.append(Self.alphabet[below(Self.alphabet.count)])
        }
        return String(text)
    }
}
