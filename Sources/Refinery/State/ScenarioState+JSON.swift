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
        if !counters.isEmpty {
            object["counters"] = .object(JSONObject(counters.keys.sorted().map { (String($0), JSONValue.int(counters[$0] ?? 0)) }))
        }
        object["incomplete"] = .array(incomplete.map(Self.json))
        object["history"] = .array(history.map(Self.json))
        return .object(object)
    }

    /// Every field is required with its type (see `StateFields`): a file of another shape is refused.
    init(json: JSONValue) throws(StateFormatError) {
        let fields = try StateFields(json, at: "")
        guard try fields.int("version") == 1 else { throw StateFormatError(reason: "unknown version") }
        self.init()
        revision = try fields.int("revision")
        active = try fields.bool("active")
        consecutiveErrors = try fields.int("consecutiveErrors")
        let positionFields = try fields.fields("positions")
        for key in positionFields.object.keys {
            guard let id = Int(key) else { throw StateFormatError(reason: "position key '\(key)' is not a module id") }
            positions[id] = try Self.position(positionFields.fields(key))
        }
        if let counterFields = try fields.optional("counters", fields.fields) {
            for key in counterFields.object.keys {
                guard let id = Int(key) else { throw StateFormatError(reason: "counter key '\(key)' is not a module id") }
                counters[id] = try counterFields.int(key)
            }
        }
        incomplete = try fields.objects("incomplete").map { item throws(StateFormatError) in try Self.incomplete(item) }
        history = try fields.objects("history").map { run throws(StateFormatError) in try Self.summary(run) }
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

    private static func position(_ fields: StateFields) throws(StateFormatError) -> TriggerPosition {
        let lastDate = try fields.optional("lastDate", fields.date)
        return TriggerPosition(
            lastId: try fields.optional("lastId", fields.string), lastDate: lastDate,
            sameDateIds: lastDate == nil ? [] : try fields.strings("sameDateIds")
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

    private static func incomplete(_ fields: StateFields) throws(StateFormatError) -> IncompleteExecution {
        var item = IncompleteExecution(
            id: try fields.string("id"), createdAt: try fields.date("createdAt"), moduleId: try fields.int("moduleId"),
            scope: try fields.fields("scope").object, errorType: try fields.string("errorType"), message: try fields.string("message"),
            retry: try fields.bool("retry"), maxAttempts: try fields.int("maxAttempts"), intervalMinutes: try fields.int("intervalMinutes")
        )
        item.attempts = try fields.int("attempts")
        item.nextAttemptAt = try fields.optional("nextAttemptAt", fields.date)
        return item
    }

    private static func json(_ run: RunSummary) -> JSONValue {
        var object: JSONObject = ["startedAt": .double(run.startedAt.timeIntervalSince1970), "status": .string(run.status)]
        object["cycles"] = .int(run.cycles)
        object["operations"] = .int(run.operations)
        object["limit"] = run.limit.map(JSONValue.string) ?? .null
        if let failure = run.failure { object["failure"] = .string(failure) }
        return .object(object)
    }

    private static func summary(_ fields: StateFields) throws(StateFormatError) -> RunSummary {
        RunSummary(
            startedAt: try fields.date("startedAt"), status: try fields.string("status"), cycles: try fields.int("cycles"),
            operations: try fields.int("operations"), limit: try fields.optional("limit", fields.string),
            failure: try fields.optional("failure", fields.string)
        )
    }
}

extension IncompleteExecution {
    /// As the state file keeps it (dates as Unix seconds), and as `refinery incomplete list --json` prints it.
    public var json: JSONValue { ScenarioState.json(self) }
}
