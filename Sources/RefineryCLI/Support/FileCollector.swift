import Foundation

/// Expands command-line paths into files: files as given, folders searched recursively for files with
/// one of `extensions`, hidden folders and `.build` skipped, in a stable sorted order.
struct FileCollector {
    var extensions: Set<String> = ["json"]
    let workingDirectory: String

    func collect(_ paths: [String]) throws(UsageError) -> [String] {
        var files: [String] = []
        for path in paths {
            let absolute = resolve(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                throw UsageError(CLIMessages.pathNotFound(path))
            }
            if isDirectory.boolValue {
                files += filesInFolder(path, absolute: absolute)
            } else {
                files.append(path)
            }
        }
        return files
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
    }

    private func filesInFolder(_ display: String, absolute: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: absolute) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") || name == ".build" {
                enumerator.skipDescendants()
                continue
            }
            if extensions.contains((name as NSString).pathExtension) {
                found.append(display.hasSuffix("/") ? display + relative : display + "/" + relative)
            }
        }
        return found.sorted()
    }
}
