import Foundation
import RefineryHashing
import Synchronization

/// SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL runs it: no channel binding (`n,,`), an empty user
/// name in the messages (the server uses the startup message's), the password's UTF-8 bytes (no SASLprep:
/// see docs/postgres.md). Three steps: `clientFirst`, `clientFinal(serverFirst:)`, `verify(serverFinal:)`.
package struct SCRAMClient: Sendable {
    package static let mechanism = "SCRAM-SHA-256"

    private let password: String
    private let clientFirstBare: String
    private let nonce: String
    private var expectedServerSignature: [UInt8]?

    /// `nonce` is injected by tests; by default 24 random bytes from `SystemRandomNumberGenerator`, base64.
    package init(user: String = "", password: String, nonce: String? = nil) {
        var generator = SystemRandomNumberGenerator()
        self.password = password
        self.nonce = nonce ?? Data((0..<24).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString()
        self.clientFirstBare = "n=\(Self.escape(user)),r=\(self.nonce)"
    }

    package var clientFirst: String { "n,," + clientFirstBare }

    /// The client-final message with its proof, from the server-first message.
    package mutating func clientFinal(serverFirst: String) throws(PostgresError) -> String {
        let attributes = Self.attributes(serverFirst)
        guard let combined = attributes["r"], combined.hasPrefix(nonce), combined.count > nonce.count else {
            throw .authentication("the server's SCRAM nonce does not extend the client's")
        }
        guard let saltText = attributes["s"], let salt = Data(base64Encoded: saltText),
              let iterations = attributes["i"].flatMap({ Int($0) }), (1...1_000_000).contains(iterations) else {
            throw .authentication("the server's SCRAM salt or iteration count is malformed")
        }
        let sha256 = HashAlgorithm.sha256
        let salted = SaltedPasswords.salted(Array(password.utf8), salt: Array(salt), iterations: iterations)
        let clientKey = sha256.hmac(key: salted, message: Array("Client Key".utf8))
        let withoutProof = "c=biws,r=\(combined)"
        let authMessage = Array("\(clientFirstBare),\(serverFirst),\(withoutProof)".utf8)
        let signature = sha256.hmac(key: sha256.digest(clientKey), message: authMessage)
        let proof = zip(clientKey, signature).map { $0 ^ $1 }
        let serverKey = sha256.hmac(key: salted, message: Array("Server Key".utf8))
        expectedServerSignature = sha256.hmac(key: serverKey, message: authMessage)
        return "\(withoutProof),p=\(Data(proof).base64EncodedString())"
    }

    /// Checks the server-final message's signature: a server that does not know the password fails here.
    package func verify(serverFinal: String) throws(PostgresError) {
        let attributes = Self.attributes(serverFinal)
        if let error = attributes["e"] { throw .authentication("the server rejected the SCRAM proof (\(error))") }
        guard let expected = expectedServerSignature, let text = attributes["v"],
              let signature = Data(base64Encoded: text), Array(signature) == expected else {
            throw .authentication("the server's SCRAM signature does not match: it does not know the password")
        }
    }

    /// `k=v` attributes separated by commas (a value may contain `=`).
    private static func attributes(_ message: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in message.split(separator: ",") where part.count >= 2 && part.dropFirst().first == "=" {
            result[String(part.prefix(1))] = String(part.dropFirst(2))
        }
        return result
    }

    private static func escape(_ user: String) -> String {
        user.replacingOccurrences(of: "=", with: "=3D").replacingOccurrences(of: ",", with: "=2C")
    }
}

/// The salted password (PBKDF2) of a password, salt and iteration count is the same every time and costs
/// `iterations` HMACs (4,096 by default: about a millisecond in a release build, far more in a debug
/// one), which every new connection of a pool to the same server would pay again. Kept per process,
/// keyed by a digest of the three, a few entries at most.
enum SaltedPasswords {
    private static let cache = Mutex<[[UInt8]: [UInt8]]>([:])
    static let capacity = 16

    static func salted(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let sha256 = HashAlgorithm.sha256
        let key = sha256.digest(Array("\(password.count):\(salt.count):\(iterations):".utf8) + password + salt)
        if let known = cache.withLock({ $0[key] }) { return known }
        let salted = sha256.pbkdf2(password: password, salt: salt, iterations: iterations, length: 32)
        cache.withLock { cache in
            if cache.count >= capacity { cache.removeAll() }
            cache[key] = salted
        }
        return salted
    }
}
