import Refinery

extension CLIMessages {
    static func moduleReference(_ text: String) -> String {
        "'\(text)' is not a module reference; write APP:MODULE, e.g. refiner:listContacts"
    }

    static func unknownApp(_ name: String, known: [String]) -> String {
        "no app '\(name)'" + (known.isEmpty ? " (no apps found; see --modules)" : " (installed: \(known.joined(separator: ", ")))")
    }

    static func missingModulesFolder(_ folder: String, from place: String) -> String {
        "no apps folder '\(folder)' (from \(place)): it does not exist or is not a folder"
    }

    static func appOrigin(_ origin: InstalledApps.AppOrigin) -> String {
        switch origin {
        case .builtIn: "built in"
        case .folder(let path): "from \(path)"
        }
    }

    static func unknownModule(_ name: String, app: String, known: [String]) -> String {
        let close = known.first { $0.lowercased() == name.lowercased() }
            ?? known.first { $0.lowercased().hasPrefix(name.lowercased().prefix(5)) }
        return "app '\(app)' has no module '\(name)'" + (close.map { "; did you mean '\($0)'?" } ?? "")
    }

    static func invalidData(_ detail: String) -> String { "--data is not valid JSON: \(detail)" }

    static let dataNotObject = "--data must be a JSON object of the module's input fields"

    static let jsonAndJSONLines = "--json and --jsonl cannot be used together (--json prints one array, --jsonl one object per line)"

    static func unreadableData(_ path: String) -> String { "cannot read --data file '\(path)'" }

    static func destructiveRefused(_ module: String, label: String, target: String) -> String {
        "refinery: \(module) (\(label)) changes data irreversibly: it would act on \(target). Pass --yes to run it.\n"
    }

    static func destructivePrompt(_ module: String, label: String, target: String) -> String {
        "\(module) (\(label)) will act on \(target). This cannot be undone. Continue? [y/N] "
    }

    static func callFailed(_ error: ModuleError) -> String { "refinery: error: \(error)\n" }

    static func callSummary(_ count: Int, module: String) -> String {
        "\(module): \(count) bundle\(count == 1 ? "" : "s")\n"
    }

    static func appsInvalid(_ count: Int) -> String {
        "\(count) problem\(count == 1 ? "" : "s") in the installed apps; run `refinery validate modules`\n"
    }
}
