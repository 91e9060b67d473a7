/// The exit codes of `refinery` (sysexits.h where one fits).
public struct ExitCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let success = ExitCode(rawValue: 0)
    /// The run (or the test, or the call) failed.
    public static let failure = ExitCode(rawValue: 1)
    /// The command line was wrong: unknown command or option, missing argument, missing configuration.
    public static let usage = ExitCode(rawValue: 64)
    /// A module, scenario or other input file is invalid.
    public static let dataError = ExitCode(rawValue: 65)
}
