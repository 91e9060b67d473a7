import Synchronization

/// Collects values from concurrent callbacks, for tests to inspect afterwards.
public final class Collector<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    public init() {}

    public func append(_ element: Element) {
        storage.withLock { $0.append(element) }
    }

    public var values: [Element] { storage.withLock { $0 } }
}
