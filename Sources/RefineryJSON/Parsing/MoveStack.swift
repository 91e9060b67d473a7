/// A stack whose top elements are moved, not copied, into a new array: the parser's scratch space for the
/// members of the containers that are still open. Each finished container costs one exact-size allocation.
struct MoveStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "MoveStack index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "MoveStack index out of range")
            base[index] = newValue
        }
    }

    /// Moves the elements from `start` to the top into a new array, leaving `start` elements.
    mutating func popAll(from start: Int) -> [Element] {
        precondition(start >= 0 && start <= count, "MoveStack start out of range")
        let moved = count - start
        guard moved > 0 else { return [] }
        let source = base + start
        let array = [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: moved)
            initialized = moved
        }
        count = start
        return array
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
