public import RefineryJSON

extension DataStoreDeclaration {
    public static let keys = ["$schema", "name", "id", "key", "structure", "strict", "maxRecords", "maxBytes", "description"]

    /// Reads `datastores/<name>.json`, collecting every problem with its `file#pointer:line:col`. The
    /// store's name must be the file's base name.
    public static func read(file: String, bytes: [UInt8]) -> (DataStoreDeclaration?, [Diagnostic]) {
        let document: JSONDocument
        do { document = try JSONDocument(file: file, bytes: bytes) } catch { return (nil, [error]) }
        var reader = SpecReader(document: document)
        let root = JSONPointer()
        guard let object = reader.object(document.value, at: root, allowed: keys, what: "a data store declaration") else {
            return (nil, reader.diagnostics)
        }
        let name = reader.string(object, "name", at: root, required: true, what: "a data store declaration")
        var declaration = DataStoreDeclaration(name: name ?? "")
        declaration.file = file
        if let name { checkName(name, file: file, reader: &reader) }
        declaration.id = positive(object, "id", reader: &reader)
        if let key = reader.choice(object, "key", at: root, choices: KeyType.allCases.map(\.rawValue), what: "a data store declaration") {
            declaration.key = KeyType(rawValue: key) ?? .text
        }
        if object["structure"] != nil {
            declaration.structure = reader.fields(object["structure"], at: root.appending("structure"), what: "'structure'")
        }
        declaration.strict = reader.bool(object, "strict", at: root) ?? false
        declaration.maxRecords = positive(object, "maxRecords", reader: &reader)
        declaration.maxBytes = positive(object, "maxBytes", reader: &reader) ?? defaultMaxBytes
        _ = reader.string(object, "description", at: root, what: "a data store declaration")
        let valid = name != nil && !reader.diagnostics.hasErrors
        return (valid ? declaration : nil, reader.diagnostics)
    }

    private static func checkName(_ name: String, file: String, reader: inout SpecReader) {
        let allowed = !name.isEmpty && name.count <= 100 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard allowed else { return reader.report("datastore.invalid-declaration", DataStoreMessages.badName, at: JSONPointer().appending("name")) }
        let base = file.split(separator: "/").last.map(String.init) ?? file
        let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
        if stem != name {
            reader.report("datastore.invalid-declaration", DataStoreMessages.nameMismatch(name, file: stem), at: JSONPointer().appending("name"))
        }
    }

    private static func positive(_ object: JSONObject, _ key: String, reader: inout SpecReader) -> Int? {
        guard let value = object[key] else { return nil }
        guard let number = value.intValue, number > 0 else {
            reader.report("datastore.invalid-declaration", DataStoreMessages.notPositive(key), at: JSONPointer().appending(key))
            return nil
        }
        return number
    }
}
