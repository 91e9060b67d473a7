/// The ranges Refinery accepts for numbers that come from outside: scenario and module files, HTTP
/// headers, payloads and flags. Where a file is read, a value outside its range is refused with a
/// diagnostic before anything runs; where refusing would help nobody (a header, a clock), it saturates.
/// No conversion of such a number to a fixed-width integer may trap (docs/robustness.md).
public enum InputLimits {
    /// The longest a clock sleeps at once: 366 days. A longer wait (a far `Retry-After` date, a yearly
    /// schedule's next slot) is cut there; schedulers and retriers look at the time again after it.
    public static let maxSleepSeconds: Double = 366 * 86_400

    /// `scheduling.interval`, seconds: 1 s to 366 days.
    public static let schedulingIntervalSeconds: ClosedRange<Int> = 1...(366 * 86_400)

    /// `repeat.delay` of a module's communication, milliseconds: up to one hour.
    public static let repeatDelayMilliseconds: ClosedRange<Int> = 0...3_600_000

    /// `repeat.limit`: repetitions of one request.
    public static let repeatLimit: ClosedRange<Int> = 1...1000

    /// The year of an HTTP date (`Retry-After`): RFC 9110's IMF-fixdate has four digits.
    public static let httpDateYears: ClosedRange<Int> = 1...9999

    /// `seconds` as nanoseconds for `Task.sleep`: NaN and negatives are 0, anything longer than
    /// `maxSleepSeconds` is `maxSleepSeconds`.
    public static func sleepNanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds > 0 else { return 0 }
        return UInt64(min(seconds, maxSleepSeconds) * 1_000_000_000)
    }
}
