import RefineryJSON
import Synchronization

/// A `SeededGenerator` shared by the tasks of one run (retry jitter): the same seed gives the same
/// sequence.
final class SeededRandom: Sendable {
    private let generator: Mutex<SeededGenerator>

    init(seed: UInt64) {
        generator = Mutex(SeededGenerator(seed: seed))
    }

    /// A number in `0..<1`.
    func nextUnit() -> Double {
        generator.withLock { $0.nextUnit() }
    }
}
