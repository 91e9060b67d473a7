import Foundation
public import RefineryJSON

/// Loads app folders (`modules/<app>/app.json` plus one file per module), collecting every problem of
/// every file before returning.
public enum AppLoader {
    /// One app folder. The app is nil only when `app.json` is missing or unreadable as an app.
    public static func load(directory: String) -> (app: AppDefinition?, diagnostics: [Diagnostic]) {
        let appFile = (directory as NSString).appendingPathComponent("app.json")
        var diagnostics: [Diagnostic] = []
        guard let appDocument = document(at: appFile, diagnostics: &diagnostics) else { return (nil, diagnostics) }
        var reader = SpecReader(document: appDocument)
        var app = reader.app(directory: directory)
        diagnostics += reader.diagnostics
        for file in moduleFiles(in: directory) {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let moduleDocument = document(at: path, diagnostics: &diagnostics) else { continue }
            var moduleReader = SpecReader(document: moduleDocument)
            let module = moduleReader.module(fileName: String(file.dropLast(5)))
            diagnostics += moduleReader.diagnostics
            if let module { app?.modules[module.name] = module }
        }
        return (app, diagnostics)
    }

    /// Every app folder under `directory` (each subfolder with an `app.json`).
    public static func loadAll(modulesDirectory directory: String) -> (apps: [AppDefinition], diagnostics: [Diagnostic]) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var apps: [AppDefinition] = []
        var diagnostics: [Diagnostic] = []
        for entry in entries.sorted() {
            let folder = (directory as NSString).appendingPathComponent(entry)
            guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("app.json")) else { continue }
            let (app, problems) = load(directory: folder)
            diagnostics += problems
            if let app { apps.append(app) }
        }
        return (apps, diagnostics)
    }

    static func moduleFiles(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter { $0.hasSuffix(".json") && $0 != "app.json" }.sorted()
    }

    static func document(at path: String, diagnostics: inout [Diagnostic]) -> JSONDocument? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(Diagnostic(code: "module.unreadable", message: "cannot read '\(path)'", source: SourceRef(file: path)))
            return nil
        }
        do {
            return try JSONDocument(file: path, bytes: [UInt8](data))
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
