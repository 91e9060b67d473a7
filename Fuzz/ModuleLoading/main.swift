// libFuzzer target: the input as one module file of the Refiner app, read the way `refinery validate` and
// AppLoader read it (JSONDocument, then SpecReader.module). A module that reads is installed beside the
// app's own modules and a one-module scenario using it is compiled, as `refinery validate` does for a
// scenario. Never a crash, a hang or memory without bound; every problem is a `module.`-style diagnostic.
import Foundation
import IML
import Refinery
import RefineryJSON


let refinerDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../modules/refiner").standardizedFileURL.path
let refiner: AppDefinition = {
    let (app, diagnostics) = AppLoader.load(directory: refinerDirectory)
    guard let app, !diagnostics.hasErrors else { fatalError("cannot load \(refinerDirectory): \(diagnostics)") }
    return app
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModuleLoading(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let document = try? JSONDocument(file: "modules/refiner/fuzzModule.json", bytes: bytes) else { return 0 }
    var reader = SpecReader(document: document)
    let module = reader.module(fileName: "fuzzModule")
    _ = DiagnosticRenderer(colors: false).render(reader.diagnostics)
    for diagnostic in reader.diagnostics {
        precondition(!diagnostic.code.isEmpty && !diagnostic.message.isEmpty, "a diagnostic without a code or message")
    }
    guard let module, !reader.diagnostics.hasErrors else { return 0 }
    var app = refiner
    app.modules[module.name] = module
    let catalog = ModuleCatalog(apps: [app])
    let blueprint: JSONValue = ["name": "fuzz", "flow": [["id": 1, "module": .string("refiner:\(module.name)"), "mapper": [:]]]]
    _ = try? ScenarioCompiler.load(file: "fuzz.json", bytes: blueprint.serializedBytes(), catalog: catalog)
    return 0
}
