import Foundation

/// The folders apps are loaded from, in order (a later app of the same name wins): `modules/` found
/// upward from the scenario (or the working directory), as git finds its root; each folder of
/// `REFINERY_MODULES` (`:`-separated); each `--modules DIR`. The apps built into the binary come before
/// all of them (`InstalledApps`).
struct AppSearchPath {
    static let variable = "REFINERY_MODULES"

    /// Absolute paths, each once (at its last place).
    let folders: [String]

    init(_ arguments: ParsedArguments, context: CommandContext, near: String?) throws(UsageError) {
        let absolute = { (path: String) in
            ((path.hasPrefix("/") ? path : (context.workingDirectory as NSString).appendingPathComponent(path)) as NSString).standardizingPath
        }
        var folders: [String] = []
        if let found = Self.upward(from: absolute(near ?? ".")) { folders.append(found) }
        let listed = (context.environment[Self.variable] ?? "").split(separator: ":").map(String.init)
        for folder in listed {
            guard Self.isDirectory(absolute(folder)) else { throw UsageError(CLIMessages.missingModulesFolder(folder, from: Self.variable)) }
            folders.append(absolute(folder))
        }
        for folder in arguments.values("modules") {
            guard Self.isDirectory(absolute(folder)) else { throw UsageError(CLIMessages.missingModulesFolder(folder, from: "--modules")) }
            folders.append(absolute(folder))
        }
        self.folders = folders.enumerated().filter { !folders[($0.offset + 1)...].contains($0.element) }.map(\.element)
    }

    /// The first `name` folder (`modules`, `datastores`) in `start` (or its folder, when it is a file) or above it.
    static func upward(from start: String, named name: String = "modules") -> String? {
        var directory = isDirectory(start) ? start : (start as NSString).deletingLastPathComponent
        while true {
            let candidate = (directory as NSString).appendingPathComponent(name)
            if isDirectory(candidate) { return candidate }
            let parent = (directory as NSString).deletingLastPathComponent
            if parent == directory || parent.isEmpty { return nil }
            directory = parent
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
