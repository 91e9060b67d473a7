public import Foundation
public import IML
public import RefineryJSON

/// A blueprint value whose strings may hold `{{ }}` expressions (a mapper, a filter operand, a
/// directive's settings): compiled once with IML when the scenario loads, evaluated per bundle.
public struct CompiledValue: Sendable, Hashable {
    private enum Storage: Sendable, Hashable {
        case constant(JSONValue)
        case tree(TemplateTree)
    }

    private let storage: Storage
    /// The first path segments the expressions read, e.g. ["1", "now"].
    public let referencedRoots: [String]

    /// A value without expressions.
    public init(constant value: JSONValue) {
        self.storage = .constant(value)
        self.referencedRoots = []
    }

    /// Compiles every string under `value` (at `pointer` in its file); problems are appended to `problems`
    /// with their pointers, and the value then evaluates to itself.
    static func compile(_ value: JSONValue, at pointer: JSONPointer, problems: inout [IMLTreeError.Entry]) -> CompiledValue {
        do {
            let tree = try TemplateTree(value, at: pointer)
            if tree.isPlain { return CompiledValue(constant: value) }
            return CompiledValue(storage: .tree(tree), referencedRoots: tree.referencedRoots)
        } catch {
            problems += error.errors
            return CompiledValue(constant: value)
        }
    }

    private init(storage: Storage, referencedRoots: [String]) {
        self.storage = storage
        self.referencedRoots = referencedRoots
    }

    /// The value for one bundle: `scope` maps module ids ("1") to the bundles on the current path.
    public func evaluate(in scope: JSONObject, environment: MappingEnvironment) throws(IMLError) -> JSONValue {
        switch storage {
        case .constant(let value):
            return value
        case .tree(let tree):
            let context = EvaluationContext(scope: scope, now: environment.now, timeZone: environment.timeZone, randomSeed: environment.randomSeed)
            return try tree.evaluate(in: context)
        }
    }
}

/// What expressions see besides the bundles: the run's time and time zone, and the seed of `uuid`,
/// `random` and `shuffle` for this one evaluation.
public struct MappingEnvironment: Sendable {
    public var now: Date
    public var timeZone: TimeZone
    public var randomSeed: UInt64

    public init(now: Date, timeZone: TimeZone = .gmt, randomSeed: UInt64 = 0) {
        self.now = now
        self.timeZone = timeZone
        self.randomSeed = randomSeed
    }

    /// The environment of evaluation number `index` of a run: a seed of its own, derived from the run's.
    public func evaluation(_ index: UInt64) -> MappingEnvironment {
        var copy = self
        var generator = SeededGenerator(seed: randomSeed ^ (index &* 0xD1B5_4A32_D192_ED03))
        copy.randomSeed = generator.next()
        return copy
    }
}
