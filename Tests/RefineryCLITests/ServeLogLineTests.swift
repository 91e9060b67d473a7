@testable import RefineryCLI
@testable import Refinery
import Testing

/// A failed delivery's log line names the module, the error type, the HTTP status and the message.
@Suite struct ServeLogLineTests {
    @Test func aFailedDeliveryNamesWhatFailed() {
        var report = RunReport(scenario: "nps")
        report.status = .error
        report.operations = 2
        report.errors = [RunReport.ErrorRecord(
            moduleId: 3, module: "refiner:tagResponse", bundle: 1, type: "ConnectionError",
            message: "[503] Refiner answered with an error", status: 503, body: nil, handledBy: nil
        )]
        let line = CLIMessages.serveEvent(.delivered(scenario: "nps", delivery: 7, report: report))
        #expect(line == "nps delivery 7: error, 2 operations: refiner:tagResponse (module 3): ConnectionError [HTTP 503]: [503] Refiner answered with an error\n")
    }

    @Test func aSuccessfulDeliveryStaysShort() {
        var report = RunReport(scenario: "nps")
        report.operations = 2
        report.errors = [RunReport.ErrorRecord(moduleId: 3, module: "m", bundle: 1, type: "DataError", message: "x", status: nil, body: nil, handledBy: "builtin:Ignore")]
        #expect(CLIMessages.serveEvent(.delivered(scenario: "nps", delivery: 1, report: report)) == "nps delivery 1: success, 2 operations\n")
    }
}
