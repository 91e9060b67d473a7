package import Foundation
package import Refinery
package import RefineryJSON
import Synchronization

/// A polling trigger over an in-memory list of items, served in the API order it declares (asc, desc or
/// unordered). Items can be added between runs; `pagesServed` counts how far the engine read.
package final class FakeTriggerSource: ScenarioModule {
    package struct Item: Sendable, Hashable {
        package var id: String
        package var date: Date?
        package var body: JSONValue

        package init(id: String, date: Date? = nil, body: JSONValue = [:]) {
            self.id = id
            self.date = date
            self.body = body
        }
    }

    package let descriptor: ModuleDescriptor
    private let items = Mutex<[Item]>([])
    private let served = Mutex(0)

    package init(type: TriggerSupport.KeyType, order: TriggerSupport.Order, defaultLimit: Int = 10) {
        self.descriptor = ModuleDescriptor(
            kind: .trigger, parameters: [FieldDeclaration("limit", required: true, defaultValue: .int(defaultLimit))],
            trigger: TriggerSupport(type: type, order: order)
        )
    }

    package func add(_ new: [Item]) { items.withLock { $0 += new } }

    /// How many items the engine has read from the stream, over all runs.
    package var itemsServed: Int { served.withLock { $0 } }

    package func run(_ call: ModuleCall, in environment: RuntimeEnvironment) -> AsyncThrowingStream<ModuleOutput, any Error> {
        let ordered = arranged(items.withLock { $0 })
        let cursor = Mutex(0)
        return AsyncThrowingStream { [self] in
            let next: Item? = cursor.withLock { index in
                guard index < ordered.count else { return nil }
                index += 1
                return ordered[index - 1]
            }
            guard let item = next else { return nil }
            served.withLock { $0 += 1 }
            var body = item.body
            body["id"] = .string(item.id)
            return ModuleOutput(body, key: TriggerKey(id: item.id, date: item.date))
        }
    }

    private func arranged(_ all: [Item]) -> [Item] {
        let ascending = all.sorted { lhs, rhs in
            if lhs.date != rhs.date { return (lhs.date ?? .distantPast) < (rhs.date ?? .distantPast) }
            if let a = Int(lhs.id), let b = Int(rhs.id) { return a < b }
            return lhs.id < rhs.id
        }
        switch descriptor.trigger?.order {
        case .asc: return ascending
        case .desc: return ascending.reversed()
        default:
            // A fixed shuffle: odd positions first, then even ones.
            return stride(from: 1, to: ascending.count, by: 2).map { ascending[$0] }
                + stride(from: 0, to: ascending.count, by: 2).map { ascending[$0] }
        }
    }
}
