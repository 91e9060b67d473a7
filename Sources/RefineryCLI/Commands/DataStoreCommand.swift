import Foundation
import Refinery
import RefineryJSON

/// `refinery datastore list|get|export|import|clear`: the data stores a repository declares
/// (`datastores/*.json`) and the records a state folder holds for them.
struct DataStoreCommand: Command {
    static let spec = CommandSpec(
        name: "datastore",
        summary: "List, read, export, import or clear the records of data stores.",
        discussion: """
        Data stores are declared in datastores/<name>.json (found upward from the working directory, as
        modules/ is) and their records live in the state folder, in datastores/<name>.log. 'list' shows
        every declared store with its record count and size; 'get' prints one record; 'export' prints every
        record as a JSON array of {key, data} (or writes it to --output); 'import' adds or replaces the
        records of such a file, each checked against the store's data structure, all or none; 'clear'
        removes every record (it asks first unless --yes). The state folder defaults to
        scenarios/.refinery/ beside datastores/ (where 'refinery run scenarios/X.json' keeps its state);
        with --store postgres://..., the records are the shared store's, as 'serve --store' workers see them.
        Exit 0 on success, 1 when a record is missing or a store cannot be written, 64 on a usage error,
        65 when a declaration or an imported record is invalid.
        """,
        positionals: [
            .init("ACTION", help: "list, get, export, import or clear."),
            .init("NAME", optional: true, help: "The data store's name (or Make's id)."),
            .init("ARGUMENT", optional: true, help: "get: the record's key; import: the JSON file to import."),
        ],
        options: [
            .init("state", value: "DIR", help: "The state folder (default scenarios/.refinery/ beside datastores/)."),
            SharedStoreOption.option,
            .init("output", short: "o", value: "FILE", help: "export: write to FILE instead of stdout."),
            .init("yes", short: "y", help: "clear: do not ask for confirmation."),
            .init("json", help: "list, get: print JSON on stdout."),
        ],
        examples: [
            "refinery datastore list",
            "refinery datastore get processed-contacts 42",
            "refinery datastore export processed-contacts --output contacts.json",
            "refinery datastore import processed-contacts contacts.json",
            "refinery datastore clear processed-contacts --yes",
        ]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let action = arguments.positionals[0]
        guard ["list", "get", "export", "import", "clear"].contains(action) else { throw UsageError(CLIMessages.unknownDataStoreAction(action)) }
        let repository = RepositoryDataStores.load(near: nil, context: context)
        guard !repository.diagnostics.hasErrors else {
            context.report(repository.diagnostics)
            return .dataError
        }
        guard let folder = repository.folder else { throw UsageError(CLIMessages.noDataStoreFolder) }
        let tools = DataStoreTools(catalog: repository.catalog, backend: try await backend(arguments, folder: folder, context: context), context: context)
        // Every action reads or writes records: a database round trip or an fsync, off the cooperative pool.
        return try await BlockingWork.run { try perform(action, with: tools, arguments: arguments) }
    }

    private func perform(_ action: String, with tools: DataStoreTools, arguments: ParsedArguments) throws -> ExitCode {
        if action == "list" { return try tools.list(json: arguments.flag("json")) }
        guard arguments.positionals.count > 1 else { throw UsageError(CLIMessages.dataStoreNameNeeded(action)) }
        let store = try tools.store(arguments.positionals[1])
        let argument = arguments.positionals.count > 2 ? arguments.positionals[2] : nil
        switch action {
        case "get":
            guard let key = argument else { throw UsageError(CLIMessages.dataStoreKeyNeeded) }
            return try tools.get(key, from: store, json: arguments.flag("json"))
        case "export": return try tools.export(store, to: arguments.value("output"))
        case "import":
            guard let file = argument else { throw UsageError(CLIMessages.dataStoreFileNeeded) }
            return try tools.importRecords(file, into: store)
        default: return try tools.clear(store, confirmed: arguments.flag("yes"))
        }
    }

    private func backend(_ arguments: ParsedArguments, folder: String, context: CommandContext) async throws -> any DataStoreBackend {
        if let shared = try await SharedStoreOption.open(arguments, context: context) { return shared.dataStores }
        if let state = arguments.value("state") {
            return FileDataStoreBackend(stateDirectory: URL(fileURLWithPath: FileCollector(workingDirectory: context.workingDirectory).resolve(state)))
        }
        let root = URL(fileURLWithPath: folder).deletingLastPathComponent()
        return FileDataStoreBackend(stateDirectory: root.appendingPathComponent("scenarios/.refinery", isDirectory: true))
    }
}
