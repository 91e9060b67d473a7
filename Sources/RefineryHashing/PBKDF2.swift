extension HashAlgorithm {
    /// PBKDF2 (RFC 8018 §5.2) with HMAC over this digest: `length` bytes derived from `password` and
    /// `salt` in `iterations` rounds. SCRAM-SHA-256 (RFC 7677) calls it `Hi` with `sha256` and the
    /// digest's length. Checked against the RFC 7914 §11 vectors in the tests.
    package func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
        precondition(iterations >= 1 && length >= 0, "PBKDF2 needs at least one iteration")
        var derived: [UInt8] = []
        var blockIndex: UInt32 = 1
        while derived.count < length {
            derived += block(password: password, salt: salt, iterations: iterations, index: blockIndex)
            blockIndex += 1
        }
        return Array(derived.prefix(length))
    }

    /// `T_i = U_1 ^ U_2 ^ … ^ U_c`, `U_1 = PRF(P, S || INT(i))`, `U_j = PRF(P, U_{j-1})`.
    private func block(password: [UInt8], salt: [UInt8], iterations: Int, index: UInt32) -> [UInt8] {
        let counter = (0..<4).map { UInt8(truncatingIfNeeded: index >> (24 - $0 * 8)) }
        var previous = hmac(key: password, message: salt + counter)
        var result = previous
        for _ in 1..<iterations {
            previous = hmac(key: password, message: previous)
            for position in result.indices { result[position] ^= previous[position] }
        }
        return result
    }
}
