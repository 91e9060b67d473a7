/// HTML as plain text, for `regexp:HTMLToText`: the rendering of the `html-to-text` package Make's
/// module is built on, in its main lines. Paragraphs, headings, lists, tables and block quotes are
/// separated by a blank line, other blocks (`div`, `tr`, `li`…) start a line, `<br>` breaks one; list
/// items start with ` * ` or ` 1. `; a link is `text [href]` (`mailto:` dropped, `#anchors` hidden);
/// headings are uppercased when asked; entities are decoded; `script`, `style`, `head` and comments are
/// dropped. Whitespace collapses as a browser collapses it, except in `<pre>`.
struct HTMLText {
    var uppercaseHeadings = false

    private static let paragraphs: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", "dl", "figure", "address", "hr"]
    private static let blocks: Set<String> = [
        "div", "tr", "li", "dt", "dd", "section", "article", "header", "footer", "nav", "aside", "main", "form",
        "caption", "fieldset", "details", "summary", "center", "tbody", "thead", "tfoot", "body", "html",
    ]
    private static let skipped: Set<String> = ["script", "style", "head", "noscript", "template", "title", "svg"]
    private static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    private struct State {
        var writer = HTMLTextWriter()
        /// Per open list: whether it is ordered, and the items so far.
        var lists: [(ordered: Bool, count: Int)] = []
        /// Per open link: its target and where its text starts in the output.
        var links: [(href: String, start: Int)] = []
        var cellsInRow = 0
    }

    /// The text of `html`, lines joined with `newline`.
    func text(of html: String, newline: String = "\n") -> String {
        var state = State()
        var scanner = HTMLScanner(html)
        while let token = scanner.next() {
            switch token {
            case .text(let text): state.writer.write(HTMLEntities.decode(text))
            case .start(let name, let attributes):
                if Self.skipped.contains(name) {
                    scanner.skipContent(of: name)
                } else {
                    open(name, attributes: attributes, &state)
                }
            case .end(let name): close(name, &state)
            }
        }
        return state.writer.finished(newline: newline)
    }

    private func open(_ name: String, attributes: [String: String], _ state: inout State) {
        if name == "br" { return state.writer.hardBreak() }
        if Self.paragraphs.contains(name) { state.writer.breakLine(2) } else if Self.blocks.contains(name) { state.writer.breakLine() }
        switch name {
        case "ul", "ol": state.lists.append((name == "ol", 0))
        case "li":
            let index = state.lists.indices.last
            if let index { state.lists[index].count += 1 }
            let ordered = index.map { state.lists[$0].ordered } ?? false
            state.writer.mark(ordered ? " \(index.map { state.lists[$0].count } ?? 1). " : " * ")
        case "a": state.links.append((attributes["href"] ?? "", state.writer.output.utf8.count))
        case "pre": state.writer.preformatted += 1
        case "tr": state.cellsInRow = 0
        case "td", "th":
            if state.cellsInRow > 0 { state.writer.write(" ") }
            state.cellsInRow += 1
        default: break
        }
        if uppercaseHeadings, Self.headings.contains(name) { state.writer.uppercase += 1 }
    }

    private func close(_ name: String, _ state: inout State) {
        switch name {
        case "ul", "ol": if !state.lists.isEmpty { state.lists.removeLast() }
        case "a": if let link = state.links.popLast() { writeTarget(link, &state) }
        case "pre": state.writer.preformatted = max(0, state.writer.preformatted - 1)
        default: break
        }
        if uppercaseHeadings, Self.headings.contains(name) { state.writer.uppercase = max(0, state.writer.uppercase - 1) }
        if Self.paragraphs.contains(name) { state.writer.breakLine(2) } else if Self.blocks.contains(name) { state.writer.breakLine() }
    }

    /// ` [href]` after a link's text, or the href alone for a link without text.
    private func writeTarget(_ link: (href: String, start: Int), _ state: inout State) {
        var href = HTMLEntities.decode(link.href).trimmingWhitespace
        guard !href.isEmpty, !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:") else { return }
        if href.lowercased().hasPrefix("mailto:") { href = String(href.dropFirst(7)) }
        let hasText = state.writer.output.utf8.count > link.start
        state.writer.write(hasText ? " [\(href)]" : href)
    }
}

private extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
