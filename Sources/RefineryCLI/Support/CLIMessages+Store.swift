/// Messages about the shared PostgreSQL store (`--store`, `refinery store`).
extension CLIMessages {
    static let storeAndState = "--store and --state name two places for the same state: give one"

    static let queueOptionWithoutStore = "--claim-lease and --keep-finished are for workers sharing a --store: without one, there is no shared queue"

    static let recordWithStore = "--record starts from empty state, as its replay does: it cannot use a --store"

    static let unknownStoreURL = "the store must be a PostgreSQL URL: postgres://USER[:PASSWORD]@HOST[:PORT]/DB"

    static let noStore = "no store named: give --store postgres://USER@HOST:PORT/DB or set REFINERY_STORE"

    static func unknownStoreAction(_ action: String) -> String {
        "unknown store action '\(action)': use migrate or status"
    }

    static func migrated(_ versions: [Int], store: String) -> String {
        versions.isEmpty ? "\(store): the schema is up to date\n"
            : "\(store): applied migration" + (versions.count == 1 ? " " : "s ") + versions.map(String.init).joined(separator: ", ") + "\n"
    }

    static func storeStatus(_ store: String, version: Int, latest: Int, scenarios: [String]) -> String {
        "\(store): schema version \(version) of \(latest)\n"
            + (scenarios.isEmpty ? "no scenario state yet\n" : "state of: " + scenarios.joined(separator: ", ") + "\n")
    }
}
