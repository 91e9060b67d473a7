/// One measured figure of a benchmark section: a value, optionally compared with a baseline measured in the
/// same run, and the target the figure has to meet.
struct BenchmarkResult: Sendable {
    /// What was measured: "parse (10.0 MB)".
    var name: String
    var value: Double
    /// "MB/s", "ms", "ops/s".
    var unit: String
    /// What `value` is compared with, in the same unit: Foundation's throughput, a bare loop's time.
    var baseline: Baseline?
    var target: BenchmarkTarget?

    struct Baseline: Sendable {
        var name: String
        var value: Double
    }

    init(_ name: String, value: Double, unit: String, baseline: Baseline? = nil, target: BenchmarkTarget? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.baseline = baseline
        self.target = target
    }

    /// `value / baseline`, when there is a baseline.
    var ratio: Double? {
        guard let baseline, baseline.value != 0 else { return nil }
        return value / baseline.value
    }

    /// Whether the target is met; nil when there is no target.
    var meetsTarget: Bool? {
        guard let target else { return nil }
        switch target {
        case .atLeast(let bound): return value >= bound
        case .atMost(let bound): return value <= bound
        case .ratioAtLeast(let bound): return ratio.map { $0 >= bound }
        case .ratioAtMost(let bound): return ratio.map { $0 <= bound }
        }
    }
}

/// What a figure has to meet: an absolute bound, or a bound on `value / baseline`.
enum BenchmarkTarget: Sendable, CustomStringConvertible {
    case atLeast(Double)
    case atMost(Double)
    /// Higher is better: throughput at least this many times the baseline's.
    case ratioAtLeast(Double)
    /// Lower is better: time at most this many times the baseline's.
    case ratioAtMost(Double)

    var description: String {
        switch self {
        case .atLeast(let bound): ">= \(Format.number(bound))"
        case .atMost(let bound): "<= \(Format.number(bound))"
        case .ratioAtLeast(let bound): ">= \(Format.number(bound))x baseline"
        case .ratioAtMost(let bound): "<= \(Format.number(bound))x baseline"
        }
    }
}

/// How a run was asked for: `--quick` makes inputs smaller and repeats fewer; `--smoke` makes them tiny
/// and runs once (the test suite runs that, so the command cannot silently break; its figures mean nothing).
struct BenchmarkOptions: Sendable {
    var quick = false
    var smoke = false
    /// Timed repetitions; the best is kept.
    var repetitions: Int { smoke ? 1 : quick ? 3 : 9 }

    /// An input size for each scale.
    func size(full: Int, quick: Int, smoke: Int) -> Int {
        self.smoke ? smoke : self.quick ? quick : full
    }

    /// Targets apply to full runs only: quick and smoke inputs are too small to mean anything.
    func target(_ target: BenchmarkTarget) -> BenchmarkTarget? {
        quick || smoke ? nil : target
    }
}

/// A named group of benchmarks. `run` builds its own inputs, measures, and returns its figures.
struct BenchmarkSection: Sendable {
    var name: String
    var summary: String
    var run: @Sendable (BenchmarkOptions) async throws -> [BenchmarkResult]
}
