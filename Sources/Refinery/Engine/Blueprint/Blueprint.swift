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
    /// `builtin:BasicIfElse`: its branches, in order.
    public var branches: [BlueprintBranch] = []
    /// `builtin:BasicMerge`: what it outputs, and a filter per branch of the if-else before it.
    public var merge: BlueprintMerge?
    public var onerror: [BlueprintNode]
    public var pointer: JSONPointer
}

/// One branch of an if-else: a condition (none for `else`), its flow, and whether it rejoins the flow at
/// the `builtin:BasicMerge` after the if-else.
public struct BlueprintBranch: Sendable, Hashable {
    public var label: String
    public var isElse: Bool
    public var condition: BlueprintFilter?
    public var merges: Bool
    public var flow: [BlueprintNode]
    public var pointer: JSONPointer
}

/// A merge's `outputs` (`[{name, mappings: [one value per branch]}]`; none: the branch's last bundle goes on)
/// and `filters` (one per branch, `null` for none).
public struct BlueprintMerge: Sendable, Hashable {
    public struct Output: Sendable, Hashable {
        public var name: String
        public var mappings: [JSONValue]
        public var pointer: JSONPointer
    }

    public var outputs: [Output]
    public var filters: [BlueprintFilter?]
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
