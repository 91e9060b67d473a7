import Foundation
import Refinery
import RefineryJSON

/// What `refinery datastore` does with the stores of one state folder, or of a shared PostgreSQL store.
struct DataStoreTools {
    let catalog: DataStoreCatalog
    let backend: any DataStoreBackend
    let context: CommandContext

    /// The declared store named (or numbered) `reference`, opened.
    func store(_ reference: String) throws -> any DataStore {
        guard let declaration = catalog.resolve(.string(reference)) else {
            throw UsageError(CLIMessages.unknownDataStore(reference, known: catalog.sortedNames))
        }
        return try backend.open(declaration)
    }

    func list(json: Bool) throws -> ExitCode {
        var rows: [JSONValue] = []
        for name in catalog.sortedNames {
            let store = try store(name)
            let contents = try store.contents()
            var row: JSONObject = ["name": .string(name), "records": .int(contents.count), "bytes": .int(contents.bytes)]
            if let file = store as? FileDataStore { row["fileBytes"] = .int(try file.logBytes()) }
            if let id = store.declaration.id { row["id"] = .int(id) }
            row["maxRecords"] = store.declaration.maxRecords.map(JSONValue.int) ?? .null
            row["maxBytes"] = .int(store.declaration.maxBytes)
            rows.append(.object(row))
        }
        context.console.out(json ? JSONValue.array(rows).serialized(.pretty) + "\n" : CLIMessages.dataStoreList(rows))
        return .success
    }

    func get(_ key: String, from store: any DataStore, json: Bool) throws -> ExitCode {
        guard let data = try store.record(key) else {
            context.console.err(CLIMessages.noSuchRecord(key, store: store.declaration.name))
            return .failure
        }
        let record: JSONValue = ["key": .string(key), "data": .object(data)]
        context.console.out((json ? record : .object(data)).serialized(.pretty) + "\n")
        return .success
    }

    func export(_ store: any DataStore, to output: String?) throws -> ExitCode {
        let records = try store.contents().records
        let items = records.keys.sorted().map { key -> JSONValue in ["key": .string(key), "data": .object(records[key] ?? [:])] }
        let text = JSONValue.array(items).serialized(.pretty) + "\n"
        guard let output else {
            context.console.out(text)
            return .success
        }
        let url = URL(fileURLWithPath: FileCollector(workingDirectory: context.workingDirectory).resolve(output))
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw DataStoreError.io(path: output, reason: error.localizedDescription)
        }
        context.console.err(CLIMessages.dataStoreExported(items.count, store: store.declaration.name, file: output))
        return .success
    }

    /// Every record of the file checked first (every problem reported, exit 65), then one batch.
    func importRecords(_ file: String, into store: any DataStore) throws -> ExitCode {
        let path = FileCollector(workingDirectory: context.workingDirectory).resolve(file)
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError(CLIMessages.unreadableFile(file, reason: "cannot be read")) }
        let document = try JSONDocument(file: file, bytes: Array(data))
        let (changes, problems) = DataStoreImport.changes(document, for: store.declaration)
        guard problems.isEmpty else {
            context.report(problems)
            return .dataError
        }
        try store.apply(DataStoreBatch(changes: changes))
        context.console.err(CLIMessages.dataStoreImported(changes.count, store: store.declaration.name))
        return .success
    }

    func clear(_ store: any DataStore, confirmed: Bool) throws -> ExitCode {
        if !confirmed {
            guard let ask = context.ask else { throw UsageError(CLIMessages.dataStoreClearNeedsYes) }
            let count = try store.count()
            let answer = ask(CLIMessages.dataStoreClearPrompt(store.declaration.name, records: count))
            guard ["y", "yes"].contains(answer?.trimmingCharacters(in: .whitespaces).lowercased() ?? "") else {
                context.console.err(CLIMessages.dataStoreClearCancelled)
                return .failure
            }
        }
        let count = try store.count()
        try store.apply(DataStoreBatch(changes: [.clear]))
        context.console.err(CLIMessages.dataStoreCleared(count, store: store.declaration.name))
        return .success
    }
}
