import RefineryJSON

extension Evaluator {
    /// The value `steps` lead to from `base`; a step on `null` stops with `null`.
    mutating func follow(_ steps: [PathStep], from base: JSONValue) throws(IMLError) -> JSONValue {
        try follow(steps, at: 0, in: base)
    }

    /// Applies `steps[position...]` to `value`. Each step passes the child it picks, borrowed from its
    /// parent, to the next call, so only the leaf is copied out: a loop that assigned `current = child`
    /// would retain and release every value on the way (the whole bundle first).
    private mutating func follow(_ steps: [PathStep], at position: Int, in value: JSONValue) throws(IMLError) -> JSONValue {
        guard position < steps.count else { return value }
        if position > 0, value.isNull { return .null }
        let next = position + 1
        switch steps[position] {
        case .key(let key):
            return try followMember(steps, at: next, in: value, name: key.name, key: key)
        case .first:
            return try followItem(steps, at: next, in: value, index: 1)
        case .index(let index):
            return try followItem(steps, at: next, in: value, index: index)
        case .computed(let computed):
            let key = try self.value(computed.expr)
            if let index = key.imlInt, !key.isString { return try followItem(steps, at: next, in: value, index: index) }
            return try followMember(steps, at: next, in: value, name: key.imlText)
        }
    }

    private mutating func followMember(
        _ steps: [PathStep], at next: Int, in value: JSONValue, name: String, key: MemberKey? = nil
    ) throws(IMLError) -> JSONValue {
        switch value {
        case .object(let object):
            let found = if let key { key.position(in: object) } else { object.index(forKey: name) }
            guard let index = found else { return .null }
            return try follow(steps, at: next, in: object.values[index])
        case .array:
            return try follow(steps, at: next, in: Self.member(value, name))
        default:
            return .null
        }
    }

    private mutating func followItem(
        _ steps: [PathStep], at next: Int, in value: JSONValue, index: Int
    ) throws(IMLError) -> JSONValue {
        guard case .array(let items) = value, let position = Self.position(of: index, in: items.count) else { return .null }
        return try follow(steps, at: next, in: items[position])
    }
}
