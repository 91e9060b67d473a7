// libFuzzer target: the input as a scenario blueprint, loaded the way `refinery validate` loads one:
// ScenarioCompiler.load against the catalog of the Refiner app in modules/refiner. Never a crash, a hang or
// memory without bound; a blueprint either compiles to a plan or fails with its diagnostics.
import Foundation
import Refinery
import RefineryJSON

let refinerDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../modules/refiner").standardizedFileURL.path
let catalog: ModuleCatalog = {
    let (app, diagnostics) = AppLoader.load(directory: refinerDirectory)
    guard let app, !diagnostics.hasErrors else { fatalError("cannot load \(refinerDirectory): \(diagnostics)") }
    return ModuleCatalog(apps: [app])
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioLoading(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let plan = try ScenarioCompiler.load(file: "fuzz.json", bytes: bytes, catalog: catalog)
        precondition(!plan.warnings.hasErrors, "a plan with errors")
    } catch {
        precondition(!error.diagnostics.isEmpty, "a load error without a diagnostic")
        for diagnostic in error.diagnostics {
            precondition(!diagnostic.code.isEmpty && !diagnostic.message.isEmpty, "a diagnostic without a code or message")
        }
    }
    return 0
}
