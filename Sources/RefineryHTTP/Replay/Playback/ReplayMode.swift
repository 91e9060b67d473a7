/// How `--replay FILE --mode M` uses its cassette (the names are VCR's).
public enum ReplayMode: String, Sendable, Hashable, CaseIterable {
    /// Replay only; an unknown request is an error. The default, and what CI uses.
    case none
    /// Record everything when the cassette does not exist yet; replay only when it does.
    case once
    /// Replay known requests; send unknown ones through the live transport and append them.
    case newEpisodes = "new_episodes"
    /// Always record, ignoring (and then replacing) the cassette.
    case all
}
