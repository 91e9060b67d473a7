/// Every message `http:MakeRequest` shows. Messages start lower-case, quote the user's tokens and never
/// hold a secret (a URL is shown without its query, and only when it is not a connection's URL).
enum MakeRequestMessages {
    static let module = "http:MakeRequest"

    static let missingURL = "http:MakeRequest needs a 'url' (or a connection with a URL)"

    static func invalidURL(_ url: String) -> String {
        "'url' must be an absolute http or https URL; got '\(String(url.prefix { $0 != "?" }).prefix(200))'"
    }

    static func unknownMethod(_ method: String, suggestion: String?) -> String {
        "unknown method '\(method.prefix(40))'\(suggestion.map { "; did you mean '\($0)'?" } ?? "") (one of \(MakeRequestInput.methods.joined(separator: ", ")))"
    }

    static func invalidValue(_ key: String, expected: String) -> String {
        "'\(key)' must be \(expected)"
    }

    static func unknownChoice(_ key: String, _ value: String, choices: [String]) -> String {
        "unknown \(key) '\(value.prefix(60))' (one of \(choices.joined(separator: ", ")))"
    }

    static let inlineCredentials = "credentials written in the blueprint are not sent: put them in a connection "
        + "(REFINERY_HTTP_<NAME>_USER and _PASSWORD) and use http:MakeRequest with basicAuth"

    static func unsupported(_ what: String) -> String {
        "\(what) is not supported by Refinery's http:MakeRequest (see docs/builtins.md)"
    }

    static func missingConnection(_ name: String, variables: [String]) -> String {
        "the HTTP connection '\(name)' is not set: set \(variables.joined(separator: " and "))"
    }

    static func noKeychain(_ type: String, key: String) -> String {
        "authenticationType '\(type)' needs 'parameters.\(key)' (the keychain, read as a connection name)"
    }

    static func httpStatus(_ status: Int, method: String, target: String) -> String {
        "\(method) \(target) answered \(status)"
    }
}
