import IML
import RefineryJSON

extension ScenarioCompiler {
    /// Reports every `{{N.…}}` whose module N is not earlier on the same path.
    mutating func checkReferences(_ value: JSONValue, at pointer: JSONPointer, available: [Int]) {
        switch value {
        case .string(let text) where text.contains("{{"):
            guard let template = try? Template(text) else { return }
            for root in template.referencedRoots {
                guard let id = Int(root), !available.contains(id) else { continue }
                let reason = seenIds[id] == nil && !allIds.contains(id) ? EngineMessages.noSuchModule : EngineMessages.notOnPath
                report("scenario.unknown-reference", EngineMessages.unknownReference(id, reason: reason), at: pointer)
            }
        case .array(let items):
            for (index, item) in items.enumerated() { checkReferences(item, at: pointer.appending(index), available: available) }
        case .object(let object):
            for (key, item) in object { checkReferences(item, at: pointer.appending(key), available: available) }
        default:
            return
        }
    }

    /// Every module id in the blueprint, wherever it is.
    var allIds: Set<Int> {
        var ids = Set<Int>()
        func walk(_ value: JSONValue) {
            guard let nodes = value.arrayValue else { return }
            for node in nodes {
                if let id = node["id"]?.intValue { ids.insert(id) }
                for route in node["routes"]?.arrayValue ?? [] { walk(route["flow"] ?? .null) }
                walk(node["onerror"] ?? .null)
            }
        }
        walk(document.value["flow"] ?? .null)
        return ids
    }
}
