public import RefineryJSON

extension SpecReader {
    public mutating func response(_ value: JSONValue, at pointer: JSONPointer, place: RequestPlace) -> ResponseSpec {
        let allowed = if case .connection = place { Self.connectionResponseKeys } else { Self.responseKeys }
        guard let object = object(value, at: pointer, allowed: allowed, what: "'response'") else { return ResponseSpec() }
        var spec = ResponseSpec()
        if let type = object["type"] { spec.types = bodyTypes(type, at: pointer.appending("type")) }
        spec.temp = slot(object, "temp", at: pointer)
        readValid(object, into: &spec, at: pointer)
        if let error = object["error"] { spec.error = errorSpec(error, at: pointer.appending("error")) }
        readIterate(object, into: &spec, at: pointer)
        spec.output = slot(object, "output", at: pointer)
        spec.limit = slot(object, "limit", at: pointer)
        spec.wrapper = slot(object, "wrapper", at: pointer)
        if let trigger = object["trigger"] { spec.trigger = self.trigger(trigger, at: pointer.appending("trigger")) }
        spec.data = slot(object, "data", at: pointer)
        spec.metadata = slot(object, "metadata", at: pointer)
        spec.uid = slot(object, "uid", at: pointer)
        return spec
    }

    mutating func readValid(_ object: JSONObject, into spec: inout ResponseSpec, at pointer: JSONPointer) {
        guard let value = object["valid"] else { return }
        let validPointer = pointer.appending("valid")
        guard case .object = value else { return spec.valid = TemplateSlot.compile(value, at: validPointer, reader: &self) }
        guard let inner = self.object(value, at: validPointer, allowed: ["condition", "message", "type"], what: "'valid'") else { return }
        spec.valid = slot(inner, "condition", at: validPointer)
        spec.validMessage = slot(inner, "message", at: validPointer)
        spec.validType = errorKind(inner, at: validPointer)
    }

    mutating func readIterate(_ object: JSONObject, into spec: inout ResponseSpec, at pointer: JSONPointer) {
        guard let value = object["iterate"] else { return }
        let iteratePointer = pointer.appending("iterate")
        guard case .object = value else { return spec.iterate = TemplateSlot.compile(value, at: iteratePointer, reader: &self) }
        guard let inner = self.object(value, at: iteratePointer, allowed: ["container", "condition"], what: "'iterate'") else { return }
        spec.iterate = slot(inner, "container", at: iteratePointer)
        spec.iterateCondition = slot(inner, "condition", at: iteratePointer)
        if spec.iterate == nil { report("module.missing-field", SpecMessages.missing("container", in: "'iterate'"), at: iteratePointer) }
    }

    /// `"json"`, or `{"*": "json", "400-499": "text"}`.
    mutating func bodyTypes(_ value: JSONValue, at pointer: JSONPointer) -> [(range: ClosedRange<Int>, type: ResponseSpec.BodyType)] {
        let choices = ResponseSpec.BodyType.allCases.map(\.rawValue)
        if case .string(let name) = value {
            guard let type = ResponseSpec.BodyType(rawValue: name) else {
                report("module.invalid-value", SpecMessages.notOneOf(name, key: "type", choices: choices, suggestion: Suggestion.closest(to: name, in: choices)), at: pointer)
                return []
            }
            return [(1...999, type)]
        }
        guard case .object(let object) = value else {
            report("module.wrong-type", SpecMessages.wrongType("'type'", expected: "a string or an object by status", found: value), at: pointer)
            return []
        }
        var result: [(range: ClosedRange<Int>, type: ResponseSpec.BodyType)] = []
        for (key, entry) in object {
            guard let range = Self.statusRange(key) else {
                report("module.invalid-value", "'\(key)' is not a status, a status range (400-499) or '*'", at: pointer.appending(key), atKey: true)
                continue
            }
            guard let name = entry.stringValue, let type = ResponseSpec.BodyType(rawValue: name) else {
                report("module.invalid-value", "the response type for '\(key)' must be one of \(choices.joined(separator: ", "))", at: pointer.appending(key))
                continue
            }
            result.append((range, type))
        }
        return result
    }

    static func statusRange(_ key: String) -> ClosedRange<Int>? {
        if key == "*" { return 1...999 }
        let parts = key.split(separator: "-").map { Int($0) }
        if parts.count == 1, let status = parts[0], (100...999).contains(status) { return status...status }
        if parts.count == 2, let low = parts[0], let high = parts[1], low <= high { return low...high }
        return nil
    }

    mutating func errorSpec(_ value: JSONValue, at pointer: JSONPointer) -> ErrorSpec {
        var spec = ErrorSpec()
        guard case .object(let object) = value else {
            spec.message = TemplateSlot.compile(value, at: pointer, reader: &self)
            return spec
        }
        for key in object.keys where key != "message" && key != "type" {
            let entryPointer = pointer.appending(key)
            guard let status = Int(key), (100...999).contains(status) else {
                report("module.unknown-key", SpecMessages.unknownKey(key, in: "'error'", suggestion: Suggestion.closest(to: key, in: ["message", "type"])), at: entryPointer, atKey: true)
                continue
            }
            guard let entry = self.object(object[key] ?? .null, at: entryPointer, allowed: ["message", "type"], what: "an error by status") else { continue }
            spec.byStatus[status] = (slot(entry, "message", at: entryPointer), errorKind(entry, at: entryPointer))
        }
        spec.message = slot(object, "message", at: pointer)
        spec.type = errorKind(object, at: pointer)
        return spec
    }

    mutating func errorKind(_ object: JSONObject, at pointer: JSONPointer) -> ErrorTypeSpec? {
        if let text = object["type"]?.stringValue, text.contains("{{") {
            return slot(object, "type", at: pointer).map(ErrorTypeSpec.evaluated)
        }
        let choices = ModuleError.Kind.allCases.map(\.rawValue)
        return choice(object, "type", at: pointer, choices: choices, what: "an error").flatMap(ModuleError.Kind.init(rawValue:)).map(ErrorTypeSpec.fixed)
    }

    mutating func trigger(_ value: JSONValue, at pointer: JSONPointer) -> TriggerSpec? {
        guard let object = object(value, at: pointer, allowed: ["type", "order", "id", "date"], what: "'trigger'") else { return nil }
        let kind = choice(object, "type", at: pointer, choices: TriggerSupport.KeyType.allCases.map(\.rawValue), required: true, what: "'trigger'")
        let order = choice(object, "order", at: pointer, choices: TriggerSupport.Order.allCases.map(\.rawValue), required: true, what: "'trigger'")
        let id = slot(object, "id", at: pointer)
        if id == nil { report("module.missing-field", SpecMessages.missing("id", in: "'trigger'"), at: pointer) }
        let date = slot(object, "date", at: pointer)
        if kind == "date", date == nil { report("module.missing-field", "a date trigger needs 'date'", at: pointer) }
        guard let kind = kind.flatMap(TriggerSupport.KeyType.init(rawValue:)), let order = order.flatMap(TriggerSupport.Order.init(rawValue:)), let id
        else { return nil }
        return TriggerSpec(kind: kind, order: order, id: id, date: date)
    }
}
