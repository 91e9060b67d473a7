/// What `ScenarioHost` reports while it serves (the CLI prints these on standard error).
public enum ServeEvent: Sendable {
    /// At start: deliveries found in the journal. `inDoubt` were cut short by a crash.
    /// `runAgain` of the `inDoubt` run again; the others are stored as incomplete executions.
    case recovered(scenario: String, pending: Int, inDoubt: Int, runAgain: Int)
    /// One delivery's execution ended.
    case delivered(scenario: String, delivery: Int, report: RunReport)
    /// A scheduled run of a polling scenario ended.
    case scheduledRun(scenario: String, report: RunReport)
    /// An execution or a run could not even start or save its state.
    case failed(scenario: String, message: String)
}
