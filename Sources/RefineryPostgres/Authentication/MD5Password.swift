import RefineryHashing

/// PostgreSQL's `md5` password method: `"md5" + md5hex(md5hex(password + user) + salt)`.
package enum MD5Password {
    package static func response(user: String, password: String, salt: [UInt8]) -> String {
        let inner = hex(HashAlgorithm.md5.digest(Array((password + user).utf8)))
        return "md5" + hex(HashAlgorithm.md5.digest(Array(inner.utf8) + salt))
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        Hex.string(bytes)
    }
}
