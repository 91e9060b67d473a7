import Foundation
import Synchronization

/// Where the CLI writes: standard output and error on a real run, buffers in tests.
package struct Console: Sendable {
    let writeOut: @Sendable (String) -> Void
    let writeErr: @Sendable (String) -> Void
    /// Whether standard output / error are terminals (progress and colour only then).
    package let stdoutIsTerminal: Bool
    package let stderrIsTerminal: Bool

    package init(
        stdoutIsTerminal: Bool = false,
        stderrIsTerminal: Bool = false,
        out: @escaping @Sendable (String) -> Void,
        err: @escaping @Sendable (String) -> Void
    ) {
        self.writeOut = out
        self.writeErr = err
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
    }

    /// The process's standard output and error.
    package static var standard: Console {
        Console(
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
            stderrIsTerminal: isatty(STDERR_FILENO) == 1,
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            err: { FileHandle.standardError.write(Data($0.utf8)) }
        )
    }

    package func out(_ text: String) { writeOut(text) }
    package func err(_ text: String) { writeErr(text) }
}

/// A console that keeps what was written, for in-process tests of the CLI.
package final class CapturedConsole: Sendable {
    private let stdoutText = Mutex("")
    private let stderrText = Mutex("")

    package init() {}

    package func console(stdoutIsTerminal: Bool = false, stderrIsTerminal: Bool = false) -> Console {
        Console(
            stdoutIsTerminal: stdoutIsTerminal,
            stderrIsTerminal: stderrIsTerminal,
            out: { [self] text in self.stdoutText.withLock { $0 += text } },
            err: { [self] text in self.stderrText.withLock { $0 += text } }
        )
    }

    package var stdout: String { stdoutText.withLock { $0 } }
    package var stderr: String { stderrText.withLock { $0 } }
}
