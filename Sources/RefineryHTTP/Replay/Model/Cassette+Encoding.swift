public import RefineryJSON
import Foundation

extension Cassette {
    /// The cassette as JSON, members in a fixed order: `format`, `version`, `start`, `seed` (when
    /// known), `redactions`, `deliveries` (when there are any), `interactions`; in each interaction
    /// `offset`, `request`, then `response` or `failure`.
    public var json: JSONValue {
        var root = JSONObject()
        root.appendUnchecked("format", .string(Self.formatName))
        root.appendUnchecked("version", .int(version))
        root.appendUnchecked("start", .string(CassetteTime.format(start)))
        if let seed { root.appendUnchecked("seed", .int(Int(truncatingIfNeeded: seed & UInt64(Int64.max)))) }
        root.appendUnchecked("redactions", .array(redactions.map(Self.json(of:))))
        if !deliveries.isEmpty { root.appendUnchecked("deliveries", .array(deliveries)) }
        root.appendUnchecked("interactions", .array(interactions.map(Self.json(of:))))
        return .object(root)
    }

    /// Pretty JSON text ending in a newline: what a cassette file holds.
    public func encoded() -> [UInt8] {
        json.serializedBytes(.pretty) + [0x0A]
    }

    static func json(of redaction: Redaction) -> JSONValue {
        [
            "kind": .string(redaction.kind.rawValue),
            "name": .string(redaction.name),
            "places": .array(redaction.places.map(JSONValue.string)),
        ]
    }

    static func json(of interaction: Interaction) -> JSONValue {
        var object = JSONObject()
        object.appendUnchecked("offset", CassetteTime.json(offset: interaction.offset))
        object.appendUnchecked("request", json(of: interaction.request))
        switch interaction.outcome {
        case .response(let response):
            object.appendUnchecked("response", json(of: response))
        case .failure(let failure):
            object.appendUnchecked("failure", ["kind": .string(failure.kind.rawValue), "message": .string(failure.message)])
        }
        return .object(object)
    }

    static func json(of request: RecordedRequest) -> JSONValue {
        var object = JSONObject()
        object.appendUnchecked("method", .string(request.method.rawValue))
        object.appendUnchecked("url", .string(request.url))
        appendHeaders(request.headers, to: &object)
        appendBody(request.body, to: &object)
        return .object(object)
    }

    static func json(of response: RecordedResponse) -> JSONValue {
        var object = JSONObject()
        object.appendUnchecked("status", .int(response.status))
        appendHeaders(response.headers, to: &object)
        appendBody(response.body, to: &object)
        return .object(object)
    }

    /// Headers as an object of lowercase names in sorted order; a repeated header becomes an array.
    static func appendHeaders(_ headers: HTTPHeaders, to object: inout JSONObject) {
        guard !headers.isEmpty else { return }
        var members = JSONObject()
        for name in Set(headers.fields.map { $0.name.lowercased() }).sorted() {
            let values = headers.values(name)
            members.appendUnchecked(name, values.count == 1 ? .string(values[0]) : .array(values.map(JSONValue.string)))
        }
        object.appendUnchecked("headers", .object(members))
    }

    /// A body as exactly one of `json`, `text` or `base64`; nothing for an empty body.
    static func appendBody(_ body: RecordedBody, to object: inout JSONObject) {
        switch body {
        case .empty: break
        case .json(let value): object.appendUnchecked("json", value)
        case .text(let text): object.appendUnchecked("text", .string(text))
        case .binary(let bytes): object.appendUnchecked("base64", .string(Data(bytes).base64EncodedString()))
        }
    }
}

/// Cassette times: the start as an RFC 3339 UTC timestamp with milliseconds, offsets as seconds with at
/// most three decimals. Both are cut (not rounded) to the millisecond, so a replay's clock never runs
/// ahead of the recording's.
enum CassetteTime {
    /// Whole milliseconds since 1970, cut. The reading is first rounded to the microsecond so that a
    /// time rebuilt as `start + offset` (binary doubles) lands on the millisecond it was written as.
    static func milliseconds(_ date: Date) -> Int64 {
        let microseconds = (date.timeIntervalSince1970 * 1_000_000).rounded()
        return Int64((microseconds / 1000).rounded(.down))
    }

    static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    static func format(_ date: Date) -> String {
        formatter().string(from: truncated(date))
    }

    static func parse(_ text: String) -> Date? {
        formatter().date(from: text)
    }

    /// Seconds from `start` to `date`, both cut to the millisecond.
    static func offset(of date: Date, from start: Date) -> Double {
        Double(max(0, milliseconds(date) - milliseconds(start))) / 1000
    }

    static func json(offset: Double) -> JSONValue {
        let whole = offset.rounded(.towardZero)
        if whole == offset, let integer = Int(exactly: whole) { return .int(integer) }
        return .double(offset)
    }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }
}
