import Foundation
import Refinery
import RefineryPostgres

/// `--store postgres://USER@HOST:PORT/DB` (or `REFINERY_STORE`): keep state and data stores in
/// PostgreSQL rather than in the state folder. Opening it applies the schema migrations the database
/// lacks, so a new database works at once (`refinery store migrate` does only that).
enum SharedStoreOption {
    static let option = CommandSpec.Option(
        "store", value: "URL", help: "Keep state and data stores in PostgreSQL (postgres://USER@HOST:PORT/DB); default REFINERY_STORE."
    )

    /// The URL given, `--store` before `REFINERY_STORE`; nil when neither is set, or when `--state` names
    /// a folder explicitly (an option beats the environment).
    static func url(_ arguments: ParsedArguments, context: CommandContext) -> String? {
        if let given = arguments.value("store") { return given }
        guard arguments.value("state") == nil else { return nil }
        return context.environment["REFINERY_STORE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The store named, connected and migrated; nil when none is named. A URL that is not a PostgreSQL
    /// one, or `--store` with `--state`, is a usage error. Connecting and migrating run off the cooperative pool.
    static func open(_ arguments: ParsedArguments, context: CommandContext, migrate: Bool = true) async throws -> PostgresStore? {
        guard let url = url(arguments, context: context) else { return nil }
        if arguments.value("store") != nil, arguments.value("state") != nil { throw UsageError(CLIMessages.storeAndState) }
        guard PostgresStore.isStoreURL(url) else { throw UsageError(CLIMessages.unknownStoreURL) }
        let configuration: PostgresConfiguration
        do {
            configuration = try PostgresConfiguration(url: url, environment: context.environment)
        } catch {
            throw UsageError("\(error)")
        }
        let store = PostgresStore(configuration)
        if migrate { _ = try await BlockingWork.run { try store.migrate() } }
        return store
    }
}
