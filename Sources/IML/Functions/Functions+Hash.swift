import Foundation
import RefineryHashing
import RefineryJSON

extension FunctionLibrary {
    /// `md5`, `sha1`, `sha256`, `sha512` `(text; [encoding]; [key]; [keyEncoding])`: the digest of the
    /// text's UTF-8 bytes (or a binary value's bytes), an HMAC when a key is given. `encoding` is `hex`
    /// (default), `base64` or `binary`; `keyEncoding` is `text` (default), `hex`, `base64` or `binary`.
    static let hashFunctions: [FunctionSpec] = [
        ("md5", HashAlgorithm.md5), ("sha1", .sha1), ("sha256", .sha256), ("sha512", .sha512),
    ].map { name, algorithm in
        FunctionSpec(name, 1, 4) { args throws(IMLError) in try hash(algorithm, &args) }
    }

    static func hash(_ algorithm: HashAlgorithm, _ args: inout CallArguments) throws(IMLError) -> JSONValue {
        let message = try Binary.bytes(args, 0)
        let digest: [UInt8]
        if args.has(2) {
            digest = algorithm.hmac(key: try hashKey(&args), message: message)
        } else {
            digest = algorithm.digest(message)
        }
        switch (try args.optionalText(1) ?? "hex").lowercased() {
        case "hex", "": return .string(Hex.string(digest))
        case "base64": return .string(Data(digest).base64EncodedString())
        case "binary": return Binary.value(digest)
        case let other: throw args.invalid(1, "unknown encoding '\(other)'; use hex, base64 or binary")
        }
    }

    private static func hashKey(_ args: inout CallArguments) throws(IMLError) -> [UInt8] {
        if let bytes = Binary.bytes(of: args[2]) { return bytes }
        let key = try args.text(2)
        let encoding = (try args.optionalText(3) ?? "text").lowercased()
        if encoding == "text" { return Array(key.utf8) }
        guard let bytes = Binary.decode(key, from: encoding) else {
            throw args.invalid(3, "the key is not valid \(encoding)")
        }
        return bytes
    }
}
