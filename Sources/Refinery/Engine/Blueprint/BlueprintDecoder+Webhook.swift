import Foundation
import RefineryJSON
import RefineryHTTP

extension BlueprintDecoder {
    /// Every key `metadata.refinery.webhook` may hold.
    static let webhookKeys = ["tokenVariable", "apiKeyVariable", "respondTimeout", "maxConcurrent", "queueCapacity", "inDoubt", "inDoubtRetries"]

    mutating func decodeWebhook(at pointer: JSONPointer) -> WebhookSettings {
        var settings = WebhookSettings()
        guard let object = object(at: pointer, required: false) else { return settings }
        if let name = string(at: pointer.appending("tokenVariable"), required: false) {
            if Self.isVariableName(name) {
                settings.tokenVariable = name
            } else {
                report("scenario.invalid-setting", EngineMessages.invalidVariableName(name), at: pointer.appending("tokenVariable"))
            }
        }
        if let name = string(at: pointer.appending("apiKeyVariable"), required: false) {
            if Self.isVariableName(name) {
                settings.apiKeyVariable = name
            } else {
                report("scenario.invalid-setting", EngineMessages.invalidVariableName(name), at: pointer.appending("apiKeyVariable"))
            }
        }
        if let value = int(at: pointer.appending("respondTimeout"), in: 1...600) { settings.respondTimeout = value }
        if let value = positive(at: pointer.appending("maxConcurrent")) { settings.maxConcurrent = value }
        if let value = positive(at: pointer.appending("queueCapacity")) { settings.queueCapacity = value }
        if let policy = string(at: pointer.appending("inDoubt"), required: false) {
            switch policy {
            case "incomplete": settings.inDoubt = .storeIncomplete
            case "retry": settings.inDoubt = .runAgain(maxRetries: DeliveryProcessor.InDoubtPolicy.defaultMaxRetries)
            default: report("scenario.invalid-setting", EngineMessages.invalidInDoubt(policy), at: pointer.appending("inDoubt"))
            }
        }
        if let retries = int(at: pointer.appending("inDoubtRetries"), in: WebhookSettings.inDoubtRetriesRange),
           case .runAgain = settings.inDoubt {
            settings.inDoubt = .runAgain(maxRetries: retries)
        }
        for key in object.keys where !Self.webhookKeys.contains(key) {
            let hint = Suggestion.closest(to: key, in: Self.webhookKeys)
            report("scenario.unknown-setting", EngineMessages.unknownSetting("webhook.\(key)", suggestion: hint), at: pointer.appending(key), atKey: true)
        }
        return settings
    }

    /// Reads the parts of `scheduling` that say when: `interval`, `time`, `days`, `timezone`.
    mutating func decodeSchedule(at pointer: JSONPointer, type: String) -> Scheduling {
        var scheduling = Scheduling(type: type, interval: int(at: pointer.appending("interval"), in: InputLimits.schedulingIntervalSeconds))
        if let time = string(at: pointer.appending("time"), required: false) {
            if Scheduling.minutesOfDay(time) != nil {
                scheduling.time = time
            } else {
                report("scenario.invalid-setting", EngineMessages.invalidTime(time), at: pointer.appending("time"))
            }
        }
        for (index, day) in (array(at: pointer.appending("days"), required: false) ?? []).enumerated() {
            if let value = day.intValue, (0...6).contains(value) {
                scheduling.days.append(value)
            } else {
                report("scenario.invalid-setting", EngineMessages.invalidWeekday, at: pointer.appending("days").appending(String(index)))
            }
        }
        if let zone = string(at: pointer.appending("timezone"), required: false) {
            if TimeZone(identifier: zone) != nil {
                scheduling.timeZone = zone
            } else {
                report("scenario.invalid-setting", EngineMessages.unknownTimeZone(zone), at: pointer.appending("timezone"))
            }
        }
        return scheduling
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !CharacterSet.decimalDigits.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
    }
}
