import Foundation
import RefineryTesting
import Testing

/// Golden files of this target live in Tests/RefineryJSONTests/Golden (excluded from the target in
/// Package.swift). `RECORD_GOLDEN=1 swift test --filter RefineryJSONTests` rewrites them.
enum GoldenFiles {
    static let directory = Golden.directory(beside: #filePath)

    static func expectMatch(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let mismatch = Golden.check(actual, name: name, directory: directory)
        #expect(mismatch == nil, "\(mismatch?.description ?? "")", sourceLocation: sourceLocation)
    }
}
