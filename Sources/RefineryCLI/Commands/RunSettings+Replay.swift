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
