public import RefineryJSON

/// An app module as the engine runs it: its definitions only. It meets the transport, the clock and
/// the connection's values when it runs, from the run's `RuntimeEnvironment`; the interpreter speaks the
/// engine's vocabulary (`ModuleOutput`, `TriggerKey`, `ModuleError`), so nothing is translated here.
///
/// Trigger positions are the engine's business: under the engine a polling trigger runs without one and
/// yields every item with its key; the engine filters, orders and stops reading (which cancels the run)
/// once it reaches known items.
public struct AppModule: ScenarioModule {
    public let app: AppDefinition
    public let module: ModuleDefinition
    public let descriptor: ModuleDescriptor

    public init(app: AppDefinition, module: ModuleDefinition) {
        self.app = app
        self.module = module
        self.descriptor = module.descriptor(connection: app.connection == nil ? nil : app.name)
    }

    /// The `limit` a polling trigger's module is run with under the engine: pages of this many items.
    static let triggerPageLength = 1000

    public func run(_ call: ModuleCall, in environment: RuntimeEnvironment) -> AsyncThrowingStream<ModuleOutput, any Error> {
        var moduleEnvironment = environment.moduleEnvironment(budget: call.budget, maxPages: call.maxPages, callTimeout: call.callTimeout)
        var input = call.input
        if module.kind == .trigger {
            // The engine applies the trigger's limit once it has ordered the new items, so the module's own
            // `limit` only sizes the pages: ask for the largest (Refiner's page_length maximum).
            moduleEnvironment.streamsTriggerItems = true
            if input["limit"] != nil { input["limit"] = .int(Self.triggerPageLength) }
        }
        let runner = ModuleRunner(app: app, environment: moduleEnvironment)
        let connection = environment.connections[app.name] ?? [:]
        let (stream, continuation) = AsyncThrowingStream<ModuleOutput, any Error>.makeStream()
        let task = Task { [module] in
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
    public func webhookBundles(_ payload: JSONValue, parameters: JSONObject, in environment: RuntimeEnvironment) throws -> [JSONValue] {
        try ModuleRunner(app: app, environment: environment.moduleEnvironment())
            .webhookOutputs(module.name, input: parameters, payload: payload).map(\.bundle)
    }
}

extension ModuleDefinition {
    /// What the engine checks a blueprint against: kind, declared fields, trigger key and order.
    func descriptor(connection: String?) -> ModuleDescriptor {
        ModuleDescriptor(
            kind: kind, parameters: parameters.map(\.declaration), expect: expect.map(\.declaration),
            acceptsUndeclaredFields: false, trigger: triggerSupport, connection: connection
        )
    }

    private var triggerSupport: TriggerSupport? {
        guard kind == .trigger, let spec = communication.compactMap(\.response.trigger).last else { return nil }
        return TriggerSupport(type: spec.kind, order: spec.order)
    }
}

extension FieldSpec {
    var declaration: FieldDeclaration {
        FieldDeclaration(name, required: required, defaultValue: defaultValue, spec: self)
    }
}

extension ModuleCatalog {
    /// Every module of `apps` as `app:moduleName`: definitions only, good for checking and running alike.
    /// The built-in modules written in Swift (`http:MakeRequest`) are there too, unless an app replaces one.
    public init(apps: [AppDefinition]) {
        self.init()
        for app in apps {
            for module in app.modules.values {
                register(AppModule(app: app, module: module), as: "\(app.name):\(module.name)")
            }
        }
        registerBuiltins()
    }
}
