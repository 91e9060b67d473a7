import RefineryJSON

extension FunctionLibrary {
    static let mathFunctions: [FunctionSpec] = []
}
