import Foundation
public import RefineryJSON

/// The state file format (version 1). Dates are stored as Unix seconds (exact) and ISO text (readable).
extension ScenarioState {
    var json: JSONValue {
        var object: JSONObject = ["version": 1, "revision": .int(revision)]
        object["active"] = .bool(active)
        object["consecutiveErrors"] = .int(consecutiveErrors)
        var positionsObject = JSONObject()
        for id in positions.keys.sorted() {
            guard let position = positions[id] else { continue }
            positionsObject[String(id)] = Self.json(position)
        }
        object["positions"] = .object(positionsObject)
        object["incomplete"] = .array(incomplete.map(Self.json))
        object["history"] = .array(history.map(Self.json))
        return .object(object)
    }

    init(json: JSONValue) throws(StateFormatError) {
        guard let object = json.objectValue, object["version"]?.intValue == 1 else { throw StateFormatError(reason: "unknown version") }
        self.init()
        revision = object["revision"]?.intValue ?? 0
        active = object["active"]?.boolValue ?? true
        consecutiveErrors = object["consecutiveErrors"]?.intValue ?? 0
        for (key, value) in object["positions"]?.objectValue ?? [:] {
            guard let id = Int(key) else { throw StateFormatError(reason: "position key '\(key)' is not a module id") }
            positions[id] = Self.position(value)
        }
        incomplete = try (object["incomplete"]?.arrayValue ?? []).map(Self.incomplete)
        history = (object["history"]?.arrayValue ?? []).compactMap(Self.summary)
    }

    private static func json(_ position: TriggerPosition) -> JSONValue {
        var object = JSONObject()
        if let lastId = position.lastId { object["lastId"] = .string(lastId) }
        if let lastDate = position.lastDate {
            object["lastDate"] = .double(lastDate.timeIntervalSince1970)
            object["lastDateText"] = .string(lastDate.formatted(.iso8601))
            object["sameDateIds"] = .array(position.sameDateIds.map(JSONValue.string))
        }
        return .object(object)
    }

    private static func position(_ value: JSONValue) -> TriggerPosition {
        TriggerPosition(
            lastId: value["lastId"]?.stringValue,
            lastDate: value["lastDate"]?.doubleValue.map(Date.init(timeIntervalSince1970:)),
            sameDateIds: value["sameDateIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
        )
    }

    fileprivate static func json(_ item: IncompleteExecution) -> JSONValue {
        var object: JSONObject = ["id": .string(item.id), "createdAt": .double(item.createdAt.timeIntervalSince1970)]
        object["moduleId"] = .int(item.moduleId)
        object["errorType"] = .string(item.errorType)
        object["message"] = .string(item.message)
        object["retry"] = .bool(item.retry)
        object["maxAttempts"] = .int(item.maxAttempts)
        object["intervalMinutes"] = .int(item.intervalMinutes)
        object["attempts"] = .int(item.attempts)
        object["nextAttemptAt"] = item.nextAttemptAt.map { .double($0.timeIntervalSince1970) } ?? .null
        object["scope"] = .object(item.scope)
        return .object(object)
    }

    private static func incomplete(_ value: JSONValue) throws(StateFormatError) -> IncompleteExecution {
        guard let id = value["id"]?.stringValue, let created = value["createdAt"]?.doubleValue,
              let moduleId = value["moduleId"]?.intValue, let scope = value["scope"]?.objectValue else {
            throw StateFormatError(reason: "an incomplete execution lacks its id, date, module or bundles")
        }
        var item = IncompleteExecution(
            id: id, createdAt: Date(timeIntervalSince1970: created), moduleId: moduleId, scope: scope,
            errorType: value["errorType"]?.stringValue ?? "RuntimeError", message: value["message"]?.stringValue ?? "",
            retry: value["retry"]?.boolValue ?? false, maxAttempts: value["maxAttempts"]?.intValue ?? 0,
            intervalMinutes: value["intervalMinutes"]?.intValue ?? 15
        )
        item.attempts = value["attempts"]?.intValue ?? 0
        item.nextAttemptAt = value["nextAttemptAt"]?.doubleValue.map(Date.init(timeIntervalSince1970:))
        return item
    }

    private static func json(_ run: RunSummary) -> JSONValue {
        var object: JSONObject = ["startedAt": .double(run.startedAt.timeIntervalSince1970), "status": .string(run.status)]
        object["cycles"] = .int(run.cycles)
        object["operations"] = .int(run.operations)
        object["limit"] = run.limit.map(JSONValue.string) ?? .null
        return .object(object)
    }

    private static func summary(_ value: JSONValue) -> RunSummary? {
        guard let started = value["startedAt"]?.doubleValue, let status = value["status"]?.stringValue else { return nil }
        return RunSummary(
            startedAt: Date(timeIntervalSince1970: started), status: status, cycles: value["cycles"]?.intValue ?? 0,
            operations: value["operations"]?.intValue ?? 0, limit: value["limit"]?.stringValue
        )
    }
}

struct StateFormatError: Error {
    var reason: String
}

extension IncompleteExecution {
    /// As the state file keeps it (dates as Unix seconds), and as `refinery incomplete list --json` prints it.
    public var json: JSONValue { ScenarioState.json(self) }
}
