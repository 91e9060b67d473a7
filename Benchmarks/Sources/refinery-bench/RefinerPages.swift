import RefineryJSON

/// A deterministic generator of documents shaped like Refiner's list responses: pages of contacts with
/// attributes, segments and an account, in the `items` + `pagination` envelope.
struct RefinerPages {
    private var random: SplitMix64
    private var contactNumber = 0

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// Pages of `pageLength` contacts until the compact text reaches `targetBytes`: a JSON array of pages.
    mutating func document(targetBytes: Int, pageLength: Int = 1000) -> JSONValue {
        var pages: [JSONValue] = []
        var size = 0
        while size < targetBytes {
            let page = self.page(number: pages.count + 1, length: pageLength)
            size += page.serializedBytes().count
            pages.append(page)
        }
        return .array(pages)
    }

    mutating func page(number: Int, length: Int) -> JSONValue {
        let items = (0..<length).map { _ in contact() }
        let pagination: JSONValue = [
            "items_count": .int(length * 50), "current_page": .int(number), "last_page": 50,
            "page_length": .int(length), "next_page_cursor": .string(hex(24)),
        ]
        return ["items": .array(items), "pagination": pagination]
    }

    private mutating func contact() -> JSONValue {
        contactNumber += 1
        let name = pick(Self.names)
        var contact: JSONObject = [
            "uuid": .string(uuid()),
            "remote_id": chance(0.9) ? .string("user-\(contactNumber)") : .null,
            "email": .string(name.lowercased().filter(\.isLetter).prefix(12) + "+\(contactNumber)@example.com"),
            "display_name": .string(name),
            "first_seen_at": .string(timestamp()),
            "last_seen_at": chance(0.8) ? .string(timestamp()) : .null,
            "attributes": attributes(),
            "segments": .array((0..<next(4)).map { _ in segment() }),
        ]
        contact["account"] = chance(0.7) ? account() : .null
        return .object(contact)
    }

    private mutating func attributes() -> JSONValue {
        [
            "plan": .string(pick(["free", "starter", "pro", "enterprise"])),
            "seats": .int(next(500)),
            "mrr": .double(Double(next(1_000_000)) / 100),
            "nps_score": .string(String(next(11))),
            "is_trial": .bool(chance(0.3)),
            "company_size": chance(0.5) ? .int(next(10_000)) : .null,
            "last_login_at": .string(timestamp()),
            "country": .string(pick(["DE", "FR", "US", "JP", "BR", "IN"])),
            "feedback": .string(pick(Self.feedback)),
            "lifetime_value": .double(Double(next(10_000_000)) / 7),
        ]
    }

    private mutating func segment() -> JSONValue {
        [
            "uuid": .string(uuid()), "name": .string(pick(["Power users", "Churn risk", "Trial", "Détracteurs"])),
            "created_at": .string(timestamp()), "updated_at": .string(timestamp()),
        ]
    }

    private mutating func account() -> JSONValue {
        [
            "uuid": .string(uuid()), "remote_id": .string("acct-\(next(100_000))"),
            "display_name": .string(pick(["Acme GmbH", "Globex", "Initech", "Umbrella 株式会社"])),
            "domain": .string(pick(["acme.example", "globex.example", "initech.example"])),
            "first_seen_at": .string(timestamp()), "last_seen_at": .string(timestamp()),
            "attributes": ["industry": .string(pick(["SaaS", "Retail", "Finance"])), "employees": .int(next(5000)), "arr": .double(Double(next(100_000_000)) / 100)],
        ]
    }

    static let names = ["Ada Lovelace", "Zoë Ångström", "José Núñez", "李小龙", "Grace Hopper", "Søren Kierkegaard", "Alan Turing", "Emmy Noether"]
    static let feedback = [
        "Great product!", "The \"export\" button is hard to find.\nPlease move it.", "Très bien 👍",
        "Slow on mobile \u{2014} 3s to load", "C:\\Users\\me\\report.csv fails to import", "",
    ]

    private mutating func uuid() -> String {
        "\(hex(8))-\(hex(4))-11ea-\(hex(4))-\(hex(12))"
    }

    private mutating func timestamp() -> String {
        let day = 1 + next(28), hour = next(24), minute = next(60), second = next(60)
        return "2024-\(pad(1 + next(12)))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second)).000000Z"
    }

    private func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

    private mutating func hex(_ count: Int) -> String {
        String((0..<count).map { _ in Self.hexDigits[next(16)] })
    }

    private static let hexDigits = Array("0123456789abcdef")

    private mutating func next(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    private mutating func chance(_ probability: Double) -> Bool { Double(random.next() % 1000) < probability * 1000 }
    private mutating func pick<T>(_ choices: [T]) -> T { choices[next(choices.count)] }
}

/// A small, fast, seeded generator (SplitMix64), so every run measures the same document.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
