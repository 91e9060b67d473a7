import RefineryJSON

extension BlueprintDecoder {
    /// The keys of `metadata.scenario` the decoder reads (Make's; others are kept out of the way, not refused).
    static let settingKeys = [
        "roundtrips", "maxErrors", "autoCommit", "autoCommitTriggerLast", "sequential", "dlq", "confidential", "dataloss",
        "freshVariables",
    ]
    /// Every key `metadata.refinery` may hold (`scenario.unknown-setting` for any other).
    static let limitKeys = ["maxOperations", "maxPages", "maxBundleBytes", "callTimeout", "requestsPerMinute", "commit", "webhook"]
    /// Make's `scheduling.type` values.
    static let schedulingTypes = ["immediately", "indefinitely", "once", "daily", "weekly", "monthly", "yearly", "on-demand"]

    mutating func decodeSettings(at pointer: JSONPointer) -> ScenarioSettings {
        var settings = ScenarioSettings()
        guard object(at: pointer, required: false) != nil else { return settings }
        // Some exports carry `roundtrips: 0`; Make runs them one cycle, the default.
        if pointer.appending("roundtrips").resolve(in: document.value)?.intValue == 0 {
            settings.roundtrips = 1
        } else if let value = positive(at: pointer.appending("roundtrips")) {
            settings.roundtrips = value
        }
        if let value = positive(at: pointer.appending("maxErrors")) { settings.maxErrors = value }
        if let value = bool(at: pointer.appending("autoCommit")) { settings.autoCommit = value }
        if let value = bool(at: pointer.appending("autoCommitTriggerLast")) { settings.autoCommitTriggerLast = value }
        if let value = bool(at: pointer.appending("sequential")) { settings.sequential = value }
        if let value = bool(at: pointer.appending("dlq")) { settings.dlq = value }
        if let value = bool(at: pointer.appending("confidential")) { settings.confidential = value }
        if let value = bool(at: pointer.appending("dataloss")) { settings.dataloss = value }
        if let value = bool(at: pointer.appending("freshVariables")) { settings.freshVariables = value }
        return settings
    }

    mutating func decodeLimits(at pointer: JSONPointer) -> RunLimits {
        var limits = RunLimits()
        guard let object = object(at: pointer, required: false) else { return limits }
        if let value = positive(at: pointer.appending("maxOperations")) { limits.maxOperations = value }
        if let value = positive(at: pointer.appending("maxPages")) { limits.maxPages = value }
        if let value = positive(at: pointer.appending("maxBundleBytes")) { limits.maxBundleBytes = value }
        if let value = int(at: pointer.appending("callTimeout"), in: 1...86_400) { limits.callTimeout = value }
        let budgets = pointer.appending("requestsPerMinute")
        if let perConnection = self.object(at: budgets, required: false) {
            for (connection, _) in perConnection {
                if let value = positive(at: budgets.appending(connection)) { limits.requestsPerMinute[connection] = value }
            }
        }
        if let commit = string(at: pointer.appending("commit"), required: false) {
            if commit == "bundle" || commit == "cycle" {
                limits.commitEachBundle = commit == "bundle"
            } else {
                report("scenario.invalid-setting", EngineMessages.invalidCommit(commit), at: pointer.appending("commit"))
            }
        }
        limits.webhook = decodeWebhook(at: pointer.appending("webhook"))
        let known = Set(Self.limitKeys)
        for key in object.keys where !known.contains(key) {
            let hint = Suggestion.closest(to: key, in: known.sorted())
            report("scenario.unknown-setting", EngineMessages.unknownSetting(key, suggestion: hint), at: pointer.appending(key), atKey: true)
        }
        return limits
    }

    mutating func decodeScheduling(at pointer: JSONPointer) -> Scheduling? {
        guard object(at: pointer, required: false) != nil else { return nil }
        let type = string(at: pointer.appending("type"), required: true) ?? "on-demand"
        let known = Self.schedulingTypes
        if !known.contains(type) {
            report("scenario.invalid-setting", EngineMessages.unknownScheduling(type, suggestion: Suggestion.closest(to: type, in: known)), at: pointer.appending("type"))
        }
        return decodeSchedule(at: pointer, type: type)
    }

    /// An integer of at least 1, or nil (reporting a problem when present but invalid).
    mutating func positive(at pointer: JSONPointer) -> Int? {
        guard let value = int(at: pointer, required: false) else { return nil }
        guard value >= 1 else {
            report("scenario.invalid-setting", EngineMessages.notPositive(pointer.tokens.last ?? ""), at: pointer)
            return nil
        }
        return value
    }

    /// An integer within `range`, or nil (reporting a problem when present but outside it).
    mutating func int(at pointer: JSONPointer, in range: ClosedRange<Int>) -> Int? {
        guard let value = int(at: pointer, required: false) else { return nil }
        guard range.contains(value) else {
            report("scenario.invalid-setting", EngineMessages.outside(pointer.tokens.last ?? "", value: value, range: range), at: pointer)
            return nil
        }
        return value
    }
}
