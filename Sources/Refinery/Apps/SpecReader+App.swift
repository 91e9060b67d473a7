import Foundation
import RefineryJSON

extension SpecReader {
    public static let appKeys = ["$schema", "name", "label", "version", "description", "base", "connection", "groups"]
    public static let connectionKeys = ["type", "label", "parameters", "communication"]

    /// `app.json`; the modules are added by `AppLoader`.
    public mutating func app(directory: String) -> AppDefinition? {
        let root = JSONPointer.root
        guard let object = object(document.value, at: root, allowed: Self.appKeys, what: "an app") else { return nil }
        let name = string(object, "name", at: root, required: true, what: "the app") ?? ""
        if !name.isEmpty, name.range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) == nil {
            report("module.invalid-value", "app name '\(name)' must be lowercase letters, digits and '-'", at: root.appending("name"))
        }
        let label = string(object, "label", at: root, required: true, what: "the app") ?? name
        let version = string(object, "version", at: root, what: "the app") ?? "1.0.0"
        var base = RequestSpec(pointer: root.appending("base"))
        var baseURL: TemplateSlot?
        var sanitize: [String] = []
        if let value = object["base"], let spec = request(value, at: root.appending("base"), place: .base) {
            base = spec
            let baseObject = value.objectValue ?? [:]
            baseURL = slot(baseObject, "baseUrl", at: root.appending("base"))
            sanitize = logSanitize(baseObject["log"], at: root.appending("base").appending("log"))
        }
        var app = AppDefinition(name: name, label: label, version: version, base: base, directory: directory)
        app.description = string(object, "description", at: root, what: "the app")
        app.baseURL = baseURL
        app.sanitize = sanitize
        if let value = object["connection"] { app.connection = connection(value, at: root.appending("connection")) }
        return app
    }

    mutating func logSanitize(_ value: JSONValue?, at pointer: JSONPointer) -> [String] {
        guard let value, let object = object(value, at: pointer, allowed: ["sanitize"], what: "'log'") else { return [] }
        return array(object, "sanitize", at: pointer)?.compactMap(\.stringValue) ?? []
    }

    mutating func connection(_ value: JSONValue, at pointer: JSONPointer) -> ConnectionSpec? {
        guard let object = object(value, at: pointer, allowed: Self.connectionKeys, what: "'connection'") else { return nil }
        let kindName = choice(object, "type", at: pointer, choices: ConnectionSpec.Kind.allCases.map(\.rawValue), required: true, what: "'connection'")
        let parameters = fields(object["parameters"], at: pointer.appending("parameters"), what: "'parameters'")
        let communication = object["communication"].flatMap { request($0, at: pointer.appending("communication"), place: .connection) }
        guard let kind = kindName.flatMap(ConnectionSpec.Kind.init(rawValue:)) else { return nil }
        return ConnectionSpec(kind: kind, label: string(object, "label", at: pointer, what: "'connection'"),
                              parameters: parameters, communication: communication)
    }
}
