import Foundation
public import RefineryJSON

/// Loads app folders (`modules/<app>/app.json` plus one file per module), collecting every problem of
/// every file before returning.
public enum AppLoader {
    /// One file of an app held in memory: its name (`app.json`, `listContacts.json`) and its bytes.
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// One app folder. The app is nil only when `app.json` is missing or unreadable as an app.
    public static func load(directory: String) -> (app: AppDefinition?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var files: [File] = []
        for name in ["app.json"] + moduleFiles(in: directory) {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(Diagnostic(code: "module.unreadable", message: "cannot read '\(path)'", source: SourceRef(file: path)))
                if name == "app.json" { return (nil, diagnostics) }
                continue
            }
            files.append(File(name: name, bytes: [UInt8](data)))
        }
        let (app, problems) = load(files: files, directory: directory)
        return (app, diagnostics + problems)
    }

    /// One app from files in memory (e.g. the app built into the binary). Diagnostics name each file as
    /// `directory/name`, so `directory` says where the app came from (`<built-in>/refiner`).
    public static func load(files: [File], directory: String) -> (app: AppDefinition?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
        guard let appFile = files.first(where: { $0.name == "app.json" }) else {
            let file = path("app.json")
            return (nil, [Diagnostic(code: "module.unreadable", message: "cannot read '\(file)'", source: SourceRef(file: file))])
        }
        guard let appDocument = document(path(appFile.name), bytes: appFile.bytes, diagnostics: &diagnostics) else { return (nil, diagnostics) }
        var reader = SpecReader(document: appDocument)
        var app = reader.app(directory: directory)
        diagnostics += reader.diagnostics
        for file in files.filter({ $0.name.hasSuffix(".json") && $0.name != "app.json" }).sorted(by: { $0.name < $1.name }) {
            guard let moduleDocument = document(path(file.name), bytes: file.bytes, diagnostics: &diagnostics) else { continue }
            var moduleReader = SpecReader(document: moduleDocument)
            let module = moduleReader.module(fileName: String(file.name.dropLast(5)))
            diagnostics += moduleReader.diagnostics
            if let module { app?.modules[module.name] = module }
        }
        return (app, diagnostics)
    }

    /// Every app folder under `directory` (each subfolder with an `app.json`).
    public static func loadAll(modulesDirectory directory: String) -> (apps: [AppDefinition], diagnostics: [Diagnostic]) {
        let loaded = loadEach(modulesDirectory: directory).map(\.loaded)
        return (loaded.compactMap(\.app), loaded.flatMap(\.diagnostics))
    }

    /// Every app folder under `directory`, each with its path and its own problems.
    public static func loadEach(modulesDirectory directory: String) -> [(directory: String, loaded: (app: AppDefinition?, diagnostics: [Diagnostic]))] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.sorted().compactMap { entry in
            let folder = (directory as NSString).appendingPathComponent(entry)
            guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("app.json")) else { return nil }
            return (folder, load(directory: folder))
        }
    }

    static func moduleFiles(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter { $0.hasSuffix(".json") && $0 != "app.json" }.sorted()
    }

    static func document(_ path: String, bytes: [UInt8], diagnostics: inout [Diagnostic]) -> JSONDocument? {
        do {
            return try JSONDocument(file: path, bytes: bytes)
        } catch {
            diagnostics.append(error)
            return nil
        }
    }
}

extension AppLoader {
    /// Every problem of one file when it belongs to an app (it is an `app.json`, or a `.json` file
    /// beside one); nil for any other file. `displayPath` is how diagnostics name the file.
    public static func validate(file displayPath: String, absolutePath: String) -> [Diagnostic]? {
        let directory = (absolutePath as NSString).deletingLastPathComponent
        let name = (absolutePath as NSString).lastPathComponent
        guard name.hasSuffix(".json"),
              FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("app.json")) else { return nil }
        guard let data = FileManager.default.contents(atPath: absolutePath) else {
            return [Diagnostic(code: "module.unreadable", message: "cannot read '\(displayPath)'", source: SourceRef(file: displayPath))]
        }
        let document: JSONDocument
        do {
            document = try JSONDocument(file: displayPath, bytes: [UInt8](data))
        } catch {
            return [error]
        }
        var reader = SpecReader(document: document)
        if name == "app.json" {
            _ = reader.app(directory: directory)
        } else {
            _ = reader.module(fileName: String(name.dropLast(5)))
        }
        return reader.diagnostics
    }
}
