package import Refinery
package import RefineryJSON
import Synchronization

/// An in-memory app module for engine tests: answers each call with `respond`, records every call.
package final class FakeModule: ScenarioModule {
    package let descriptor: ModuleDescriptor
    private let respond: @Sendable (ModuleCall) throws -> [ModuleOutput]
    private let recorded = Mutex<[ModuleCall]>([])

    package init(_ descriptor: ModuleDescriptor, respond: @escaping @Sendable (ModuleCall) throws -> [ModuleOutput]) {
        self.descriptor = descriptor
        self.respond = respond
    }

    /// An action that echoes its input as its one output bundle.
    package static func action(expect: [FieldDeclaration] = [], acceptsUndeclared: Bool = true) -> FakeModule {
        FakeModule(ModuleDescriptor(kind: .action, expect: expect, acceptsUndeclaredFields: acceptsUndeclared)) { call in
            [ModuleOutput(.object(call.input))]
        }
    }

    /// A search returning `items` (one bundle each) for every call.
    package static func search(_ items: [JSONValue], expect: [FieldDeclaration] = [FieldDeclaration("limit")]) -> FakeModule {
        FakeModule(ModuleDescriptor(kind: .search, expect: expect, acceptsUndeclaredFields: true)) { _ in
            items.map { ModuleOutput($0) }
        }
    }

    /// An action that always fails with `failure`.
    package static func failing(_ failure: ModuleError) -> FakeModule {
        FakeModule(ModuleDescriptor(kind: .action, acceptsUndeclaredFields: true)) { _ in throw failure }
    }

    /// Every call so far, in order.
    package var calls: [ModuleCall] { recorded.withLock { $0 } }

    package func run(_ call: ModuleCall, in environment: RuntimeEnvironment) -> AsyncThrowingStream<ModuleOutput, any Error> {
        recorded.withLock { $0.append(call) }
        let outcome = Result { try respond(call) }
        return AsyncThrowingStream { continuation in
            switch outcome {
            case .success(let outputs):
                for output in outputs { continuation.yield(output) }
                continuation.finish()
            case .failure(let error):
                continuation.finish(throwing: error)
            }
        }
    }
}
