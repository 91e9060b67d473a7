import Foundation
import RefineryHTTP
import RefineryJSON

/// The state of one module call while its requests run: the scope expressions see (with `temp`
/// shared by all requests), the trigger position, and where outputs go.
struct Execution {
    let app: AppDefinition
    let module: ModuleDefinition
    let environment: ModuleEnvironment
    var redactor: OutputRedactor
    /// The time this call may spend on HTTP (`metadata.refinery.callTimeout`).
    let deadline: CallDeadline
    let emit: @Sendable (ModuleOutput) async throws -> Void
    var scope = TemplateScope(values: [:], now: .init(timeIntervalSince1970: 0), timeZone: .current)
    var position: TriggerPosition?
    /// The evaluated parts of the current request before pagination, which pagination merges over.
    var parentParts: RequestParts?

    var moduleName: String { "\(app.name):\(module.name)" }

    /// One request of the communication, with its pagination; outputs are emitted only for the last.
    mutating func perform(_ spec: RequestSpec, isLast: Bool) async throws {
        try mergeTemp(spec.temp)
        if let condition = spec.condition, !Truthiness.isTrue(try evaluate(condition)) {
            if isLast, let fallback = spec.conditionDefault { try await emit(ModuleOutput(try evaluate(fallback))) }
            return
        }
        let response = effectiveResponse(spec.response)
        let streaming = response.trigger != nil && environment.streamsTriggerItems
        let limit = streaming ? nil : try response.limit.flatMap { try evaluate($0).intValue }
        var sink = OutputSink(limit: limit, isLast: isLast, buffering: response.wrapper != nil || (response.trigger != nil && !streaming),
                              stopsAtLimit: response.trigger == nil || position == nil)
        scope["pagination"] = .object(["page": .int(1)])
        let parts = try buildParts(spec)
        parentParts = parts
        var request = try assemble(parts, spec: spec)
        if let authorization = request.headers["Authorization"], !redactor.contains(authorization) {
            redactor = redactor.adding(OutputRedactor.credentials(ofAuthorization: authorization))
        }
        var pages = 1
        var pageGuard = spec.pagination?.maxPages.map {
            PaginationGuard(module: moduleName, maxPages: $0, setting: InterpreterMessages.modulePaginationMaxPages)
        } ?? PaginationGuard(module: moduleName, maxPages: environment.maxPages, setting: environment.maxPagesSetting)
        pageGuard.sent(request)
        while true {
            let httpResponse = try await send(request, spec: spec)
            let items = try await handlePage(httpResponse, page: pages, response: response, sink: &sink)
            let itemCount = items?.count
            if spec.pagination != nil, let items { try pageGuard.check(items: items, page: pages) }
            guard let pagination = spec.pagination, !sink.isFull, !sink.triggerReachedPosition,
                  try wantsNextPage(pagination, itemCount: itemCount) else { break }
            try pageGuard.check(page: httpResponse.body, itemCount: itemCount, pages: pages, hasCondition: pagination.condition != nil)
            pages += 1
            request = try paginatedRequest(request, spec: spec, pagination: pagination, page: pages)
            try pageGuard.checkNext(request, pages: pages - 1)
        }
        try await finish(&sink, response: response)
    }

    /// Whether the pagination `condition` (evaluated on the page just received) asks for more; without a
    /// condition, Make's rule: continue while pages are not empty.
    func wantsNextPage(_ pagination: PaginationSpec, itemCount: Int?) throws -> Bool {
        if let condition = pagination.condition { return Truthiness.isTrue(try evaluate(condition)) }
        return (itemCount ?? 0) > 0
    }

    func evaluate(_ slot: TemplateSlot) throws -> JSONValue {
        try slot.evaluate(in: scope)
    }

    /// `temp` merges into the existing `temp` object (never replaces it).
    mutating func mergeTemp(_ slot: TemplateSlot?) throws {
        guard let slot, case .object(let values) = try evaluate(slot) else { return }
        var temp = scope["temp"]?.objectValue ?? [:]
        for (key, value) in values { temp[key] = value }
        scope["temp"] = .object(temp)
    }

    /// The module's `response`, with what it leaves out taken from the app's `base.response`.
    func effectiveResponse(_ response: ResponseSpec) -> ResponseSpec {
        let base = app.base.response
        var merged = response
        if merged.types.isEmpty { merged.types = base.types }
        if merged.valid == nil { merged.valid = base.valid; merged.validMessage = base.validMessage; merged.validType = base.validType }
        merged.error.message = response.error.message ?? base.error.message
        merged.error.type = response.error.type ?? base.error.type
        merged.error.byStatus = base.error.byStatus.merging(response.error.byStatus) { _, module in module }
        return merged
    }
}

/// Make's truthiness for `condition`, `valid`, `iterate.condition` and `pagination.condition`.
enum Truthiness {
    static func isTrue(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool(false), .int(0), .string(""), .string("false"): false
        case .double(let number): number != 0
        default: true
        }
    }
}
