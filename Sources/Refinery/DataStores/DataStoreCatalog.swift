public import Foundation
public import RefineryJSON

/// The data stores a repository declares (`datastores/*.json`), by name and by Make's id.
public struct DataStoreCatalog: Sendable {
    public private(set) var declarations: [String: DataStoreDeclaration] = [:]
    private var names: [Int: String] = [:]

    public init(_ declarations: [DataStoreDeclaration] = []) {
        for declaration in declarations { add(declaration) }
    }

    public mutating func add(_ declaration: DataStoreDeclaration) {
        declarations[declaration.name] = declaration
        if let id = declaration.id { names[id] = declaration.name }
    }

    public var isEmpty: Bool { declarations.isEmpty }
    public var sortedNames: [String] { declarations.keys.sorted() }

    public subscript(name: String) -> DataStoreDeclaration? { declarations[name] }

    /// The store `parameters.datastore` names: Make's numeric id (a number or digits), or a name.
    public func resolve(_ reference: JSONValue) -> DataStoreDeclaration? {
        if let id = reference.intValue ?? reference.stringValue.flatMap({ Int($0) }), let name = names[id] {
            return declarations[name]
        }
        return reference.stringValue.flatMap { declarations[$0] }
    }

    /// Every `*.json` of `directory` (sorted), each checked; a name or id declared twice is a problem.
    /// `display` is how messages name the folder.
    public static func load(directory: URL, display: String) -> (DataStoreCatalog, [Diagnostic]) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        var catalog = DataStoreCatalog()
        var diagnostics: [Diagnostic] = []
        for name in files {
            let shown = (display as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { continue }
            let (declaration, problems) = DataStoreDeclaration.read(file: shown, bytes: Array(data))
            diagnostics += problems
            guard let declaration else { continue }
            if let id = declaration.id, let other = catalog.names[id] {
                diagnostics.append(Diagnostic(code: "datastore.invalid-declaration", message: DataStoreMessages.duplicateId(id, other: other), source: SourceRef(file: shown)))
                continue
            }
            catalog.add(declaration)
        }
        return (catalog, diagnostics)
    }
}
