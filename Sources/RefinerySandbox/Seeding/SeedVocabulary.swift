import Foundation
import RefineryJSON

/// The words and shapes demo data is made of.
enum SeedVocabulary {
    static let firstNames = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "John", "Radia", "Tim"]
    static let lastNames = ["Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "Backus", "Perlman", "Lee"]
    static let plans = ["free", "pro", "pro", "enterprise"]
    static let roles = ["Manager", "Engineer", "Designer", "Founder", "Support", "Sales"]
    static let countries = ["US", "DE", "FR", "GB", "ES", "JP", "BR", "IN"]
    static let companyWords = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"]
    static let companySuffixes = ["Inc", "GmbH", "Ltd", "SA", "Labs"]
    static let traitNames = ["name", "plan", "role", "country", "signed_up_at", "logins", "newsletter"]
    static let feedback = [
        "Love the new dashboard", "Too expensive for small teams", "Support was quick and kind", "Exports are slow",
        "Please add dark mode", "The API docs helped a lot", "Onboarding was confusing", "Works great on mobile",
    ]
    static let cancelReasons = ["price", "missing_features", "switched_tool", "no_longer_needed"]

    struct FormSpec {
        var name: String
        var status: Form.Status
        var questions: [Question]
        var channels: [String]
    }

    static let forms: [FormSpec] = [
        FormSpec(name: "NPS — Product", status: .published, questions: [.init(identifier: "nps_score", kind: .nps), .init(identifier: "nps_reason", kind: .text)], channels: ["web", "mobile"]),
        FormSpec(name: "NPS — Onboarding", status: .published, questions: [.init(identifier: "onboarding_nps", kind: .nps)], channels: ["web"]),
        FormSpec(name: "CSAT — Support", status: .published, questions: [.init(identifier: "csat_score", kind: .csat), .init(identifier: "csat_comment", kind: .text)], channels: ["link"]),
        FormSpec(name: "CSAT — Checkout", status: .published, questions: [.init(identifier: "checkout_csat", kind: .csat)], channels: ["web"]),
        FormSpec(name: "Feature rating", status: .published, questions: [.init(identifier: "feature_rating", kind: .rating)], channels: ["web"]),
        FormSpec(name: "App rating", status: .published, questions: [.init(identifier: "app_rating", kind: .rating)], channels: ["mobile"]),
        FormSpec(name: "Open feedback", status: .published, questions: [.init(identifier: "feedback", kind: .text)], channels: ["link", "web"]),
        FormSpec(name: "Cancellation survey", status: .published, questions: [.init(identifier: "cancel_reason", kind: .select), .init(identifier: "cancel_comment", kind: .text)], channels: ["web"]),
        FormSpec(name: "Pricing page poll", status: .draft, questions: [.init(identifier: "pricing_clear", kind: .select)], channels: ["web"]),
        FormSpec(name: "NPS — 2024 (old)", status: .archived, questions: [.init(identifier: "nps_score", kind: .nps)], channels: ["web"]),
    ]

    static func person(number: Int, random: inout SeededGenerator, firstSeen: Date) -> (String, String, JSONObject) {
        let first = random.pick(firstNames)
        let last = random.pick(lastNames)
        let traits: JSONObject = [
            "name": .string("\(first) \(last)"), "plan": .string(random.pick(plans)), "role": .string(random.pick(roles)),
            "country": .string(random.pick(countries)), "signed_up_at": .string(Timestamp.format(firstSeen)),
            "logins": .int(random.int(in: 1...400)), "newsletter": .bool(random.nextUnit() < 0.4),
        ]
        return ("user-\(number)", "\(first.lowercased()).\(last.lowercased()).\(number)@example.com", traits)
    }

    static func answers(for questions: [Question], random: inout SeededGenerator) -> JSONObject {
        var data = JSONObject()
        for question in questions {
            let value: JSONValue = switch question.kind {
            case .nps: .int(min(10, max(0, random.int(in: 0...10) + random.int(in: 0...3))))
            case .csat, .rating: .int(min(5, max(1, random.int(in: 1...5) + random.int(in: 0...1))))
            case .text: .string(random.pick(feedback))
            case .select: .string(random.pick(cancelReasons))
            }
            data.appendUnchecked(question.identifier, value)
        }
        return data
    }
}
