import Foundation
import RefineryHTTP
import RefineryJSON

/// Builds a store from a configuration, deterministically: the same `randomSeed`, seed kind, counts
/// and start of day (UTC, from the clock) give the same data, uuids included.
struct SandboxSeeder {
    var seed: SandboxSeed
    var contacts: Int?
    var responses: Int?
    var randomSeed: UInt64
    var now: Date

    init(configuration: SandboxConfiguration) {
        seed = configuration.seed
        contacts = configuration.contacts
        responses = configuration.responses
        randomSeed = configuration.randomSeed
        now = configuration.clock.now
    }

    static let demoContacts = 300

    var contactCount: Int { max(0, contacts ?? (seed == .demo ? Self.demoContacts : 0)) }

    /// Demo: `responses` when given, else ten responses per contact up to 3,000, then one more per ten contacts.
    var responseCount: Int {
        if let responses { return max(0, responses) }
        let count = contactCount
        return count <= Self.demoContacts ? count * 10 : 3000 + (count - Self.demoContacts) / 10
    }

    func makeStore() -> SandboxStore {
        var store = SandboxStore(seed: randomSeed)
        let today = Timestamp.startOfDay(now)
        if seed == .demo {
            Self.addForms(to: &store, at: today.addingTimeInterval(-200 * 86_400))
            Self.addSegments(to: &store, at: today.addingTimeInterval(-150 * 86_400))
        }
        addContacts(to: &store, today: today)
        if seed == .demo { addResponses(to: &store, today: today) }
        store.outbox.removeAll()
        return store
    }

    func addContacts(to store: inout SandboxStore, today: Date) {
        let count = contactCount
        guard count > 0 else { return }
        var random = store.random
        let dates = (0..<count).map { _ in today.addingTimeInterval(-Double(random.int(in: 86_400...(120 * 86_400)))) }.sorted()
        let accountCount = max(1, min(2000, count / 15))
        let accountNames = (0..<accountCount).map { "\(random.pick(SeedVocabulary.companyWords)) \(random.pick(SeedVocabulary.companySuffixes)) \($0 + 1)" }
        store.random = random
        for (number, firstSeen) in dates.enumerated() {
            let (remoteId, email, traits) = SeedVocabulary.person(number: number + 1, random: &store.random, firstSeen: firstSeen)
            let seq = store.insertContact(remoteId: remoteId, email: email, at: firstSeen, attributes: traits)
            let lastSeen = firstSeen.addingTimeInterval(store.random.nextUnit() * today.timeIntervalSince(firstSeen))
            store.contacts[seq]!.lastSeenAt = lastSeen
            if store.random.nextUnit() < 0.8 {
                let accountIndex = store.random.int(in: 0...(accountCount - 1))
                let account: JSONObject = ["id": .string("acct-\(accountIndex + 1)"), "name": .string(accountNames[accountIndex])]
                try? store.attach(account: account, to: seq, now: firstSeen)
            }
            if store.segments.count > 3, store.random.nextUnit() < 0.1 {
                store.enter(manualSegment: store.random.int(in: 2...3), contact: seq, at: firstSeen)
            }
        }
        for name in SeedVocabulary.traitNames { store.traitNames.insert(name) }
    }

    func addResponses(to store: inout SandboxStore, today: Date) {
        let live = store.contactOrder.entries.map(\.seq)
        let published = store.forms.filter { $0.status != .draft }.map(\.seq)
        guard !live.isEmpty, !published.isEmpty else { return }
        var random = store.random
        let dates = (0..<responseCount).map { _ in today.addingTimeInterval(-Double(random.int(in: 60...(90 * 86_400)))) }.sorted()
        store.random = random
        for date in dates {
            let formSeq = store.random.pick(published)
            let contactSeq = store.random.pick(live)
            let data = SeedVocabulary.answers(for: store.forms[formSeq].questions, random: &store.random)
            let roll = store.random.nextUnit()
            if roll < 0.85 {
                store.recordCompletion(formSeq: formSeq, contactSeq: contactSeq, data: data, at: date)
            } else {
                let partial = roll < 0.92
                store.insertResponse { seq, uuid in
                    SurveyResponse(
                        seq: seq, uuid: uuid, formSeq: formSeq, contactSeq: contactSeq, firstShownAt: date, lastShownAt: date,
                        showCounter: 1, firstDataReceptionAt: partial ? date : nil, lastDataReceptionAt: partial ? date : nil,
                        completedAt: nil, dismissedAt: partial ? nil : date, receivedAt: partial ? date : nil,
                        data: partial ? JSONObject(data.prefix(1).map { ($0.key, $0.value) }) : [:], tags: []
                    )
                }
            }
        }
    }

    static func addForms(to store: inout SandboxStore, at date: Date) {
        for form in SeedVocabulary.forms {
            store.insertForm(name: form.name, status: form.status, questions: form.questions, channels: form.channels, at: date)
        }
    }

    static func addSegments(to store: inout SandboxStore, at date: Date) {
        store.insertSegment(name: "Pro plan", rule: SegmentRule(attribute: "plan", value: "pro"), at: date)
        store.insertSegment(name: "Enterprise customers", rule: SegmentRule(attribute: "plan", value: "enterprise"), at: date)
        store.insertSegment(name: "Beta testers", rule: nil, at: date)
        store.insertSegment(name: "VIP", rule: nil, at: date)
        store.insertSegment(name: "NPS detractors", rule: nil, at: date)
        store.insertSegment(name: "NPS promoters", rule: nil, at: date)
    }
}
