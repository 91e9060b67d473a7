import RefineryJSON
import Synchronization

/// The key of a path step (`.email`), with a guess of where it sits in the objects it is looked up in.
///
/// The bundles one mapping reads mostly share a shape, so the key is usually at the position where it
/// was found last time: checking that position is one string comparison, where a lookup hashes the key
/// (objects of 12 members and more) or compares it with every member before it. The guess is only a
/// hint: a wrong one costs that comparison, then the key is looked up as usual.
final class MemberKey: Sendable, Hashable {
    let name: String
    /// Relaxed is enough: any value read is a valid position or -1, and it is checked before use.
    private let lastPosition = Atomic<Int>(-1)

    init(_ name: String) {
        self.name = name
    }

    /// The position of the member `name` in `object`, nil when it has none.
    func position(in object: JSONObject) -> Int? {
        let guess = lastPosition.load(ordering: .relaxed)
        if guess >= 0, guess < object.count, object.keys[guess] == name { return guess }
        guard let found = object.index(forKey: name) else { return nil }
        lastPosition.store(found, ordering: .relaxed)
        return found
    }

    static func == (lhs: MemberKey, rhs: MemberKey) -> Bool { lhs.name == rhs.name }
    func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
