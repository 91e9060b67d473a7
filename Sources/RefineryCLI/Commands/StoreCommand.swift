import Foundation
import Refinery
import RefineryPostgres

/// `refinery store migrate|status`: the PostgreSQL store's schema.
struct StoreCommand: Command {
    static let spec = CommandSpec(
        name: "store",
        summary: "Create or upgrade the PostgreSQL store's schema, or show it.",
        discussion: """
        'migrate' applies the schema migrations the database lacks (each in its own transaction; workers
        starting together migrate once) and prints what it applied. 'status' prints the schema version and
        the scenarios that have state. The store is --store or REFINERY_STORE. Every command that opens the
        store migrates it too; 'migrate' is for doing it ahead of time. See docs/scaling.md.
        """,
        positionals: [.init("ACTION", help: "migrate or status")],
        options: [SharedStoreOption.option],
        examples: [
            "refinery store migrate --store postgres://refinery@db.internal:5432/refinery",
            "REFINERY_STORE=postgres://refinery@127.0.0.1/refinery refinery store status",
        ]
    )

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let action = arguments.positionals[0]
        guard ["migrate", "status"].contains(action) else { throw UsageError(CLIMessages.unknownStoreAction(action)) }
        guard let store = try await SharedStoreOption.open(arguments, context: context, migrate: false) else { throw UsageError(CLIMessages.noStore) }
        defer { store.close() }
        let name = String(store.configuration.description.prefix { $0 != " " })
        let line = try await BlockingWork.run {
            if action == "migrate" { return CLIMessages.migrated(try store.migrate(), store: name) }
            let version = try store.schemaVersion()
            let scenarios = version > 0 ? try store.stateStore.scenarios() : []
            return CLIMessages.storeStatus(name, version: version, latest: PostgresStore.latestSchemaVersion, scenarios: scenarios)
        }
        context.console.out(line)
        return .success
    }
}
