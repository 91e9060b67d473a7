import Foundation
import IML
import RefineryJSON

/// The IML figure of docs/benchmarks.md: a 10-field mapping (paths, `lower`, `formatDate`, `if`,
/// arithmetic, concatenation) compiled once and evaluated `iterations` times, against the same mapping
/// written by hand in Swift, in the same run.
struct IMLBenchmarkReport: Sendable {
    var iterations: Int
    var imlSeconds: Double
    var swiftSeconds: Double

    var ratio: Double { imlSeconds / max(swiftSeconds, 1e-9) }

    var summary: String {
        let perMapping = imlSeconds / Double(iterations) * 1e9
        return String(
            format: "iml: %d evaluations of a 10-field mapping in %.3f s (%.0f ns each); hand-written Swift %.3f s; ratio %.2fx",
            iterations, imlSeconds, perMapping, swiftSeconds, ratio
        )
    }
}

enum IMLBenchmark {
    static let mapping: JSONValue = [
        "id": "{{1.id}}",
        "email": "{{lower(1.email)}}",
        "name": "{{1.firstName + \" \" + 1.lastName}}",
        "created": "{{formatDate(1.createdAt; \"YYYY-MM-DD\")}}",
        "status": "{{if(1.active; \"active\"; \"inactive\")}}",
        "total": "{{1.price * 1.quantity}}",
        "company": "{{1.company.name}}",
        "firstTag": "{{1.tags[]}}",
        "label": "Order {{1.orderNumber}} for {{1.company.name}}",
        "net": "{{1.price * 1.quantity - 1.discount}}",
    ]

    static let bundle: JSONValue = [
        "id": 12345, "email": "Ada.Lovelace@Example.COM", "firstName": "Ada", "lastName": "Lovelace",
        "createdAt": "2024-03-01T12:34:56Z", "active": true, "price": 19.5, "quantity": 3,
        "company": ["name": "Analytical Engines"], "tags": ["vip", "beta"], "orderNumber": "A-1001", "discount": 2,
    ]

    static func run(iterations: Int) -> IMLBenchmarkReport {
        let context = EvaluationContext(scope: ["1": bundle], now: Date(timeIntervalSince1970: 0))
        guard let tree = try? TemplateTree(mapping) else { preconditionFailure("the benchmark mapping compiles") }
        let expected = try? tree.evaluate(in: context)
        precondition(expected == handWritten(context.scope), "both mappings agree")
        let clock = ContinuousClock()
        var sink = 0
        let imlTime = clock.measure {
            for _ in 0..<iterations {
                if case .object(let object)? = try? tree.evaluate(in: context) { sink &+= object.count }
            }
        }
        let swiftTime = clock.measure {
            for _ in 0..<iterations {
                if case .object(let object) = handWritten(context.scope) { sink &+= object.count }
            }
        }
        precondition(sink == iterations * 20, "every evaluation produced 10 fields")
        return IMLBenchmarkReport(iterations: iterations, imlSeconds: imlTime.seconds, swiftSeconds: swiftTime.seconds)
    }

    /// The same mapping as a Swift programmer would write it against `JSONValue`.
    static func handWritten(_ scope: JSONObject) -> JSONValue {
        let bundle = scope["1"] ?? .null
        let price = bundle["price"]?.doubleValue ?? 0
        let quantity = bundle["quantity"]?.doubleValue ?? 0
        let total = price * quantity
        let company = bundle["company"]?["name"] ?? .null
        var object = JSONObject(minimumCapacity: 10)
        object.appendUnchecked("id", bundle["id"] ?? .null)
        object.appendUnchecked("email", .string((bundle["email"]?.stringValue ?? "").lowercased()))
        object.appendUnchecked("name", .string((bundle["firstName"]?.stringValue ?? "") + " " + (bundle["lastName"]?.stringValue ?? "")))
        object.appendUnchecked("created", .string(isoDay(bundle["createdAt"]?.stringValue ?? "")))
        object.appendUnchecked("status", .string(bundle["active"]?.boolValue == true ? "active" : "inactive"))
        object.appendUnchecked("total", wholeOrDouble(total))
        object.appendUnchecked("company", company)
        object.appendUnchecked("firstTag", bundle["tags"]?[0] ?? .null)
        object.appendUnchecked("label", .string("Order " + (bundle["orderNumber"]?.stringValue ?? "") + " for " + (company.stringValue ?? "")))
        object.appendUnchecked("net", wholeOrDouble(total - (bundle["discount"]?.doubleValue ?? 0)))
        return .object(object)
    }

    /// `YYYY-MM-DD` of a UTC ISO 8601 timestamp, checking its digits, without a DateFormatter.
    static func isoDay(_ text: String) -> String {
        let utf8 = Array(text.utf8.prefix(10))
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"),
              utf8.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || ($0.element >= 48 && $0.element <= 57) })
        else { return "" }
        return String(decoding: utf8, as: UTF8.self)
    }

    static func wholeOrDouble(_ value: Double) -> JSONValue {
        value.rounded(.towardZero) == value && abs(value) < 9e15 ? .int(Int(value)) : .double(value)
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension IMLBenchmark {
    /// A 10-field mapping evaluated a million times, against the same mapping written by hand in Swift.
    static let section = BenchmarkSection(name: "iml", summary: "10-field mapping x 1,000,000 vs hand-written Swift") { options in
        let report = run(iterations: options.size(full: 1_000_000, quick: 100_000, smoke: 1000))
        return [
            BenchmarkResult("mapping x \(report.iterations)", value: report.imlSeconds, unit: "s", target: options.target(.atMost(1))),
            BenchmarkResult(
                "IML vs hand-written", value: report.imlSeconds, unit: "s",
                baseline: .init(name: "hand-written Swift", value: report.swiftSeconds), target: options.target(.ratioAtMost(3))
            ),
        ]
    }
}
