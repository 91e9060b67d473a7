public import Foundation
import Synchronization

/// The data stores of one state folder, in `<state>/datastores/`: one `FileDataStore` per name, shared
/// by every execution of the process.
public final class FileDataStoreBackend: DataStoreBackend {
    public let directory: URL
    private let stores = Mutex<[String: FileDataStore]>([:])

    /// `directory` is the state folder's `datastores/`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The backend of a state folder.
    public convenience init(stateDirectory: URL) {
        self.init(directory: stateDirectory.appendingPathComponent("datastores", isDirectory: true))
    }

    public func open(_ declaration: DataStoreDeclaration) throws(DataStoreError) -> any DataStore {
        stores.withLock { stores in
            if let store = stores[declaration.name], store.declaration == declaration { return store }
            let store = FileDataStore(directory: directory, declaration: declaration)
            stores[declaration.name] = store
            return store
        }
    }
}
