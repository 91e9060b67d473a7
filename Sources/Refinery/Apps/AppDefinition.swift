import RefineryJSON

/// An app folder: `app.json` and its modules, decoded and checked.
public struct AppDefinition: Sendable {
    public var name: String
    public var label: String
    public var version: String
    public var description: String?
    /// `base`: what every request inherits (`baseUrl`, `headers`, `qs`, `body`, `response`).
    public var base: RequestSpec
    public var baseURL: TemplateSlot?
    /// `log.sanitize`: request/response paths masked in logs and cassettes.
    public var sanitize: [String] = []
    public var connection: ConnectionSpec?
    public var modules: [String: ModuleDefinition] = [:]
    public var directory: String

    public init(name: String, label: String, version: String, base: RequestSpec, directory: String) {
        self.name = name
        self.label = label
        self.version = version
        self.base = base
        self.directory = directory
    }

    /// Module names in order.
    public var moduleNames: [String] { modules.keys.sorted() }
}

/// `connection`: how the app authenticates and where its secrets come from.
public struct ConnectionSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case apiKey, basic, oauth2 }
    public var kind: Kind
    public var label: String?
    public var parameters: [FieldSpec]
    /// The optional validation request (`refinery call` checks the key with it).
    public var communication: RequestSpec?

    /// Names of the parameters whose values are secrets.
    public var secretNames: [String] { parameters.filter(\.secret).map(\.name) }
}
