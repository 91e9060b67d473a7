import Foundation
import RefineryJSON

extension RunExecution {
    /// The bundles of one data store module on one bundle. Writes are staged (`DataStoreStaging`) and
    /// reach the store when the execution commits.
    func runDataStore(_ operation: DataStoreOperation, store declaration: DataStoreDeclaration, _ node: PlanNode, scope: BundleScope) throws -> [JSONValue] {
        let mapper = try evaluateObject(node.mapper, scope)
        do {
            let store = try environment.dataStores.open(declaration)
            dataStaging.use(store)
            switch operation {
            case .get: return [try getRecord(mapper, store)]
            case .exist: return [["exist": .bool(try dataStaging.record(try key(mapper, store), in: store) != nil)]]
            case .add: return [try addRecord(mapper, store)]
            case .update: return [try updateRecord(mapper, store)]
            case .delete:
                let key = try key(mapper, store)
                dataStaging.stage(.delete(key: key), in: store)
                return [["key": .string(key)]]
            case .deleteAll:
                dataStaging.stage(.clear, in: store)
                return [[:]]
            case .count: return [["count": .int(try dataStaging.count(in: store))]]
            case .search:
                let parameters = try evaluateObject(node.parameters, scope)
                return try searchRecords(DataStoreQuery(mapper: mapper, parameters: parameters, store: declaration.name), store)
            }
        } catch let error as DataStoreError {
            throw error.moduleError(module: node.module)
        }
    }

    private func key(_ mapper: JSONObject, _ store: any DataStore) throws(DataStoreError) -> String {
        let key = FilterOperands.text(mapper["key"] ?? .null)
        try store.declaration.checkKey(key)
        return key
    }

    private func getRecord(_ mapper: JSONObject, _ store: any DataStore) throws(DataStoreError) -> JSONValue {
        let key = try key(mapper, store)
        let record = try dataStaging.record(key, in: store)
        if FilterOperands.bool(mapper["returnWrapped"] ?? .null) ?? false {
            return ["key": .string(key), "data": record.map(JSONValue.object) ?? .null]
        }
        return .object(record ?? [:])
    }

    private func addRecord(_ mapper: JSONObject, _ store: any DataStore) throws -> JSONValue {
        var key = FilterOperands.text(mapper["key"] ?? .null)
        if key.isEmpty { key = generatedKey() }
        try store.declaration.checkKey(key)
        let data = try recordData(mapper)
        let overwrite = FilterOperands.bool(mapper["overwrite"] ?? .null) ?? false
        if !overwrite, try dataStaging.record(key, in: store) != nil {
            throw DataStoreError.duplicateKey(store: store.declaration.name, key: key)
        }
        let record = try store.declaration.validated(data, key: key)
        dataStaging.stage(.put(key: key, data: record), in: store)
        return ["key": .string(key), "data": .object(record)]
    }

    private func updateRecord(_ mapper: JSONObject, _ store: any DataStore) throws -> JSONValue {
        let key = try key(mapper, store)
        let data = try recordData(mapper)
        let existing = try dataStaging.record(key, in: store)
        let upsert = FilterOperands.bool(mapper["upsert"] ?? .null) ?? false
        guard existing != nil || upsert else { throw DataStoreError.missingRecord(store: store.declaration.name, key: key) }
        let overwriteArrays = FilterOperands.bool(mapper["overwriteArrays"] ?? .null) ?? false
        let merged = Self.merge(data, into: existing ?? [:], overwriteArrays: overwriteArrays)
        let record = try store.declaration.validated(merged, key: key)
        dataStaging.stage(.put(key: key, data: record), in: store)
        return ["key": .string(key), "data": .object(record)]
    }

    /// `data`'s fields over the record's: a null leaves a field as it is; an array is appended to the
    /// stored one unless `overwriteArrays`.
    static func merge(_ data: JSONObject, into record: JSONObject, overwriteArrays: Bool) -> JSONObject {
        var merged = record
        for (field, value) in data where !value.isNull {
            if !overwriteArrays, case .array(let added) = value, case .array(let stored)? = merged[field] {
                merged[field] = .array(stored + added)
            } else {
                merged[field] = value
            }
        }
        return merged
    }

    /// `data`: an object (or nothing, for a store of keys only).
    private func recordData(_ mapper: JSONObject) throws(ModuleError) -> JSONObject {
        let value = mapper["data"] ?? .null
        if value.isNull || value == .string("") { return [:] }
        guard let object = value.objectValue else {
            throw ModuleError(.data, code: "module.invalid-value", message: EngineMessages.dataStoreDataNotObject(found: value.typeName))
        }
        return object
    }

    /// A key for AddRecord without one, as Make generates: a UUID, drawn from the run's seed.
    private func generatedKey() -> String {
        evaluations &+= 1
        var generator = SeededGenerator(seed: mapping.evaluation(evaluations).randomSeed)
        var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.map(String.init).joined(separator: "-")
    }

    private func searchRecords(_ query: DataStoreQuery, _ store: any DataStore) throws -> [JSONValue] {
        let found = try query.run(on: dataStaging.records(in: store))
        if found.isEmpty, query.continueWhenNoResults { return [[:]] }
        return found.map { record in
            var bundle: JSONObject = ["key": .string(record.key)]
            for (field, value) in record.data where field != "key" { bundle[field] = value }
            return .object(bundle)
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
