@testable import RefineryPostgres
import Foundation
import Testing

@Suite struct AuthenticationTests {
    /// RFC 7677 §3: user "user", password "pencil", the client nonce fixed.
    @Test func scramRFC7677Example() throws {
        var client = SCRAMClient(user: "user", password: "pencil", nonce: "rOprNGfwEbeRWgbNEkqO")
        #expect(client.clientFirst == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO")
        let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
        let final = try client.clientFinal(serverFirst: serverFirst)
        #expect(final == "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
        try client.verify(serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
        #expect(throws: PostgresError.self) { try client.verify(serverFinal: "v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=") }
        #expect(throws: PostgresError.self) { try client.verify(serverFinal: "e=invalid-proof") }
    }

    /// The salted password is kept per process: the same inputs give the RFC's proof again, another
    /// password with the same salt and count does not get the kept one.
    @Test func scramKeepsTheSaltedPasswordPerPasswordSaltAndCount() throws {
        let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
        var again = SCRAMClient(user: "user", password: "pencil", nonce: "rOprNGfwEbeRWgbNEkqO")
        _ = try again.clientFinal(serverFirst: serverFirst)
        let final = try again.clientFinal(serverFirst: serverFirst)
        #expect(final.hasSuffix(",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))
        var other = SCRAMClient(user: "user", password: "pencil2", nonce: "rOprNGfwEbeRWgbNEkqO")
        #expect(!(try other.clientFinal(serverFirst: serverFirst)).hasSuffix(",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))
        let fewer = serverFirst.replacingOccurrences(of: "i=4096", with: "i=4095")
        #expect(!(try again.clientFinal(serverFirst: fewer)).hasSuffix(",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))
    }

    @Test(arguments: [
        "r=someoneElse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=abc,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        "r=abcdef,s=***,i=4096",
        "r=abcdef,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0",
        "r=abcdef,s=W22ZaJ0SNY7soEsUEjb6gQ==",
    ])
    func scramRejectsBadServerFirst(serverFirst: String) {
        var client = SCRAMClient(password: "pencil", nonce: "abc")
        #expect(throws: PostgresError.self) { try client.clientFinal(serverFirst: serverFirst) }
    }

    @Test func randomNoncesDiffer() {
        #expect(SCRAMClient(password: "x").clientFirst != SCRAMClient(password: "x").clientFirst)
        #expect(SCRAMClient(password: "x").clientFirst.hasPrefix("n,,n=,r="))
    }

    /// `"md5" + md5hex(md5hex(password + user) + salt)`, computed independently with Python's hashlib.
    @Test func md5Password() {
        #expect(MD5Password.response(user: "alice", password: "secret", salt: [1, 2, 3, 4]) == "md598a0412b9c31436fc53776e863350083")
    }

    @Test func errorsRedactThePassword() {
        let error = PostgresError.connection("could not log in with hunter2 (aHVudGVyMg==)").redacting("hunter2")
        #expect(error.description == "connection failed: could not log in with <REDACTED> (<REDACTED>)")
        let server = PostgresError.server(sqlState: "28P01", message: "bad hunter2", detail: "hunter2", constraint: nil).redacting("hunter2")
        #expect(!server.description.contains("hunter2"))
        #expect(server.sqlState == "28P01")
    }
}
