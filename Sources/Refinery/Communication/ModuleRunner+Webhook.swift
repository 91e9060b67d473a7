import Foundation
public import RefineryHTTP
public import RefineryJSON

extension ModuleRunner {
    /// The bundles an instant trigger makes of one webhook delivery: its `webhook.condition` decides
    /// whether the delivery is for this module (with these parameters), `iterate` splits a batch, and
    /// `output` shapes each bundle (the payload itself by default). The payload is `body`, its headers
    /// `headers` (lowercase names), the module's parameters `parameters`.
    public func webhookOutputs(
        _ moduleName: String, input: JSONObject, payload: JSONValue, headers: HTTPHeaders = HTTPHeaders()
    ) throws -> [ModuleOutput] {
        guard let module = app.modules[moduleName], let webhook = module.webhook else {
            throw ModuleError(.invalidConfiguration, code: "module.not-instant",
                              message: "'\(app.name):\(moduleName)' is not an instant trigger of app '\(app.name)'")
        }
        let parameters = try module.validate(input: input, app: app.name)
        var values: JSONObject = ["parameters": .object(parameters), "body": payload, "payload": payload,
                                  "headers": ResponseParsing.headers(headers), "temp": .object([:])]
        let scope = TemplateScope(values: values, now: environment.clock.now, timeZone: environment.timeZone)
        if let condition = webhook.condition, !Truthiness.isTrue(try condition.evaluate(in: scope)) { return [] }
        let items = try webhook.iterate.map { slot -> [JSONValue] in try slot.evaluate(in: scope).arrayValue ?? [] } ?? [payload]
        return try items.compactMap { item in
            values["item"] = item
            let itemScope = TemplateScope(values: values, now: scope.now, timeZone: scope.timeZone)
            let value = try webhook.output.map { try $0.evaluate(in: itemScope) } ?? item
            return value.isNull ? nil : ModuleOutput(value)
        }
    }
}
