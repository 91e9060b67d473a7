import Foundation
import RefineryJSON

/// `page`, `page_length` and `page_cursor` of a list request, and the envelope Refiner answers with:
/// `{items, pagination{items_count, current_page, last_page, page_length, next_page_cursor}}`.
struct PageRequest: Sendable {
    static let maxLength = 1000
    static let defaultLength = 50

    var page: Int
    var length: Int
    var cursor: PageCursor?

    init(_ parameters: SandboxParameters, order: String, cursors: Bool = true) throws(SandboxError) {
        page = try parameters.int("page", in: 1...Int(Int32.max)) ?? 1
        length = try parameters.int("page_length", in: 1...Self.maxLength) ?? Self.defaultLength
        if cursors, let text = try parameters.string("page_cursor") {
            guard let cursor = PageCursor(decoding: text), cursor.order == order else {
                throw .validation("The page_cursor is not valid for this list (use next_page_cursor of the previous page)")
            }
            self.cursor = cursor
            page = cursor.page
        }
    }
}

/// An opaque position in a list: the ordering, the last item's (key, seq), and the page it starts.
struct PageCursor: Sendable {
    var order: String
    var after: OrderedIndex.Entry
    var page: Int

    init(order: String, after: OrderedIndex.Entry, page: Int) {
        self.order = order
        self.after = after
        self.page = page
    }

    init?(decoding text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: "|").map(String.init)
        guard parts.count == 5, parts[0] == "c1", let bits = UInt64(parts[2], radix: 16), let seq = Int(parts[3]),
              let page = Int(parts[4]), page >= 1 else { return nil }
        self.init(order: parts[1], after: .init(key: Double(bitPattern: bits), seq: seq), page: page)
    }

    var encoded: String {
        let text = "c1|\(order)|\(String(after.key.bitPattern, radix: 16))|\(after.seq)|\(page)"
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// Walks an `OrderedIndex` newest first, keeping the items `matches` accepts (all when nil).
struct Paginator {
    var index: OrderedIndex
    var order: String
    var matches: ((Int) -> Bool)?

    /// The page's item seqs and the envelope's `pagination` object.
    func page(_ request: PageRequest) -> (seqs: [Int], pagination: JSONValue) {
        let total = matches.map { test in index.entries.reduce(0) { $0 + (test($1.seq) ? 1 : 0) } } ?? index.count
        var offset: Int
        var skip = 0
        if let cursor = request.cursor {
            offset = index.descendingOffset(after: cursor.after)
        } else {
            offset = matches == nil ? min(index.count, (request.page - 1) * request.length) : 0
            skip = matches == nil ? 0 : (request.page - 1) * request.length
        }
        var seqs: [Int] = []
        seqs.reserveCapacity(min(request.length, total))
        var lastEntry: OrderedIndex.Entry?
        var hasMore = false
        while offset < index.count {
            let entry = index.descending(offset)
            offset += 1
            guard matches?(entry.seq) ?? true else { continue }
            if skip > 0 {
                skip -= 1
                continue
            }
            if seqs.count == request.length {
                hasMore = true
                break
            }
            seqs.append(entry.seq)
            lastEntry = entry
        }
        let lastPage = max(1, (total + request.length - 1) / request.length)
        let next = hasMore ? lastEntry.map { PageCursor(order: order, after: $0, page: request.page + 1).encoded } : nil
        let pagination: JSONValue = [
            "items_count": .int(total), "current_page": .int(request.page), "last_page": .int(lastPage),
            "page_length": .int(request.length), "next_page_cursor": next.map(JSONValue.string) ?? .null,
        ]
        return (seqs, pagination)
    }

    static func envelope(items: [JSONValue], pagination: JSONValue) -> JSONValue {
        .object(JSONObject([("items", .array(items)), ("pagination", pagination)]))
    }
}
