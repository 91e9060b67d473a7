extension PlanNodeKind {
    /// An aggregator's feeder (the module whose run it collects); nil for every other kind.
    var aggregatorFeeder: Int? {
        switch self {
        case .aggregator(let feeder), .textAggregator(let feeder), .jsonAggregator(let feeder),
             .numericAggregator(let feeder), .tableAggregator(let feeder):
            feeder
        default:
            nil
        }
    }
}
