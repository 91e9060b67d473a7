import Refinery
import RefineryJSON

/// An import file read as changes: a JSON array of `{key, data}` (what `export` writes), each record
/// checked against the store's data structure; every problem with its `file#pointer:line:col`.
enum DataStoreImport {
    static func changes(_ document: JSONDocument, for declaration: DataStoreDeclaration) -> ([DataStoreChange], [Diagnostic]) {
        var problems = document.duplicateKeyDiagnostics
        guard let items = document.value.arrayValue else {
            problems.append(document.diagnostic(code: "datastore.invalid-record", message: CLIMessages.importNotArray, at: JSONPointer()))
            return ([], problems)
        }
        var changes: [DataStoreChange] = []
        for (index, item) in items.enumerated() {
            let pointer = JSONPointer().appending(index)
            guard let key = item["key"]?.stringValue ?? item["key"]?.intValue.map(String.init), let data = (item["data"] ?? [:]).objectValue else {
                problems.append(document.diagnostic(code: "datastore.invalid-record", message: CLIMessages.importItemShape, at: pointer))
                continue
            }
            do {
                changes.append(.put(key: key, data: try declaration.record(data, key: key)))
            } catch {
                problems.append(document.diagnostic(code: error.code, message: error.description, at: pointer))
            }
        }
        return (problems.isEmpty ? changes : [], problems)
    }
}
