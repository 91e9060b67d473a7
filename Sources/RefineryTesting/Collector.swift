import Synchronization

/// Collects values from concurrent callbacks, for tests to inspect afterwards.
package final class Collector<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    package init() {}

    package func append(_ element: Element) {
        storage.withLock { $0.append(element) }
    }

    package var values: [Element] { storage.withLock { $0 } }
}
