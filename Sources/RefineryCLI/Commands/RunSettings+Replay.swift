import Refinery
import RefineryHTTP

extension RunSettings {
    /// What `refinery run SCENARIO --replay CASSETTE --json` sets: replay only (mode none), no network,
    /// state in memory, the scenario's own cycle count.
    init(replaying cassette: String) {
        sandbox = false
        record = nil
        replay = cassette
        mode = .none
        state = nil
        json = true
        quiet = false
        trace = false
        runOptions = RunOptions()
    }
}

extension RunSettings {
    /// What `refinery run SCENARIO --sandbox --record CASSETTE` sets (`refinery init` records its sample so).
    init(recordingOnSandbox cassette: String) {
        sandbox = true
        record = cassette
        replay = nil
        mode = .none
        state = nil
        json = true
        quiet = true
        trace = false
        runOptions = RunOptions()
    }
}
