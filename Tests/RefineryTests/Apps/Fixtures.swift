import Foundation
import Refinery
import RefineryJSON

/// Paths and throwaway app folders for tests.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let refinerDirectory = repositoryRoot.appendingPathComponent("modules/refiner").path

    static func refinerApp() throws -> AppDefinition {
        let (app, diagnostics) = AppLoader.load(directory: refinerDirectory)
        guard let app, diagnostics.isEmpty else {
            throw FixtureError(description: diagnostics.map(\.description).joined(separator: "\n"))
        }
        return app
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes an app folder with `files` (name -> JSON text) to a fresh temporary directory.
    static func appFolder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("refinery-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    /// Writes an app folder, loads it, and removes the folder again.
    static func loadApp(_ files: [String: String]) throws -> (app: AppDefinition?, diagnostics: [Diagnostic]) {
        let folder = try appFolder(files)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return AppLoader.load(directory: folder)
    }

    static let minimalApp = #"{"name": "demo", "label": "Demo", "base": {"baseUrl": "https://example.com/api"}}"#
}
