public import RefineryJSON

/// A scenario blueprint as decoded from Make's format, before validation against the installed modules.
/// Every part remembers its JSON pointer so later problems can point into the file.
public struct Blueprint: Sendable, Hashable {
    public var name: String
    public var flow: [BlueprintNode]
    public var settings: ScenarioSettings
    public var scheduling: Scheduling?
    public var limits: RunLimits
}

/// One module in a flow (Make's `BlueprintNode`).
public struct BlueprintNode: Sendable, Hashable {
    public var id: Int
    public var module: String
    public var version: Int?
    public var parameters: JSONObject
    public var mapper: JSONObject
    /// Aggregators' `flags` as exported: `groupBy` (IML), `stopIfEmpty`.
    public var flags: JSONObject = [:]
    public var filter: BlueprintFilter?
    public var routes: [BlueprintRoute]
    public var onerror: [BlueprintNode]
    public var pointer: JSONPointer
}

/// One router route: its flow, and whether it is the fallback route (runs only when no other route did).
public struct BlueprintRoute: Sendable, Hashable {
    public var flow: [BlueprintNode]
    public var isFallback: Bool
    public var pointer: JSONPointer
}

/// A filter on the link into a module: OR of AND groups.
public struct BlueprintFilter: Sendable, Hashable {
    public var name: String?
    public var conditions: [[BlueprintCondition]]
    public var pointer: JSONPointer
}

/// One condition: operand `a`, operator `o`, optional operand `b`.
public struct BlueprintCondition: Sendable, Hashable {
    public var a: JSONValue
    public var o: String
    public var b: JSONValue?
    public var pointer: JSONPointer
}
