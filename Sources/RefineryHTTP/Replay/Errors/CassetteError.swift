/// A failure to read, write or use a cassette. `code` is a stable diagnostic code (listed in
/// docs/replay.md); `message` never contains a secret value.
public struct CassetteError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// `cassette.not-found`: replaying a file that does not exist.
        case notFound
        /// `cassette.unreadable`: the file exists but could not be read.
        case unreadable
        /// `cassette.invalid`: not JSON, or JSON that is not a cassette.
        case invalid
        /// `cassette.unsupported-version`: written by a newer Refinery.
        case unsupportedVersion
        /// `cassette.secret-found`: a secret's value (raw, percent-encoded or base64) is in the bytes
        /// about to be written; nothing was written.
        case secretFound(secretName: String)
        /// `cassette.write-failed`: the file system refused the write.
        case writeFailed
        /// `record.short-secret`: a secret too short to be searched for reliably (under 4 bytes).
        case shortSecret(secretName: String)
        /// `record.invalid-sanitize-path`: a `log.sanitize` entry that names no request or response part.
        case invalidSanitizePath
        /// `replay.no-live-transport`: the mode needs the network but none was given.
        case noLiveTransport
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var code: String {
        switch kind {
        case .notFound: "cassette.not-found"
        case .unreadable: "cassette.unreadable"
        case .invalid: "cassette.invalid"
        case .unsupportedVersion: "cassette.unsupported-version"
        case .secretFound: "cassette.secret-found"
        case .writeFailed: "cassette.write-failed"
        case .shortSecret: "record.short-secret"
        case .invalidSanitizePath: "record.invalid-sanitize-path"
        case .noLiveTransport: "replay.no-live-transport"
        }
    }

    public var description: String { "\(message) [\(code)]" }
}
