/// The messages of `refinery init`.
extension CLIMessages {
    static func initNotEmpty(_ folder: String) -> String {
        "'\(folder)' is not empty; pass --force to write the repository's files into it anyway"
    }

    static func initNotAFolder(_ path: String) -> String {
        "'\(path)' is a file, not a folder"
    }

    static func initNotWritten(_ path: String, reason: String) -> String {
        "cannot write '\(path)': \(reason)"
    }

    /// What was created, then what to do next.
    static let initWithoutSource = "warning: no --source: set REFINERY_REPOSITORY in .github/workflows/refinery.yml and .gitlab-ci.yml "
        + "to the git URL of refinery's source before pushing (CI stops at its first step until then)\n"

    static func initialized(folder: String, files: [String]) -> String {
        let prefix = folder == "." ? "" : folder.hasSuffix("/") ? folder : folder + "/"
        var text = "created a scenarios repository in \(folder):\n"
        text += files.map { "  \(prefix)\($0)\n" }.joined()
        text += "the cassette was recorded on the built-in sandbox; next:\n"
        if folder != "." { text += "  cd \(folder)\n" }
        text += "  refinery test scenarios          # replays it, as CI will\n"
        text += "  git init && git add . && git commit -m 'Scenarios'\n"
        return text
    }
}
