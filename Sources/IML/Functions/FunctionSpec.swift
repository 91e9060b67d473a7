import RefineryJSON

/// A built-in function: its name, how many arguments it takes, and its body.
struct FunctionSpec: Sendable {
    typealias Body = @Sendable (inout CallArguments) throws(IMLError) -> JSONValue

    let name: String
    let minimum: Int
    let maximum: Int
    let body: Body

    init(_ name: String, _ minimum: Int, _ maximum: Int? = nil, body: @escaping Body) {
        self.name = name
        self.minimum = minimum
        self.maximum = maximum ?? minimum
        self.body = body
    }

    static let variadic = Int.max
}
