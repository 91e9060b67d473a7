import Foundation
import Refinery
import RefineryJSON
@testable import RefineryCLI
import Testing

/// The Refiner app built into the binary is the same as `modules/refiner/`, file by file.
@Suite struct EmbeddedAppsTests {
    static let regenerate = "the built-in app differs from modules/: run Scripts/embed-apps.sh and commit Sources/RefineryCLI/Support/EmbeddedApps.swift"

    @Test func theBuiltInRefinerAppIsTheModulesFolder() throws {
        let folder = ModuleCommandsTests.root + "/modules/refiner"
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        let embedded = try #require(EmbeddedApps.apps.first { $0.name == "refiner" }, "\(Self.regenerate)")
        #expect(embedded.files.map(\.name).sorted() == onDisk, "\(Self.regenerate)")
        for file in embedded.files {
            let bytes = FileManager.default.contents(atPath: folder + "/" + file.name).map { [UInt8]($0) }
            let same = bytes == Array(file.text.utf8)
            #expect(same, "\(file.name): \(Self.regenerate)")
        }
    }

    @Test func everyBuiltInAppLoadsWithoutProblems() {
        for embedded in EmbeddedApps.apps {
            let files = embedded.files.map { AppLoader.File(name: $0.name, bytes: Array($0.text.utf8)) }
            let (app, diagnostics) = AppLoader.load(files: files, directory: "<built-in>/\(embedded.name)")
            #expect(app?.name == embedded.name)
            #expect(app?.modules.count == embedded.files.count - 1)
            #expect(diagnostics.isEmpty, "\(diagnostics)")
        }
    }

    @Test func problemsOfAnAppInMemoryNameItsFile() {
        let files = [
            AppLoader.File(name: "app.json", bytes: Array(#"{"name": "demo", "label": "Demo"}"#.utf8)),
            AppLoader.File(name: "broken.json", bytes: Array("{".utf8)),
        ]
        let (app, diagnostics) = AppLoader.load(files: files, directory: "<built-in>/demo")
        #expect(app?.name == "demo")
        #expect(diagnostics.map(\.source?.file) == ["<built-in>/demo/broken.json"])
    }
}
