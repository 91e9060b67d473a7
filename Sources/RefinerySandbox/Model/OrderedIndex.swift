/// Item positions sorted by (key, seq) ascending; lists walk it from the end (newest first).
/// Binary search finds a cursor's place in O(log n) however the data changed since.
struct OrderedIndex: Sendable {
    struct Entry: Sendable, Comparable {
        var key: Double
        var seq: Int

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.key < rhs.key || (lhs.key == rhs.key && lhs.seq < rhs.seq)
        }
    }

    private(set) var entries: [Entry] = []

    init() {}

    init(unsorted: [Entry]) {
        entries = unsorted.sorted()
    }

    var count: Int { entries.count }

    mutating func insert(_ entry: Entry) {
        if let last = entries.last, last < entry {
            entries.append(entry)
        } else {
            entries.insert(entry, at: lowerBound(entry))
        }
    }

    mutating func remove(_ entry: Entry) {
        let position = lowerBound(entry)
        if position < entries.count, entries[position] == entry { entries.remove(at: position) }
    }

    /// The entry at `offset` from the newest.
    func descending(_ offset: Int) -> Entry {
        entries[entries.count - 1 - offset]
    }

    /// The descending offset of the first entry strictly older than `entry`.
    func descendingOffset(after entry: Entry) -> Int {
        entries.count - lowerBound(entry)
    }

    func lowerBound(_ entry: Entry) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle] < entry { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
