public import RefineryJSON

extension ConnectionSpec {
    /// The connection's values: each parameter from `overrides` (e.g. the sandbox's key and URL), else
    /// from its environment variable, else its default. A missing required one is an
    /// `InvalidConfigurationError` naming the variable to set; the value itself is never shown.
    public func values(environment: [String: String], overrides: JSONObject = [:]) throws(ModuleError) -> JSONObject {
        var values = JSONObject()
        for parameter in parameters {
            if let value = overrides[parameter.name] {
                values[parameter.name] = value
            } else if let variable = parameter.environmentVariable, let text = environment[variable], !text.isEmpty {
                values[parameter.name] = .string(text)
            } else if let fallback = parameter.defaultValue {
                values[parameter.name] = fallback
            } else if parameter.required {
                var error = ModuleError(.invalidConfiguration, code: "connection.missing",
                                        message: InterpreterMessages.missingConnection(parameter.name, variable: parameter.environmentVariable))
                error.field = parameter.name
                throw error
            }
        }
        return values
    }
}
