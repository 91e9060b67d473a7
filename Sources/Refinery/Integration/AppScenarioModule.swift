import Foundation
import IML
import RefineryHTTP
public import RefineryJSON

/// An app module (the communication interpreter) seen through the engine's `ScenarioModule` seam.
///
/// Trigger positions are the engine's business: the module runs without one and yields every item with its
/// key; the engine filters, orders and stops reading (which cancels the run) once it reaches known items.
public struct AppScenarioModule: ScenarioModule {
    public let app: AppDefinition
    public let module: ModuleDefinition
    public let environment: ModuleEnvironment
    /// The connection's values (`apiKey`, `baseUrl`), resolved once by the caller.
    public let connection: JSONObject

    public init(app: AppDefinition, module: ModuleDefinition, environment: ModuleEnvironment, connection: JSONObject) {
        self.app = app
        self.module = module
        self.environment = environment
        self.connection = connection
    }

    /// The `limit` a polling trigger's module is run with under the engine: pages of this many items.
    static let triggerPageLength = 1000

    public var descriptor: ModuleDescriptor {
        ModuleDescriptor(
            kind: module.kind,
            parameters: module.parameters.map(Self.declaration),
            expect: module.expect.map(Self.declaration),
            acceptsUndeclaredFields: false,
            trigger: triggerSupport,
            connection: app.connection == nil ? nil : app.name
        )
    }

    private var triggerSupport: TriggerSupport? {
        guard module.kind == .trigger,
              let spec = module.communication.compactMap(\.response.trigger).last,
              let type = TriggerSupport.KeyType(rawValue: spec.kind.rawValue),
              let order = TriggerSupport.Order(rawValue: spec.order.rawValue) else { return nil }
        return TriggerSupport(type: type, order: order)
    }

    static func declaration(_ field: FieldSpec) -> FieldDeclaration {
        FieldDeclaration(field.name, required: field.required, defaultValue: field.defaultValue)
    }

    public func run(_ call: ModuleCall) -> AsyncThrowingStream<ModuleOutput, any Error> {
        var environment = environment
        environment.transport = BudgetedTransport(base: environment.transport, budget: call.budget)
        environment.maxPages = call.maxPages
        var input = call.input
        if module.kind == .trigger {
            // The engine applies the trigger's limit once it has ordered the new items, so the module's own
            // `limit` only sizes the pages: ask for the largest (Refiner's page_length maximum).
            environment.streamsTriggerItems = true
            if input["limit"] != nil { input["limit"] = .int(Self.triggerPageLength) }
        }
        let runner = ModuleRunner(app: app, environment: environment)
        let (stream, continuation) = AsyncThrowingStream<ModuleOutput, any Error>.makeStream()
        let task = Task { [module, connection, input] in
            do {
                try await runner.run(module.name, input: input, connection: connection) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The module's `webhook` directives: `condition` (e.g. the survey filter), `iterate`, `output`.
    public func webhookBundles(_ payload: JSONValue, parameters: JSONObject) throws -> [JSONValue] {
        try ModuleRunner(app: app, environment: environment).webhookOutputs(module.name, input: parameters, payload: payload).map(\.bundle)
    }
}

/// Spends the run's request budget before every request, so the budget stops a run cleanly.
struct BudgetedTransport: HTTPTransport {
    let base: any HTTPTransport
    let budget: RequestBudget

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try budget.spend()
        return try await base.send(request)
    }
}
