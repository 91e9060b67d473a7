import RefineryHashing
import Testing

private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}

@Suite struct PBKDF2Tests {
    /// RFC 7914 §11 (PBKDF2-HMAC-SHA256) and the SHA-256 counterparts of RFC 6070's vectors.
    @Test(arguments: [
        ("passwd", "salt", 1, 64,
         "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
        ("password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
        ("password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
        ("password", "salt", 4096, 32, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
        ("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40,
         "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9"),
    ])
    func sha256Vectors(password: String, salt: String, iterations: Int, length: Int, expected: String) {
        let derived = HashAlgorithm.sha256.pbkdf2(password: Array(password.utf8), salt: Array(salt.utf8), iterations: iterations, length: length)
        #expect(hex(derived) == expected)
    }

    @Test func embeddedZeroBytes() {
        let derived = HashAlgorithm.sha256.pbkdf2(password: Array("pass\0word".utf8), salt: Array("sa\0lt".utf8), iterations: 4096, length: 16)
        #expect(hex(derived) == "89b69d0516f829893c696226650a8687")
    }

    /// The algorithms that moved here from IML, once each (IML's fixture table covers them in depth).
    @Test(arguments: [
        (HashAlgorithm.md5, "9e107d9d372bb6826bd81d3542a419d6"),
        (.sha1, "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
        (.sha256, "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
    ])
    func digests(algorithm: HashAlgorithm, expected: String) {
        #expect(hex(algorithm.digest(Array("The quick brown fox jumps over the lazy dog".utf8))) == expected)
    }

    /// RFC 4231 test case 2.
    @Test func hmacSHA256() {
        let mac = HashAlgorithm.sha256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
