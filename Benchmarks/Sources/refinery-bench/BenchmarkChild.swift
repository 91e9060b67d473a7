import Foundation
import RefineryJSON

/// A load generator in a second process: this binary started with `arguments` (a `*-client`
/// subcommand), whose standard output is one JSON report.
enum BenchmarkChild {
    static func report(_ arguments: [String]) throws -> JSONValue {
        let client = Process()
        client.executableURL = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
        client.arguments = arguments
        let output = Pipe()
        client.standardOutput = output
        try client.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        client.waitUntilExit()
        return try JSONValue(parsing: Array(data))
    }
}
