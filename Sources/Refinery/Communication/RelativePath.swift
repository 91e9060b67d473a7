import Foundation

/// A module's relative URL (`/contacts/{{id}}`) with its dot segments removed (RFC 3986 §5.2.4) before
/// it joins the base URL, so that no value can climb out of the base path: `/../../x` under
/// `https://api.refiner.io/v1` is `https://api.refiner.io/v1/x`, not `https://api.refiner.io/x`.
/// Percent-encoded dots (`%2e`) count as dots, since servers decode them.
enum RelativePath {
    static func normalized(_ raw: String) -> String {
        let end = raw.firstIndex { $0 == "?" || $0 == "#" } ?? raw.endIndex
        let segments = raw[..<end].split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var kept: [Substring] = []
        var endsInDirectory = false
        for segment in segments {
            switch dots(in: segment) {
            case 1: endsInDirectory = true
            case 2:
                _ = kept.popLast()
                endsInDirectory = true
            default:
                kept.append(segment)
                endsInDirectory = false
            }
        }
        let path = "/" + kept.joined(separator: "/") + (endsInDirectory && !kept.isEmpty ? "/" : "")
        return path + raw[end...]
    }

    /// 1 for `.`, 2 for `..` (either possibly percent-encoded), 0 for any other segment.
    private static func dots(in segment: Substring) -> Int {
        let decoded = segment.lowercased().replacingOccurrences(of: "%2e", with: ".")
        return decoded == "." ? 1 : decoded == ".." ? 2 : 0
    }
}
