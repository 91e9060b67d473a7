import RefineryJSON

/// How much one evaluation may build, so that a short template cannot take the process's memory: nested
/// `replace` grows a text exponentially (a 400-byte template reached 2.2 GB in 60 s). Every function
/// call's result is held to `maxTextBytes` and `maxItems`, functions that multiply their input (`replace`,
/// `join`, `toBinary`, `toString`, `createJSON`) check before they build, and one `evaluate` may produce
/// at most `maxProducedBytes` in all. Over a limit: `iml.too-large`. Expressions have no loops, so these
/// bound the steps too: the work of an evaluation is at most the template's size times what its values may hold.
public enum IMLLimits {
    /// Longest text a call may produce, in UTF-8 bytes (16 MiB).
    public static let maxTextBytes = 16 << 20
    /// Most items of an array or entries of an object a call may produce.
    public static let maxItems = 1_000_000
    /// Most bytes of text and items (8 bytes each) all calls of one evaluation may produce (256 MiB).
    public static let maxProducedBytes = 256 << 20

    /// The size `value` counts for at its top level: its text's bytes, or 8 per item or entry.
    static func shallowSize(_ value: JSONValue) -> Int {
        switch value {
        case .string(let text): text.utf8.count
        case .array(let items): items.count * 8
        case .object(let object): object.count * 8
        default: 0
        }
    }

    /// Whether `value`'s top level is over the per-call limits.
    static func isTooLarge(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): text.utf8.count > maxTextBytes
        case .array(let items): items.count > maxItems
        case .object(let object): object.count > maxItems
        default: false
        }
    }

    /// Whether serializing `value` could exceed `maxTextBytes`: a walk that stops as soon as the
    /// estimate passes it (containers may share their parts, so a small value can serialize huge).
    static func serializesTooLarge(_ value: JSONValue) -> Bool {
        var budget = maxTextBytes
        return !fits(value, within: &budget)
    }

    private static func fits(_ value: JSONValue, within budget: inout Int) -> Bool {
        switch value {
        case .string(let text): budget -= text.utf8.count + 2
        case .array(let items):
            budget -= 2 + items.count
            for item in items where budget >= 0 { guard fits(item, within: &budget) else { return false } }
        case .object(let object):
            budget -= 2 + object.count * 2
            for (key, item) in object where budget >= 0 {
                budget -= key.utf8.count + 3
                guard fits(item, within: &budget) else { return false }
            }
        default: budget -= 24
        }
        return budget >= 0
    }
}
