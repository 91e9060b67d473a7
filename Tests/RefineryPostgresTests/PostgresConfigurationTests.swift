import Foundation
import RefineryPostgres
import Testing

@Suite struct PostgresConfigurationTests {
    @Test(arguments: [
        ("postgres://alice:s3cret@db.example:6543/app", "alice", "s3cret", "db.example", 6543, "app"),
        ("postgresql://alice@127.0.0.1/app", "alice", nil, "127.0.0.1", 5432, "app"),
        ("POSTGRES://bob:p%40ss%3Aw%2Frd@localhost/my%20db", "bob", "p@ss:w/rd", "localhost", 5432, "my db"),
        ("postgres://b%C3%A9a:%E2%82%AC@h:1/d", "béa", "€", "h", 1, "d"),
        ("postgres://u:@h/d", "u", "", "h", 5432, "d"),
    ] as [(String, String, String?, String, Int, String)])
    func parses(url: String, user: String, password: String?, host: String, port: Int, database: String) throws {
        let configuration = try PostgresConfiguration(url: url, environment: [:])
        #expect(configuration.user == user)
        #expect(configuration.password == password)
        #expect(configuration.host == host)
        #expect(configuration.port == port)
        #expect(configuration.database == database)
        #expect(configuration.connectTimeout == 10)
        #expect(configuration.operationTimeout == 30)
    }

    @Test func connectTimeoutAndSSLMode() throws {
        let configuration = try PostgresConfiguration(url: "postgres://u@h/d?connect_timeout=2.5&sslmode=disable", environment: [:])
        #expect(configuration.connectTimeout == 2.5)
    }

    @Test func passwordFromEnvironment() throws {
        let environment = ["PGPASSWORD": "from-env"]
        #expect(try PostgresConfiguration(url: "postgres://u@h/d", environment: environment).password == "from-env")
        #expect(try PostgresConfiguration(url: "postgres://u:inline@h/d", environment: environment).password == "inline")
    }

    @Test(arguments: [
        ("mysql://u:hunter2@h/d", "expected 'postgres://"),
        ("postgres://hunter2@", "the host is empty"),
        ("postgres://h/d", "missing 'USER@'"),
        ("postgres://:hunter2@h/d", "the user is empty"),
        ("postgres://u:hunter2@h:99999/d", "the port '99999'"),
        ("postgres://u:hunter2@h:abc/d", "the port 'abc'"),
        ("postgres://u:hunter2@/d", "the host is empty"),
        ("postgres://u:hunter2@h", "missing '/DB'"),
        ("postgres://u:hunter2@h/", "missing '/DB'"),
        ("postgres://u:hun%zzter2@h/d", "bad percent-encoding in the password"),
        ("postgres://u:hunter2@h/d?connect_timeout=-1", "connect_timeout '-1'"),
        ("postgres://u:hunter2@h/d?sslmode=require", "sslmode 'require' needs TLS"),
        ("postgres://u:hunter2@h/d?application=x", "unknown parameter 'application'"),
        ("postgres://u:hunter2@[::1]/d", "IPv6"),
    ])
    func rejects(url: String, expected: String) {
        #expect {
            try PostgresConfiguration(url: url, environment: [:])
        } throws: { error in
            guard let error = error as? PostgresError, case .invalidURL = error else { return false }
            return error.description.contains(expected) && !error.description.contains("hunter2")
        }
    }

    @Test func descriptionRedactsThePassword() throws {
        let configuration = try PostgresConfiguration(url: "postgres://alice:hunter2@h:5433/app", environment: [:])
        #expect(configuration.description.hasPrefix("postgres://alice:<REDACTED>@h:5433/app"))
        #expect(!configuration.description.contains("hunter2"))
        #expect(!"\(configuration)".contains("hunter2"))
        let withoutPassword = PostgresConfiguration(host: "h", user: "alice", password: nil, database: "app")
        #expect(withoutPassword.description.hasPrefix("postgres://alice@h:5432/app"))
    }
}
