import RefineryJSON

extension FunctionLibrary {
    static let dateFunctions: [FunctionSpec] = []
}
