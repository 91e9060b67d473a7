/// The modules Refinery implements itself.
enum BuiltinModule: String, CaseIterable {
    case router = "builtin:BasicRouter"
    case ifElse = "builtin:BasicIfElse"
    case merge = "builtin:BasicMerge"
    case feeder = "builtin:BasicFeeder"
    case aggregator = "builtin:BasicAggregator"
    case textAggregator = "util:TextAggregator"
    case jsonAggregator = "json:AggregateToJSON"
    case setVariable = "util:SetVariable"
    case setVariables = "util:SetVariables"
    case getVariable = "util:GetVariable"
    case getVariables = "util:GetVariables"
    case setVariable2 = "util:SetVariable2"
    case getVariable2 = "util:GetVariable2"
    case repeater = "builtin:BasicRepeater"
    case compose = "util:ComposeTransformer"
    case sleep = "util:FunctionSleep"
    case switcher = "util:Switcher"
    case parseJSON = "json:ParseJSON"
    case createJSON = "json:CreateJSON"
    case transformToJSON = "json:TransformToJSON"
    case webhookRespond = "gateway:WebhookRespond"
    case numericAggregator = "util:FunctionAggregator2"
    case tableAggregator = "util:AggregateAggregator"
    case increment = "util:FunctionIncrement"
    case textParser = "regexp:Parser"
    case advancedTextParser = "regexp:AdvancedParser"
    case textReplace = "regexp:Replace"
    case htmlToText = "regexp:HTMLToText"

    static var allNames: [String] {
        allCases.map(\.rawValue) + ErrorDirective.allCases.map(\.rawValue) + DataStoreOperation.allCases.map(\.rawValue)
    }
}
