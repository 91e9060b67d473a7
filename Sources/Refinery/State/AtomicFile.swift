import Foundation
import Glibc

/// Whole-file replacement that a crash cannot tear, with Foundation only.
///
/// POSIX `rename(2)` over an existing file is not reachable through Foundation on Linux
/// (`FileManager.replaceItemAt` fails there and `moveItem` refuses an existing target), so a replacement
/// is published in two renames, each onto a free name, with `<file>.next` as the hand-over:
///
/// 1. write `.<file>.<uuid>.tmp`, flush it to disk (fsync via `FileHandle.synchronize()`), close it;
/// 2. rename it to `<file>.next` (a complete file from the first instant it has that name), flush the directory;
/// 3. remove `<file>`, rename `<file>.next` to `<file>`, flush the directory.
///
/// A reader takes `<file>.next` when it exists (the newest complete content), else `<file>`. At every
/// instant one of the two holds a complete old or new content; a crash leaves at worst a `.tmp` file
/// (ignored, removed by the next write) or a `.next` file (read as the new content, finished by the next
/// write). A killed writer therefore yields the old state or the new one, never a mix.
enum AtomicFile {
    /// Test seam: called after half of the temporary file is written. Throwing from it simulates a
    /// process killed in the middle of a write.
    typealias Interruption = @Sendable (_ written: Int) throws -> Void

    static func write(_ bytes: [UInt8], to url: URL, interruption: Interruption? = nil) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let next = nextURL(of: url)
        try writeDurably(bytes, to: temporary, interruption: interruption)
        let files = FileManager.default
        if files.fileExists(atPath: next.path) { try files.removeItem(at: next) }
        try files.moveItem(at: temporary, to: next)
        synchronizeDirectory(directory)
        if files.fileExists(atPath: url.path) { try files.removeItem(at: url) }
        try files.moveItem(at: next, to: url)
        synchronizeDirectory(directory)
    }

    /// The newest complete content, or nil when the file was never written. Any other failure (no
    /// permission, a directory in its place, an I/O error) throws `Unreadable`: a file that exists but
    /// cannot be read is never taken for one that does not exist.
    static func read(_ url: URL) throws(Unreadable) -> [UInt8]? {
        let next = nextURL(of: url)
        for _ in 0..<3 {
            // Between a writer's two renames neither name may exist for an instant: look again.
            if let bytes = try contents(of: next) { return bytes }
            if let bytes = try contents(of: url) { return bytes }
        }
        return nil
    }

    /// Why an existing file could not be read.
    struct Unreadable: Error, CustomStringConvertible {
        let path: String
        let reason: String

        var description: String { "cannot read '\(path)': \(reason)" }
    }

    /// The file's bytes, or nil when it does not exist.
    private static func contents(of url: URL) throws(Unreadable) -> [UInt8]? {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw Unreadable(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Unreadable(path: url.path, reason: String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw Unreadable(path: url.path, reason: "not a regular file") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw Unreadable(path: url.path, reason: String(cString: strerror(errno)))
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// Whether anything (a file, a directory, a dangling link) has this name.
    static func exists(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0
    }

    static func nextURL(of url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".next")
    }

    private static func writeDurably(_ bytes: [UInt8], to url: URL, interruption: Interruption?) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let half = bytes.count / 2
        try handle.write(contentsOf: bytes[..<half])
        try interruption?(half)
        try handle.write(contentsOf: bytes[half...])
        try handle.synchronize()
    }

    /// Makes renames durable; best effort (not every platform can open a directory for reading).
    private static func synchronizeDirectory(_ directory: URL) {
        guard let handle = FileHandle(forReadingAtPath: directory.path) else { return }
        try? handle.synchronize()
        try? handle.close()
    }

    /// Removes temporary files left by writers that died before publishing them.
    static func removeLeftovers(of url: URL) {
        let directory = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}
