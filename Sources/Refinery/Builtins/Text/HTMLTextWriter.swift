/// The text being built by `HTMLText`: runs of whitespace collapse to one space, line breaks are asked
/// for rather than written (so two blocks in a row give one blank line, not three), and nothing
/// leads or trails the result.
struct HTMLTextWriter {
    private(set) var output = ""
    /// Line breaks owed before the next text (0, 1 or 2).
    private var pendingBreaks = 0
    private var pendingSpace = false
    var uppercase = 0
    var preformatted = 0

    /// Text content of the document (entities already decoded).
    mutating func write(_ text: String) {
        let shown = uppercase > 0 ? text.uppercased() : text
        if preformatted > 0 {
            flushBreaks()
            output += shown
            return
        }
        for character in shown {
            if character.isWhitespace, character != "\u{00A0}" {
                pendingSpace = true
                continue
            }
            flushBreaks()
            if pendingSpace, let last = output.last, last != "\n" { output.append(" ") }
            pendingSpace = false
            output.append(character)
        }
    }

    /// Text written as it is, spaces included (a list item's ` * `).
    mutating func mark(_ text: String) {
        flushBreaks()
        output += text
        pendingSpace = false
    }

    /// At least `count` line breaks before whatever comes next (none at the very start).
    mutating func breakLine(_ count: Int = 1) {
        pendingBreaks = max(pendingBreaks, count)
        pendingSpace = false
    }

    /// A `<br>`: a line break that is written even when another one is already owed.
    mutating func hardBreak() {
        flushBreaks()
        output.append("\n")
        pendingSpace = false
    }

    private mutating func flushBreaks() {
        guard pendingBreaks > 0 else { return }
        if !output.isEmpty {
            let trailing = output.reversed().prefix { $0 == "\n" }.count
            output += String(repeating: "\n", count: max(0, pendingBreaks - trailing))
        }
        pendingBreaks = 0
        pendingSpace = false
    }

    /// The text with `newline` as its line break, without trailing whitespace on any line.
    func finished(newline: String) -> String {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: newline)
    }
}
