import Foundation
import RefineryJSON

/// GET /reporting: nps, csat, ratings, distribution and count, computed from the stored responses
/// with the filters of GET /responses (`form_uuids[]`, `segment_uuids[]`, `tag_uuids[]`,
/// `question_identifiers[]`, dates, `*_data[...]`). Dates default to the last 7 days up to the end of today.
extension SandboxStore {
    static let reportTypes = ["nps", "csat", "ratings", "distribution", "count"]

    func reporting(_ parameters: SandboxParameters, now: Date) throws(SandboxError) -> JSONValue {
        let type = try parameters.requiredString("type")
        guard Self.reportTypes.contains(type) else {
            throw .validation("The type field must be one of: \(Self.reportTypes.joined(separator: ", "))")
        }
        var filter = try ResponseFilter(parameters, store: self)
        filter.include = type == "count" ? "all" : "completed"
        filter.start = filter.start ?? Timestamp.startOfDay(now).addingTimeInterval(-6 * 86_400)
        filter.end = filter.end ?? Timestamp.startOfDay(now).addingTimeInterval(86_400)
        let questions = Set(try parameters.stringList("question_identifiers"))
        let matching = responseOrder.entries.compactMap { responses[$0.seq] }.filter { filter.matches($0, in: self) }
        var report = type == "count" ? Self.countReport(matching) : valueReport(type, matching, questions: questions)
        report.updateValue(SandboxStore.time(filter.start), forKey: "date_range_start")
        report.updateValue(SandboxStore.time(filter.end), forKey: "date_range_end")
        return .object(report)
    }

    static func countReport(_ matching: [SurveyResponse]) -> JSONObject {
        ["views": .int(matching.count), "responses": .int(matching.filter(\.isCompleted).count)]
    }

    /// The answers of the questions the report type covers (or those asked for) in each response.
    func answers(_ type: String, _ response: SurveyResponse, questions: Set<String>) -> [JSONValue] {
        let kinds: Set<QuestionKind> = switch type {
        case "nps": [.nps]
        case "csat": [.csat]
        case "ratings": [.rating]
        default: [.nps, .csat, .rating, .select, .text]
        }
        return forms[response.formSeq].questions.compactMap { question in
            guard kinds.contains(question.kind), questions.isEmpty || questions.contains(question.identifier) else { return nil }
            return response.data[question.identifier]
        }
    }

    func valueReport(_ type: String, _ matching: [SurveyResponse], questions: Set<String>) -> JSONObject {
        var values: [JSONValue] = []
        var respondents = 0
        for response in matching {
            let found = answers(type, response, questions: questions).filter { !$0.isNull }
            values += found
            respondents += found.isEmpty ? 0 : 1
        }
        let numbers = values.compactMap { $0.doubleValue ?? $0.stringValue.flatMap(Double.init) }
        switch type {
        case "nps": return Self.npsReport(numbers)
        case "csat": return Self.csatReport(numbers)
        case "ratings": return Self.ratingsReport(numbers)
        default: return Self.distributionReport(values, respondents: respondents)
        }
    }

    static func npsReport(_ scores: [Double]) -> JSONObject {
        let promoters = scores.filter { $0 >= 9 }.count
        let detractors = scores.filter { $0 <= 6 }.count
        let passives = scores.count - promoters - detractors
        let nps = scores.isEmpty ? 0 : Int((Double(promoters - detractors) / Double(scores.count) * 100).rounded())
        return [
            "nps": .int(nps), "count": .int(scores.count),
            "data": ["promoters": .int(promoters), "passives": .int(passives), "detractors": .int(detractors)],
        ]
    }

    static func csatReport(_ scores: [Double]) -> JSONObject {
        let names = ["very_unsatisfied", "unsatisfied", "neutral", "satisfied", "very_satisfied"]
        var data = JSONObject()
        for (offset, name) in names.enumerated() {
            data.appendUnchecked(name, .int(scores.filter { Int($0) == offset + 1 }.count))
        }
        let satisfied = scores.filter { $0 >= 4 }.count
        let csat = scores.isEmpty ? 0 : (Double(satisfied) / Double(scores.count) * 1000).rounded() / 10
        return ["csat": .double(csat), "count": .int(scores.count), "data": .object(data)]
    }

    static func ratingsReport(_ ratings: [Double]) -> JSONObject {
        let sum = ratings.reduce(0, +)
        let average = ratings.isEmpty ? 0 : (sum / Double(ratings.count) * 100).rounded() / 100
        var data = JSONObject()
        for value in Set(ratings).sorted() {
            data.appendUnchecked(Self.label(.double(value)), .int(ratings.filter { $0 == value }.count))
        }
        return ["average": .double(average), "sum": sum.rounded() == sum ? .int(Int(sum)) : .double(sum), "count": .int(ratings.count), "data": .object(data)]
    }

    static func distributionReport(_ values: [JSONValue], respondents: Int) -> JSONObject {
        var counts: [String: Int] = [:]
        for value in values {
            for item in value.arrayValue ?? [value] { counts[label(item), default: 0] += 1 }
        }
        var data = JSONObject()
        for key in counts.keys.sorted() { data.appendUnchecked(key, .int(counts[key]!)) }
        return ["datapoints": .int(values.count), "responses": .int(respondents), "data": .object(data)]
    }

    static func label(_ value: JSONValue) -> String {
        if let number = value.doubleValue, number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
        return text(value)
    }
}
