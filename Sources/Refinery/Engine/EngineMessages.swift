import IML
/// Every message the scenario engine shows: lowercase, the user's tokens quoted.
enum EngineMessages {
    static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }

    // MARK: loading

    static let emptyFlow = "the scenario has no modules: 'flow' is empty"
    static func missingKey(_ key: String) -> String { "missing '\(key)'" }

    static func patternTooSlow(_ slow: PatternTooSlow) -> String {
        "the filter's pattern '\(slow.pattern)' did not finish matching a text of \(slow.length) characters within "
            + "\(BoundedRegex.maxSeconds) s (it backtracks too much); simplify it, e.g. (a+)+ to a+"
    }
    static func wrongType(expected: String, found: String) -> String { "expected \(expected), found \(found)" }
    static func unknownSetting(_ key: String, suggestion: String?) -> String {
        "unknown setting '\(key)' in 'metadata.refinery'" + didYouMean(suggestion)
    }
    static func unknownScheduling(_ type: String, suggestion: String?) -> String {
        "unknown scheduling type '\(type)'" + didYouMean(suggestion)
    }
    static func invalidVariableName(_ name: String) -> String {
        "'tokenVariable' must be an environment variable name (letters, digits, '_'), found '\(name)'"
    }
    static func invalidInDoubt(_ value: String) -> String { "'inDoubt' must be \"incomplete\" or \"retry\", found '\(value)'" }
    static func invalidTime(_ value: String) -> String { "'time' must be HH:MM (24-hour), found '\(value)'" }
    static let invalidWeekday = "'days' holds weekdays from 0 (Sunday) to 6 (Saturday)"
    static func unknownTimeZone(_ name: String) -> String { "unknown time zone '\(name)' (use an IANA name such as 'Europe/Berlin')" }
    static func invalidCommit(_ value: String) -> String { "'commit' must be \"bundle\" or \"cycle\", found '\(value)'" }
    static func notPositive(_ key: String) -> String { "'\(key)' must be 1 or more" }
    static func outside(_ key: String, value: Int, range: ClosedRange<Int>) -> String {
        "'\(key)' must be between \(range.lowerBound) and \(range.upperBound), found \(value)"
    }
    static func duplicateId(_ id: Int, firstLine: String) -> String {
        "module id \(id) is used twice; it was first used earlier\(firstLine)"
    }
    static func unknownModule(_ module: String, suggestion: String?) -> String {
        "unknown module '\(module)'" + didYouMean(suggestion)
    }
    static func unknownApp(_ module: String, app: String, installed: [String]) -> String {
        "unknown module '\(module)': Refinery has no app '\(app)' (it has \(installed.joined(separator: ", ")))"
    }
    static func unknownField(_ key: String, module: String, suggestion: String?) -> String {
        "'\(module)' has no field '\(key)'" + didYouMean(suggestion)
    }
    static func missingField(_ key: String, module: String) -> String { "'\(module)' needs the field '\(key)'" }
    static func invalidChoice(_ key: String, module: String, found: String, choices: [String]) -> String {
        "'\(module)': '\(key)' must be one of \(choices.map { "'\($0)'" }.joined(separator: ", ")), found '\(found)'"
    }
    static func missingFeeder(_ module: String) -> String { "'\(module)' needs 'parameters.feeder': the id of its source module" }
    static func feederNotUpstream(_ feeder: Int, aggregator: Int) -> String {
        "the feeder of aggregator \(aggregator) is module \(feeder), which is not earlier on the same path"
    }
    static let noSuchModule = "there is no such module"
    static let notOnPath = "it is not earlier on the same path"
    static func unknownReference(_ id: Int, reason: String) -> String {
        "this refers to module \(id), but \(reason)"
    }
    static func unknownOperator(_ op: String, suggestion: String?) -> String {
        "unknown filter operator '\(op)'" + didYouMean(suggestion)
    }
    static let routerWithoutRoutes = "a router needs 'routes'"
    static let severalFallbacks = "a router can have only one fallback route"
    static let ifElseWithoutBranches = "an if-else needs 'branches'"
    static func unknownBranchType(_ type: String) -> String { "a branch's 'type' is \"condition\" or \"else\", found '\(type)'" }
    static let elseNotLast = "the 'else' branch must be the last, and there can be only one"
    static let mergeWithoutIfElse = "'builtin:BasicMerge' must directly follow a 'builtin:BasicIfElse' on the same flow"
    static func mergeMappings(_ name: String, found: Int, branches: Int) -> String {
        "output '\(name)' has \(found) mapping\(found == 1 ? "" : "s") for \(branches) branch\(branches == 1 ? "" : "es"): give one per branch"
    }
    static func routesOnNonRouter(_ module: String) -> String { "'\(module)' is not a router: 'routes' is not allowed" }
    static func errorRouteOnRouter(_ module: String) -> String { "'\(module)' cannot have an error route" }
    static func misplacedDirective(_ module: String) -> String {
        "'\(module)' is an error directive: it can only be the last module of an 'onerror' route"
    }
    static let breakWithoutDLQ = "'builtin:Break' stores incomplete executions, but 'metadata.scenario.dlq' is off; Refinery stores them anyway (Make requires it on)"
    static func misplacedTrigger(_ module: String) -> String { "the trigger '\(module)' must be the first module of the flow" }

    // MARK: running

    static func notAnArray(_ module: String, found: String) -> String { "'\(module)': 'array' must be an array, found \(found)" }
    static func invalidRepeats(_ value: String) -> String { "'builtin:BasicRepeater': 'repeats' must be a number from 0 to 10000, found \(value)" }
    static func invalidRespondStatus(_ value: String) -> String { "'gateway:WebhookRespond': 'status' must be an HTTP status from 100 to 599, found \(value)" }
    static let placeholder = "an empty module slot of Make's editor (placeholder:Placeholder): skipped"
    static func invalidReset(_ value: String) -> String {
        "'util:FunctionIncrement': 'reset' must be 'run', 'execution' or 'scenario', found '\(value)'"
    }
    static func invalidFunction(_ value: String) -> String {
        "'util:FunctionAggregator2': 'fn' must be 'sum', 'avg', 'count', 'max' or 'min', found '\(value)'"
    }
    static func invalidSleep(_ value: String) -> String { "'util:FunctionSleep': 'duration' must be a number of seconds from 1 to 300, found \(value)" }
    static func dataStoreDataNotObject(found: String) -> String { "'data' must be an object of the record's fields, found \(found)" }
    static func invalidSwitchPattern(_ pattern: String, module: String, reason: String) -> String {
        "'\(module)': the case pattern '\(pattern)' \(reason)"
    }
    static func invalidJSON(_ detail: String) -> String { "'json:ParseJSON': the text is not valid JSON: \(detail)" }
    static func expressionFailed(_ message: String) -> String { "an expression failed: \(message)" }
    static func bundleTooLarge(_ bytes: Int, limit: Int) -> String { "a bundle of \(bytes) bytes is over 'maxBundleBytes' (\(limit))" }
    static func rolledBack(_ module: String) -> String { "rolled back by the error handler of '\(module)'" }
}
