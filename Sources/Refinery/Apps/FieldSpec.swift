public import RefineryJSON

/// One input or output field of a module or connection: Make's parameter spec, with the types and rules
/// of DESIGN.md ("Apps and modules").
public struct FieldSpec: Sendable, Hashable {
    public enum FieldType: String, Sendable, Hashable, CaseIterable {
        case text, number, integer, uinteger, boolean, date, email, url, select, array, collection, any
    }

    /// What an `array` holds or what a `collection` contains.
    public indirect enum Nested: Sendable, Hashable {
        /// Every item of an array, or every member value of a free-form collection, is checked against
        /// this spec (its name is ignored).
        case item(FieldSpec)
        /// A collection's fields, or (for an array) the fields of every item, each item being a collection.
        case fields([FieldSpec])
    }

    public struct SelectOption: Sendable, Hashable {
        public var label: String
        public var value: JSONValue
    }

    public var name: String
    public var type: FieldType
    public var label: String?
    public var help: String?
    public var required: Bool = false
    public var defaultValue: JSONValue?
    /// A secret value is redacted everywhere it could be shown.
    public var secret: Bool = false
    public var advanced: Bool = false
    public var rules: FieldRules = FieldRules()
    public var options: [SelectOption] = []
    /// A `select` that takes an array of option values.
    public var multiple: Bool = false
    public var nested: Nested?
    /// For connection parameters: the environment variable the value is read from.
    public var environmentVariable: String?

    public init(name: String, type: FieldType) {
        self.name = name
        self.type = type
    }

    /// The fields of a collection, or of each item of an array of collections.
    public var nestedFields: [FieldSpec]? {
        if case .fields(let fields) = nested { return fields }
        return nil
    }
}

/// `validate`: the rules a value must follow. Text: `min`/`max` and `minLength`/`maxLength` bound its
/// length, `pattern` is a regular expression it must match; numbers: `min`/`max` bound the value;
/// arrays: `minItems`/`maxItems`; any type: `enum` lists the allowed values.
public struct FieldRules: Sendable, Hashable {
    public var min: Double?
    public var max: Double?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var allowed: [JSONValue]?
    public var minItems: Int?
    public var maxItems: Int?

    public init() {}

    public var isEmpty: Bool { self == FieldRules() }
}
