import IML
import Synchronization
public import RefineryJSON
import RefineryHTTP

/// Runs modules of one app: validates the input (a `DataError` sends nothing), then interprets the
/// module's `communication` in Make's order (make-format.md §2.3), streaming output bundles to the
/// caller as they arrive so memory stays flat however many items a search returns.
public struct ModuleRunner: Sendable {
    public let app: AppDefinition
    public let environment: ModuleEnvironment

    public init(app: AppDefinition, environment: ModuleEnvironment) {
        self.app = app
        self.environment = environment
    }

    /// Runs `module`, handing each output bundle to `emit` in order. Throws `ModuleError` (redacted),
    /// `CancellationError`, or whatever `emit` throws.
    public func run(
        _ moduleName: String,
        input: JSONObject,
        connection: JSONObject,
        position: TriggerPosition? = nil,
        emit: @escaping @Sendable (ModuleOutput) async throws -> Void
    ) async throws {
        guard let module = app.modules[moduleName] else {
            throw ModuleError(.invalidConfiguration, code: "module.unknown-module",
                              message: "app '\(app.name)' has no module '\(moduleName)'\(SpecMessages.didYouMean(Suggestion.closest(to: moduleName, in: app.moduleNames)))")
        }
        let parameters = try module.validate(input: input, app: app.name)
        let redactor = OutputRedactor(secrets: secrets(module: module, input: parameters, connection: connection))
        var execution = Execution(app: app, module: module, environment: environment, redactor: redactor,
                                  deadline: CallDeadline(seconds: environment.callTimeout), emit: emit)
        execution.scope = TemplateScope(values: Self.initialScope(parameters, connection, position), now: environment.clock.now, timeZone: environment.timeZone)
        execution.position = position
        do {
            for (index, request) in module.communication.enumerated() {
                try await execution.perform(request, isLast: index == module.communication.count - 1)
            }
        } catch let error as ModuleError {
            var located = execution.redactor.redact(error)
            located.module = located.module ?? "\(app.name):\(module.name)"
            throw located
        }
    }

    /// All output bundles at once (for actions, small searches and tests).
    public func collect(
        _ moduleName: String, input: JSONObject, connection: JSONObject, position: TriggerPosition? = nil
    ) async throws -> [ModuleOutput] {
        let sink = OutputCollector()
        try await run(moduleName, input: input, connection: connection, position: position) { sink.append($0) }
        return sink.outputs
    }

    /// The output bundles as an asynchronous stream. The stream buffers what the consumer has not taken
    /// yet (never dropping any); `run(_:input:connection:position:emit:)` waits for its consumer instead,
    /// which keeps memory flat however slow the consumer is.
    public func outputs(
        _ moduleName: String, input: JSONObject, connection: JSONObject, position: TriggerPosition? = nil
    ) -> AsyncThrowingStream<ModuleOutput, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ModuleOutput, any Error>.makeStream(bufferingPolicy: .unbounded)
        let task = Task {
            do {
                try await run(moduleName, input: input, connection: connection, position: position) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    static func initialScope(_ parameters: JSONObject, _ connection: JSONObject, _ position: TriggerPosition?) -> JSONObject {
        var scope: JSONObject = ["parameters": .object(parameters), "connection": .object(connection), "temp": .object([:])]
        var data = JSONObject()
        if let lastId = position?.lastId { data["lastId"] = Int(lastId).map(JSONValue.int) ?? .string(lastId) }
        if let lastDate = position?.lastDate { data["lastDate"] = .string(ISODate.string(lastDate)) }
        scope["data"] = .object(data)
        return scope
    }

    func secrets(module: ModuleDefinition, input: JSONObject, connection: JSONObject) -> [String] {
        let connectionSecrets = (app.connection?.secretNames ?? []).compactMap { connection[$0]?.stringValue }
        let inputSecrets = module.secretFieldNames.compactMap { input[$0]?.stringValue }
        return connectionSecrets + inputSecrets
    }
}

/// Collects outputs from a `@Sendable` emit closure.
final class OutputCollector: Sendable {
    private let storage = Mutex<[ModuleOutput]>([])

    func append(_ output: ModuleOutput) { storage.withLock { $0.append(output) } }

    var outputs: [ModuleOutput] { storage.withLock { $0 } }
}
