public import Foundation
public import RefineryJSON

// The seam between the scenario engine and whatever runs an app module (the communication interpreter).
//
// The engine knows nothing about HTTP. For each app module in a scenario (`app:moduleName`) it asks a
// `ModuleCatalog` for a `ScenarioModule`, and:
// - at load time reads its `descriptor`: the kind, the declared fields (to validate the blueprint's
//   `parameters` and `mapper`), and for polling triggers how items are ordered;
// - at run time calls `run(_:)` once per incoming bundle (one operation) with the evaluated input, and reads
//   the bundles it yields in order. The engine stops reading when it has enough (a search `limit`, a trigger
//   reaching already-processed items in a `desc` API): the stream's `onTermination` should then cancel work.
//
// A module reports a failure by finishing the stream with a `ModuleError` (Make's error types, the HTTP
// status and a redacted body excerpt), or with a `LimitReached` when a run-wide limit it was handed (the
// request budget) stops it; a `ModuleError` coded `pagination.max-pages` counts as that limit. Any other
// error is treated as a `RuntimeError`.

// `ModuleKind` (Apps/ModuleDefinition.swift) says what an app module is.

/// One declared input field: its name, whether it must be given, and its default.
public struct FieldDeclaration: Sendable, Hashable {
    public var name: String
    public var required: Bool
    public var defaultValue: JSONValue?
    /// The field's full spec (type, range, options, pattern) when the module has one: a static value in
    /// a blueprint is checked against it before anything runs.
    public var spec: FieldSpec?

    public init(_ name: String, required: Bool = false, defaultValue: JSONValue? = nil, spec: FieldSpec? = nil) {
        self.name = name
        self.required = required
        self.defaultValue = defaultValue
        self.spec = spec
    }
}

/// How a polling trigger identifies and orders its items (Make's `response.trigger`).
public struct TriggerSupport: Sendable, Hashable {
    public enum KeyType: String, Sendable, Hashable, CaseIterable { case id, date }
    public enum Order: String, Sendable, Hashable, CaseIterable { case asc, desc, unordered }

    public var type: KeyType
    public var order: Order

    public init(type: KeyType, order: Order) {
        self.type = type
        self.order = order
    }
}

/// Everything the engine needs to know about a module before running it.
public struct ModuleDescriptor: Sendable, Hashable {
    public var kind: ModuleKind
    /// Static parameters (`parameters` in the blueprint).
    public var parameters: [FieldDeclaration]
    /// Mappable fields (`mapper` in the blueprint).
    public var expect: [FieldDeclaration]
    /// When true, mapper keys that are not declared are accepted (e.g. a universal module's free body).
    public var acceptsUndeclaredFields: Bool
    /// Polling triggers only.
    public var trigger: TriggerSupport?
    /// The connection whose request budget the module spends, e.g. `refiner`; nil when it sends none.
    public var connection: String?

    public init(
        kind: ModuleKind, parameters: [FieldDeclaration] = [], expect: [FieldDeclaration] = [],
        acceptsUndeclaredFields: Bool = false, trigger: TriggerSupport? = nil, connection: String? = nil
    ) {
        self.kind = kind
        self.parameters = parameters
        self.expect = expect
        self.acceptsUndeclaredFields = acceptsUndeclaredFields
        self.trigger = trigger
        self.connection = connection
    }
}

/// One module run on one bundle, as handed to a `ScenarioModule`.
public struct ModuleCall: Sendable {
    /// The blueprint module id.
    public var moduleId: Int
    /// Evaluated static parameters (declared defaults filled in).
    public var parameters: JSONObject
    /// Evaluated mapper (declared defaults filled in).
    public var mapper: JSONObject
    /// Search: at most this many bundles (stop paginating). Trigger: the cycle's limit.
    public var limit: Int?
    /// Most pages one call may fetch (`metadata.refinery.maxPages`).
    public var maxPages: Int
    /// Seconds one call may spend on HTTP (`metadata.refinery.callTimeout`).
    public var callTimeout: Double
    /// Polling triggers: the stored position, so a `desc` API can stop paging at known items.
    public var position: TriggerPosition?
    /// Call `spend()` before each HTTP request; it throws `LimitReached` when the budget is used up.
    public var budget: RequestBudget

    /// Parameters and mapper in one object (mapper wins), which is what most modules read.
    public var input: JSONObject {
        var merged = parameters
        for (key, value) in mapper { _ = merged.updateValue(value, forKey: key) }
        return merged
    }
}

/// One output bundle. Polling triggers also give the item's key (`trigger.id`, `trigger.date`).
public struct ModuleOutput: Sendable, Hashable {
    public var bundle: JSONValue
    public var key: TriggerKey?

    public init(_ bundle: JSONValue, key: TriggerKey? = nil) {
        self.bundle = bundle
        self.key = key
    }
}

/// A polling trigger item's identity: its id and, for `date` triggers, its date.
public struct TriggerKey: Sendable, Hashable {
    public var id: String
    public var date: Date?

    public init(id: String, date: Date? = nil) {
        self.id = id
        self.date = date
    }
}

/// A module the engine can run: a description it is checked against, and a run that gets the run's
/// environment (transport, clock, connections) only when it runs.
public protocol ScenarioModule: Sendable {
    var descriptor: ModuleDescriptor { get }
    /// Runs the module on one bundle; yields its output bundles in the API's order.
    func run(_ call: ModuleCall, in environment: RuntimeEnvironment) -> AsyncThrowingStream<ModuleOutput, any Error>
    /// Instant triggers: the bundles one webhook delivery makes, given the evaluated static parameters
    /// (none when the delivery is not for this module). Throws a `ModuleError`.
    func webhookBundles(_ payload: JSONValue, parameters: JSONObject, in environment: RuntimeEnvironment) throws -> [JSONValue]
}

extension ScenarioModule {
    /// By default the payload is the bundle (an array: one bundle per element).
    public func webhookBundles(_ payload: JSONValue, parameters: JSONObject, in environment: RuntimeEnvironment) throws -> [JSONValue] {
        payload.arrayValue ?? [payload]
    }
}
