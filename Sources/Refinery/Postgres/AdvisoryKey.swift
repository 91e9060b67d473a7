/// The 64-bit keys of PostgreSQL advisory locks: FNV-1a of a name, so every process derives the same
/// key for the same scenario. A clash of two names would only make them wait on each other.
enum AdvisoryKey {
    static let migration = key("refinery:migrate")

    static func state(_ scenario: String) -> Int { key("refinery:state:" + scenario) }
    static func scheduledRun(_ scenario: String) -> Int { key("refinery:schedule:" + scenario) }
    static func queue(_ scenario: String) -> Int { key("refinery:queue:" + scenario) }
    static func dataStore(_ name: String) -> Int { key("refinery:datastore:" + name) }

    static func key(_ name: String) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(Int64(bitPattern: hash))
    }
}
