/// Finds the recorded interaction nearest to an unmatched request, for the mismatch diff: a different
/// path weighs most, then a different method, then each query or body difference. Ties go to an unused
/// interaction, then to the earliest.
enum ClosestInteraction {
    static let shownLines = 12

    static func find(
        for sent: RecordedRequest,
        in interactions: [Interaction],
        used: [Bool]
    ) -> (index: Int, differences: [RequestDifference])? {
        var best: (index: Int, differences: [RequestDifference], score: (Int, Int, Int))?
        for (index, interaction) in interactions.enumerated() {
            let differences = RequestMatcher.differences(recorded: interaction.request, sent: sent, limit: 50)
            let score = (distance(differences), used[index] ? 1 : 0, index)
            if let current = best, current.score <= score { continue }
            best = (index, differences, score)
        }
        return best.map { ($0.index, $0.differences) }
    }

    static func distance(_ differences: [RequestDifference]) -> Int {
        differences.reduce(0) { total, difference in
            switch difference {
            case .path: total + 1000
            case .method: total + 500
            case .query, .body: total + 1
            }
        }
    }

    /// The diff lines shown: at most `shownLines`, then a count of the rest.
    static func lines(_ differences: [RequestDifference]) -> [String] {
        var lines = differences.prefix(shownLines).map(CassetteMessages.difference)
        if differences.count > shownLines { lines.append(CassetteMessages.moreDifferences(differences.count - shownLines)) }
        return lines
    }
}
