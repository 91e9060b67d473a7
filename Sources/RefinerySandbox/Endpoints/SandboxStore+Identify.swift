import Foundation
import RefineryJSON

/// POST /identify-user and POST /track-event.
extension SandboxStore {
    /// Parameters that are never traits.
    static let reservedKeys: Set<String> = ["id", "email", "account", "api_key"]
    static let maxStringTrait = 255
    static let nestedTraitsMessage =
        "Traits go at the top level of the body, beside id and email (plan=pro), not in an 'attributes' object"

    static let integerRange = -2_147_483_647...2_147_483_647

    /// Traits go flat, beside `id` and `email` (Refiner's own example, its JS client and every
    /// client but one); a nested `attributes` object is refused, so a client nesting them fails here
    /// rather than losing its traits against Refiner.
    mutating func identifyUser(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> JSONValue {
        if parameters["attributes"]?.objectValue != nil { throw .validation(Self.nestedTraitsMessage) }
        var traits: JSONObject = [:]
        for (key, value) in parameters.values where !Self.reservedKeys.contains(key) { traits[key] = value }
        let validated = try Self.validateTraits(traits)
        let account = try parameters.object("account")
        if let account, (try? SandboxParameters(account).string("id")) ?? nil == nil {
            throw .validation("The account.id field is required when account is given")
        }
        let seq = try upsertContact(parameters, now: now)
        applyTraits(validated, to: seq, at: now)
        if let account { try attach(account: account, to: seq, now: now) }
        return ["message": "ok", "contact_uuid": .string(contacts[seq]!.uuid)]
    }

    mutating func trackEvent(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> JSONValue {
        let event = try parameters.requiredString("event")
        guard event.count <= Self.maxStringTrait else { throw .validation("The event field must not be longer than 255 characters") }
        let seq = try upsertContact(parameters, now: now)
        updateContact(seq) { $0.eventsCount += 1 }
        trackedEvents.append(TrackedEvent(event: event, contactSeq: seq, at: now))
        usage.trackedEvents += 1
        return ["message": "ok"]
    }

    /// The contact named by `id` (else `email`), created when unknown; its `last_seen_at` becomes now.
    mutating func upsertContact(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> Int {
        let id = try parameters.string("id")
        let email = try parameters.string("email")
        guard id != nil || email != nil else { throw .validation("The id or email field is required") }
        if let id, id.count > Self.maxStringTrait { throw .validation("The id field must not be longer than 255 characters") }
        if let email, !Self.looksLikeEmail(email) { throw .validation("The email field must be a valid email address") }
        let existing = id.map { contactByRemoteId[$0] } ?? email.flatMap { contactByEmail[$0] }
        guard let seq = existing else { return insertContact(remoteId: id, email: email, at: now) }
        updateContact(seq) { contact in
            contact.lastSeenAt = max(contact.lastSeenAt, now)
            if let email, contact.email != email { contact.email = email }
        }
        if let email, contactByEmail[email] == nil { contactByEmail[email] = seq }
        return seq
    }

    /// Sets traits (nil removes one). New trait names beyond 1,000 are dropped silently, as Refiner does.
    mutating func applyTraits(_ traits: [(String, JSONValue?)], to seq: Int, at date: Date) {
        guard !traits.isEmpty else { return }
        var allowed: [(String, JSONValue?)] = []
        for (name, value) in traits {
            if !traitNames.contains(name) {
                guard traitNames.count < Self.maxTraits else { continue }
                traitNames.insert(name)
            }
            allowed.append((name, value))
        }
        updateContact(seq) { contact in
            for (name, value) in allowed { contact.attributes[name] = value }
        }
        refreshSegmentEntries(of: seq, at: date)
    }

    mutating func attach(account: JSONObject, to seq: Int, now: Date) throws(SandboxError) {
        let fields = SandboxParameters(account)
        let remoteId = try fields.requiredString("id")
        var attributes: JSONObject = [:]
        for (name, value) in try Self.validateTraits(account) where !["id", "name", "domain"].contains(name) {
            attributes[name] = value
        }
        let accountSeq: Int
        if let existing = accountByRemoteId[remoteId] {
            accountSeq = existing
        } else {
            accountSeq = accounts.count
            accounts.append(Account(
                seq: accountSeq, uuid: random.dataUUID(), remoteId: remoteId, displayName: nil, domain: nil,
                attributes: [:], firstSeenAt: now, lastSeenAt: now
            ))
            accountByRemoteId[remoteId] = accountSeq
        }
        if let name = try fields.string("name") { accounts[accountSeq].displayName = name }
        if let domain = try fields.string("domain") { accounts[accountSeq].domain = domain }
        for (name, value) in attributes {
            accounts[accountSeq].attributes[name] = value
            accountTraitNames.insert(name)
        }
        accounts[accountSeq].lastSeenAt = max(accounts[accountSeq].lastSeenAt, now)
        updateContact(seq) { $0.accountSeq = accountSeq }
    }

    /// Checks each trait: strings up to 255 characters, integers within ±2147483647, booleans,
    /// dates (names ending `_at` or `_date`) normalized to ISO 8601; null removes the trait.
    static func validateTraits(_ traits: JSONObject) throws(SandboxError) -> [(String, JSONValue?)] {
        var result: [(String, JSONValue?)] = []
        for (name, value) in traits {
            guard !name.isEmpty, name.count <= maxStringTrait else { throw .validation("Trait names must be 1 to 255 characters long") }
            result.append((name, try validateTrait(name, value)))
        }
        return result
    }

    static func validateTrait(_ name: String, _ value: JSONValue) throws(SandboxError) -> JSONValue? {
        let isDate = name.hasSuffix("_at") || name.hasSuffix("_date")
        switch value {
        case .null:
            return nil
        case .bool, .double:
            return value
        case .int(let number):
            if isDate { return .string(Timestamp.format(Date(timeIntervalSince1970: Double(number)))) }
            guard integerRange.contains(number) else {
                throw .validation("The trait '\(name)' must be an integer between -2147483647 and 2147483647")
            }
            return value
        case .string(let text):
            guard text.count <= maxStringTrait else {
                throw .validation("The trait '\(name)' must not be longer than 255 characters")
            }
            guard isDate, !text.isEmpty else { return value }
            guard let date = Timestamp.parse(text) else {
                throw .validation("The trait '\(name)' must be a date (ISO 8601 or a Unix timestamp) because its name ends in _at or _date")
            }
            return .string(Timestamp.format(date))
        case .array, .object:
            throw .validation("The trait '\(name)' must be a string, a number or a boolean")
        }
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ") && text.count <= 255
    }
}
