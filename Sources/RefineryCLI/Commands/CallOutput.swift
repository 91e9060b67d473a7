import RefineryJSON
import Synchronization

/// Writes `refinery call`'s bundles to stdout as they arrive, holding none of them: memory stays flat
/// however many bundles a module outputs.
///
/// - `text`: `bundle N:` and the bundle as pretty JSON;
/// - `jsonl`: one compact JSON object per line;
/// - `json`: one pretty JSON array, written piece by piece (`[`, the items separated by `,`, `]`):
///   the same text as serializing the whole array, never built whole.
final class CallOutput: Sendable {
    enum Format: Sendable, Equatable {
        case text, json, jsonl
    }

    let format: Format
    private let console: Console
    private let written = Mutex(0)

    init(format: Format, console: Console) {
        self.format = format
        self.console = console
    }

    /// Bundles written so far.
    var count: Int { written.withLock { $0 } }

    func write(_ bundle: JSONValue) {
        written.withLock { count in
            count += 1
            console.out(Self.text(of: bundle, number: count, format: format))
        }
    }

    /// Closes the JSON array (also after a failure: what was written stays valid JSON).
    func finish() {
        guard format == .json else { return }
        console.out(count == 0 ? "[]\n" : "\n]\n")
    }

    static func text(of bundle: JSONValue, number: Int, format: Format) -> String {
        switch format {
        case .text:
            "bundle \(number):\n\(bundle.serialized(.pretty))\n"
        case .jsonl:
            bundle.serialized() + "\n"
        case .json:
            (number == 1 ? "[\n" : ",\n") + indented(bundle.serialized(.pretty))
        }
    }

    /// Pretty JSON one level deeper (a serialized string never holds a raw newline).
    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
