/// An entry of an app's `log.sanitize`, parsed: `request.headers.authorization`, `request.qs.api_key`,
/// `request.body.password`, `response.body.data.token`, `response.headers.set-cookie`.
///
/// Make's value form `request.body<parameters.secret>` masks a *value* wherever it appears; the engine
/// resolves it and passes the value as a `Redactor.Secret`, so it parses to nil here.
struct SanitizePath: Sendable, Hashable {
    enum Side: String, Sendable, Hashable { case request, response }
    enum Section: String, Sendable, Hashable { case headers, qs, body }

    var text: String
    var side: Side
    var section: Section
    /// The rest of the path: a header or parameter name (one element), or keys into a JSON body.
    var keys: [String]

    /// Nil for the value form; throws for anything that names no request or response part.
    static func parse(_ text: String) throws(CassetteError) -> SanitizePath? {
        if text.contains("<") && text.hasSuffix(">") { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let side = Side(rawValue: parts[0]), let section = Section(rawValue: parts[1]),
              !parts.dropFirst(2).contains(where: \.isEmpty), section == .body || parts.count == 3,
              side == .request || section != .qs
        else {
            throw CassetteError(.invalidSanitizePath, CassetteMessages.invalidSanitizePath(text))
        }
        let keys = Array(parts.dropFirst(2))
        return SanitizePath(text: text, side: side, section: section, keys: section == .body ? keys : [keys[0].lowercased()])
    }
}
