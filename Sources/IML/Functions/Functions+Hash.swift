import RefineryJSON

extension FunctionLibrary {
    static let hashFunctions: [FunctionSpec] = []
}
