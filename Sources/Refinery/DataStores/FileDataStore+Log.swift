import Foundation
import Glibc
import RefineryJSON

extension FileDataStore {
    /// Brings `state` up to the log on disk: the lines appended since, or the whole log when it was
    /// replaced (compacted) or is new to this object.
    func refresh(_ state: inout LogState) throws(DataStoreError) {
        finishHandover()
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            guard errno == ENOENT else { throw failure(url) }
            reset(&state)
            return
        }
        if state.descriptor < 0 || UInt64(info.st_ino) != state.inode {
            reset(&state)
            state.descriptor = open(url.path, O_RDWR | O_CLOEXEC)
            guard state.descriptor >= 0 else { throw failure(url) }
            state.inode = UInt64(info.st_ino)
        }
        if Int(info.st_size) != state.size { try readTail(&state, size: Int(info.st_size)) }
    }

    private func reset(_ state: inout LogState) {
        if state.descriptor >= 0 { close(state.descriptor) }
        state = LogState(lockDescriptor: state.lockDescriptor)
    }

    /// Reads the complete lines after `state.offset`; a last line without its newline is left for later
    /// (a writer still at it, or one that was killed: the next write cuts it off).
    private func readTail(_ state: inout LogState, size: Int) throws(DataStoreError) {
        guard size > state.offset else {
            state.size = size
            return
        }
        var bytes = [UInt8](repeating: 0, count: size - state.offset)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(state.descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(state.offset + done))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { if count < 0 { throw failure(url) }; break }
            done += count
        }
        var start = 0
        while let end = bytes[start..<done].firstIndex(of: UInt8(ascii: "\n")) {
            try applyLine(bytes[start..<end], to: &state)
            state.offset += end + 1 - start
            start = end + 1
        }
        state.size = size
    }

    private func applyLine(_ line: ArraySlice<UInt8>, to state: inout LogState) throws(DataStoreError) {
        state.lines += 1
        let value: JSONValue
        do {
            value = try JSONValue(parsing: line)
        } catch {
            throw DataStoreError.corrupt(path: url.path, line: state.lines, reason: error.message)
        }
        guard let batch = DataStoreBatch(logLine: value) else {
            throw DataStoreError.corrupt(path: url.path, line: state.lines, reason: "not a batch of changes")
        }
        for id in value["applied"]?.arrayValue ?? [] { state.contents.remember(id.stringValue) }
        state.contents.apply(batch)
    }

    /// Appends one line and flushes it to disk, first cutting off a torn line a killed writer left.
    func append(_ line: [UInt8], to state: inout LogState) throws(DataStoreError) {
        if state.descriptor < 0 {
            state.descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard state.descriptor >= 0 else { throw failure(url) }
            var info = stat()
            fstat(state.descriptor, &info)
            state.inode = UInt64(info.st_ino)
            Self.synchronizeDirectory(url.deletingLastPathComponent())
        }
        if state.size != state.offset, ftruncate(state.descriptor, off_t(state.offset)) != 0 { throw failure(url) }
        state.size = state.offset
        var written = 0
        while written < line.count {
            let count = line.withUnsafeBytes { buffer in
                pwrite(state.descriptor, buffer.baseAddress! + written, buffer.count - written, off_t(state.offset + written))
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let error = failure(url)
                _ = ftruncate(state.descriptor, off_t(state.offset))
                throw error
            }
            written += count
        }
        guard fsync(state.descriptor) == 0 else {
            let error = failure(url)
            _ = ftruncate(state.descriptor, off_t(state.offset))
            throw error
        }
        state.offset += line.count
        state.size = state.offset
        state.lines += 1
    }

    /// Writes the live records as a new log (the applied batch ids first) and puts it in the old one's
    /// place atomically; other processes see the new file when they next take the lock.
    func compact(_ state: inout LogState) throws(DataStoreError) {
        var bytes = DataStoreBatch(changes: [.clear]).logLine(applied: state.contents.applied)
        for key in state.contents.records.keys.sorted() {
            guard let data = state.contents.records[key] else { continue }
            bytes += DataStoreBatch(changes: [.put(key: key, data: data)]).logLine()
        }
        do {
            try AtomicFile.write(bytes, to: url)
        } catch {
            throw DataStoreError.io(path: url.path, reason: String(describing: error))
        }
        AtomicFile.removeLeftovers(of: url)
        close(state.descriptor)
        state.descriptor = -1
        try refreshAfterCompaction(&state, expected: bytes.count)
    }

    private func refreshAfterCompaction(_ state: inout LogState, expected: Int) throws(DataStoreError) {
        let contents = state.contents
        let lines = state.contents.count + 1
        state.descriptor = open(url.path, O_RDWR | O_CLOEXEC)
        guard state.descriptor >= 0 else { throw failure(url) }
        var info = stat()
        fstat(state.descriptor, &info)
        state.inode = UInt64(info.st_ino)
        state.offset = expected
        state.size = expected
        state.lines = lines
        state.contents = contents
    }

    /// A compaction killed between its two renames leaves only `<log>.next`: it is the log.
    private func finishHandover() {
        let next = AtomicFile.nextURL(of: url)
        guard !AtomicFile.exists(url), AtomicFile.exists(next) else { return }
        _ = rename(next.path, url.path)
    }

    static func synchronizeDirectory(_ directory: URL) {
        let descriptor = open(directory.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
