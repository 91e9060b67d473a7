import Foundation
import RefineryHTTP
import RefineryJSON
import RefinerySandbox
import Testing

/// The sandbox's uuids are RFC 9562 version-1 (time-based) uuids, as Refiner's, and deterministic.
@Suite struct UUIDTests {
    /// Version nibble 1, variant bits `10`, lowercase hex in 8-4-4-4-12.
    static func isVersion1(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            let isHex = (48...57).contains(byte) || (97...102).contains(byte)
            guard [8, 13, 18, 23].contains(index) ? byte == 45 : isHex else { return false }
        }
        return bytes[14] == UInt8(ascii: "1") && "89ab".utf8.contains(bytes[19])
    }

    /// The 60-bit timestamp of a version-1 uuid, as a date.
    static func timestamp(_ text: String) -> Date? {
        let hex = text.split(separator: "-").map(String.init)
        guard hex.count == 5, let low = UInt64(hex[0], radix: 16), let mid = UInt64(hex[1], radix: 16),
              let high = UInt64(hex[2], radix: 16) else { return nil }
        let ticks = (high & 0x0FFF) << 48 | mid << 32 | low
        return Date(timeIntervalSince1970: Double(ticks) / 10_000_000 - 12_219_292_800)
    }

    /// Every uuid of a demo sandbox's state: project, contacts, accounts, forms, segments, responses, tags.
    static func uuids(randomSeed: UInt64) async throws -> [String] {
        let sandbox = RefinerSandbox(configuration: SandboxConfiguration(clock: VirtualRunClock(), randomSeed: randomSeed))
        let state = try await sandbox.handle(HTTPRequest(method: .get, target: "/_sandbox/state")).jsonBody()
        var uuids = [state["project"]?["uuid"]?.stringValue].compactMap { $0 }
        for list in ["contacts", "forms", "segments", "responses"] { uuids += state[list]?.uuids ?? [] }
        uuids += Set((state["contacts"]?.arrayValue ?? []).compactMap { $0["account"]?["uuid"]?.stringValue }).sorted()
        uuids += (state["tags"]?.objectValue ?? [:]).compactMap { $0.value.stringValue }
        return uuids
    }

    @Test func everyGeneratedUUIDIsAValidVersion1UUID() async throws {
        let uuids = try await Self.uuids(randomSeed: 2026)
        #expect(uuids.count > 3300)
        #expect(Set(uuids).count == uuids.count, "no uuid repeats")
        let invalid = uuids.filter { !Self.isVersion1($0) }
        #expect(invalid.isEmpty, "\(invalid.prefix(3))")
        let node = uuids.filter { UInt8($0.dropFirst(24).prefix(2), radix: 16).map { $0 & 1 == 0 } ?? true }
        #expect(node.isEmpty, "random nodes carry the multicast bit")
        let range = Date(timeIntervalSince1970: 1_577_836_800)...Date(timeIntervalSince1970: 1_767_225_600)
        #expect(uuids.allSatisfy { Self.timestamp($0).map(range.contains) == true })
    }

    @Test func uuidsFollowTheSeed() async throws {
        let first = try await Self.uuids(randomSeed: 2026)
        let again = try await Self.uuids(randomSeed: 2026)
        #expect(again == first, "\(zip(again, first).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "counts differ")")
        let other = try await Self.uuids(randomSeed: 7)
        #expect(Set(other).isDisjoint(with: first))
    }

    @Test(arguments: ["not-a-uuid", "3a96fc3f-73ae-4ca9-4fa7-8ebbbcea9443", "cb47c260-ed64-41ea-8187-a7fc8351fba4", "CB47C260-ED64-11EA-8187-A7FC8351FBA4"])
    func theCheckRefusesOtherLayouts(text: String) {
        #expect(!Self.isVersion1(text))
    }

    /// Refiner's own uuid decodes to 2020-09-02T21:39:35Z, so the timestamp layout is read right.
    @Test func theCheckAcceptsARealRefinerUUID() throws {
        #expect(Self.isVersion1("cb47c260-ed64-11ea-8187-a7fc8351fba4"))
        let seconds = try #require(Self.timestamp("cb47c260-ed64-11ea-8187-a7fc8351fba4")?.timeIntervalSince1970)
        #expect(Int(seconds) == 1_599_082_775)
    }
}
