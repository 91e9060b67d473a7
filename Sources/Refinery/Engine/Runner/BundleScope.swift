import RefineryJSON

/// The bundles a module sees: the output of each module before it on its path, by module id. Persistent:
/// adding a bundle is one link that shares everything before it, so a flow of n modules holds n links,
/// not n copies of a growing object (a 4,000-module flow took 839 MB). An evaluation reads the roots
/// its expressions name, as a `JSONObject` made for the moment (`object(keeping:)`).
struct BundleScope: Sendable, ExpressibleByDictionaryLiteral {
    /// One bundle and the scope it was added to. `parent` changes only in `deinit`.
    private final class Link: @unchecked Sendable {
        let key: String
        let value: JSONValue
        var parent: Link?
        let count: Int

        init(key: String, value: JSONValue, parent: Link?) {
            self.key = key
            self.value = value
            self.parent = parent
            self.count = (parent?.count ?? 0) + 1
        }

        /// Unlinks a long chain one link at a time: released recursively, thousands of links would
        /// exhaust the stack.
        deinit {
            guard var node = parent else { return }
            parent = nil
            while isKnownUniquelyReferenced(&node), let next = node.parent {
                node.parent = nil
                node = next
            }
        }
    }

    private var last: Link?

    init() {}

    init(_ object: JSONObject) {
        for (key, value) in object { self = adding(key, value) }
    }

    init(dictionaryLiteral elements: (String, JSONValue)...) {
        for (key, value) in elements { self = adding(key, value) }
    }

    func adding(_ key: String, _ value: JSONValue) -> BundleScope {
        var scope = BundleScope()
        scope.last = Link(key: key, value: value, parent: last)
        return scope
    }

    /// The bundle added last (the output of the module just before).
    var newest: JSONValue? { last?.value }

    /// The newest bundle under `key`.
    subscript(key: String) -> JSONValue? {
        var link = last
        while let current = link {
            if current.key == key { return current.value }
            link = current.parent
        }
        return nil
    }

    /// The newest bundle of each of `keys` that the scope holds: what an expression reading only those
    /// roots needs (`CompiledValue.referencedRoots`), made without walking the rest of a long flow.
    func object(keeping keys: [String]) -> JSONObject {
        var object = JSONObject(minimumCapacity: keys.count)
        for key in keys { if let value = self[key] { object[key] = value } }
        return object
    }

    /// Every key with its newest bundle, in the order the keys were first added.
    var object: JSONObject {
        var links: [Link] = []
        links.reserveCapacity(last?.count ?? 0)
        var link = last
        while let current = link {
            links.append(current)
            link = current.parent
        }
        var object = JSONObject(minimumCapacity: links.count)
        for current in links.reversed() { object[current.key] = current.value }
        return object
    }
}
