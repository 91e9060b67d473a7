/// The modules Refinery implements itself.
enum BuiltinModule: String, CaseIterable {
    case router = "builtin:BasicRouter"
    case feeder = "builtin:BasicFeeder"
    case aggregator = "builtin:BasicAggregator"
    case textAggregator = "util:TextAggregator"
    case setVariable = "util:SetVariable"
    case setVariables = "util:SetVariables"
    case getVariable = "util:GetVariable"
    case getVariables = "util:GetVariables"
    case repeater = "builtin:BasicRepeater"

    static var allNames: [String] { allCases.map(\.rawValue) + ErrorDirective.allCases.map(\.rawValue) }
}
