public import Foundation

/// Reading and writing cassette files.
public enum CassetteFile {
    /// Reads and parses the cassette at `file`.
    public static func read(_ file: URL) throws(CassetteError) -> Cassette {
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw CassetteError(.notFound, CassetteMessages.notFound(file.path))
        }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw CassetteError(.unreadable, CassetteMessages.unreadable(file.path, error.localizedDescription))
        }
        return try Cassette(bytes: [UInt8](data), path: file.path)
    }

    /// Writes `cassette` to `file`: the encoded bytes are checked for every secret's value, written to a
    /// temporary file beside `file` and renamed over it, then read back and checked again. On any
    /// failure nothing is left at `file` (an existing cassette there stays as it was, unless the
    /// written file itself fails the check, in which case it is removed).
    public static func write(_ cassette: Cassette, to file: URL, secrets: [Redactor.Secret]) throws(CassetteError) {
        let bytes = cassette.encoded()
        try check(bytes, secrets: secrets, file: file)
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file, options: .atomic)
        } catch {
            throw CassetteError(.writeFailed, CassetteMessages.writeFailed(file.path, error.localizedDescription))
        }
        do {
            let written = try Data(contentsOf: file)
            try check([UInt8](written), secrets: secrets, file: file)
        } catch {
            try? FileManager.default.removeItem(at: file)
            if let error = error as? CassetteError { throw error }
            throw CassetteError(.writeFailed, CassetteMessages.writeFailed(file.path, error.localizedDescription))
        }
    }

    static func check(_ bytes: [UInt8], secrets: [Redactor.Secret], file: URL) throws(CassetteError) {
        if let leaked = SecretScanner.leakedSecret(in: bytes, secrets: secrets) {
            throw CassetteError(.secretFound(secretName: leaked.name), CassetteMessages.secretFound(leaked.name, file.path))
        }
    }
}
