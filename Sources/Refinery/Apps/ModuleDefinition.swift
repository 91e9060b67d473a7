public import RefineryJSON

/// A module's kind, as Make's module types.
public enum ModuleKind: String, Sendable, Hashable, CaseIterable {
    case trigger, instantTrigger = "instant_trigger", action, search, universal, responder

    /// Whether it returns many bundles (and may iterate and paginate).
    public var returnsMany: Bool { self == .trigger || self == .search }
}

/// One module file, decoded and checked.
public struct ModuleDefinition: Sendable {
    public var name: String
    public var label: String
    public var description: String?
    public var kind: ModuleKind
    /// Changes or deletes data in a way that cannot be undone; `refinery call` asks before running it.
    public var destructive: Bool = false
    public var parameters: [FieldSpec] = []
    public var expect: [FieldSpec] = []
    public var constraints: [InputConstraint] = []
    public var communication: [RequestSpec] = []
    public var epoch: RequestSpec?
    public var webhook: WebhookSpec?
    public var interface: [FieldSpec] = []
    public var samples: JSONValue?
    /// The file it came from, for messages.
    public var file: String

    public init(name: String, label: String, kind: ModuleKind, file: String) {
        self.name = name
        self.label = label
        self.kind = kind
        self.file = file
    }

    /// Static and mappable parameters together: the input a call takes.
    public var inputFields: [FieldSpec] { parameters + expect }
}

/// The `webhook` of an instant trigger: which deliveries it accepts and what each yields.
public struct WebhookSpec: Sendable {
    public var label: String?
    /// The event name the service sends (Refiner's `triggered_event`).
    public var event: String?
    /// How deliveries authenticate: `bearer` (a secret token as `Authorization: Bearer`) or `none`.
    public var auth: String = "bearer"
    public var condition: TemplateSlot?
    public var iterate: TemplateSlot?
    public var output: TemplateSlot?
    public var respond: TemplateSlot?
}
