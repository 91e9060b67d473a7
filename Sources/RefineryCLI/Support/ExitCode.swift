/// The exit codes of `refinery` (sysexits.h where one fits).
package struct ExitCode: RawRepresentable, Hashable, Sendable {
    package let rawValue: Int32

    package init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    package static let success = ExitCode(rawValue: 0)
    /// The run (or the test, or the call) failed.
    package static let failure = ExitCode(rawValue: 1)
    /// The command line was wrong: unknown command or option, missing argument, missing configuration.
    package static let usage = ExitCode(rawValue: 64)
    /// A module, scenario or other input file is invalid.
    package static let dataError = ExitCode(rawValue: 65)
}
