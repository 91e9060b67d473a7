import RefineryJSON

extension FunctionLibrary {
    static let arrayFunctions: [FunctionSpec] = []
}
