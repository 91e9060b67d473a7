/// Every message of the communication interpreter, in one place.
enum InterpreterMessages {
    static func invalidJSON(_ detail: String) -> String { "the response is not valid JSON: \(detail)" }

    static func statusError(_ status: Int, excerpt: String) -> String {
        excerpt.isEmpty ? "the server answered \(status)" : "the server answered \(status): \(excerpt)"
    }

    static func answered(_ status: Int, contentType: String) -> String { "the server answered \(status) (\(contentType))" }

    static func invalidResponse() -> String { "Response marked as invalid." }

    static func network(_ target: String, _ detail: String) -> String { "no response from \(target): \(detail)" }

    static func deadline(_ detail: String) -> String {
        "\(detail); raise metadata.refinery.callTimeout (seconds) if the API is slow but answers"
    }

    static func rateLimited(_ detail: String) -> String { "rate limited: \(detail)" }

    static func absoluteURL(_ url: String) -> String {
        "'\(url)' is not relative to the app's base URL; give a path starting with '/'"
    }

    static func badURL(_ url: String) -> String { "'\(url)' is not a valid URL" }

    static func notAPage(_ module: String, page: Int, status: Int, contentType: String, pointer: String, found: String) -> String {
        "page \(page) of \(module) is not a page of the API: " + answered(status, contentType: contentType)
            + " and 'iterate' at \(pointer) gave \(found), not an array; nothing from this page on counts as read"
    }

    static func repeatedCursor(_ module: String, pages: Int) -> String {
        "pagination of \(module) stopped after \(pages) pages: the next page request repeats one already sent (the cursor does not advance)"
    }

    static func identicalPage(_ module: String, pages: Int) -> String {
        "pagination of \(module) stopped after \(pages) pages: page \(pages) is identical to the page before"
    }

    static func repeatedItems(_ module: String, pages: Int) -> String {
        "pagination of \(module) stopped after \(pages) pages: page \(pages) starts and ends with items of earlier pages (the API repeats its list under new cursors)"
    }

    static func emptyPage(_ module: String, pages: Int) -> String {
        "pagination of \(module) stopped after \(pages) pages: page \(pages) is empty but the API says more pages follow"
    }

    static func maxPages(_ module: String, pages: Int, setting: String) -> String {
        "pagination of \(module) stopped after \(pages) pages: more than maxPages (\(pages)) would be needed; raise \(setting) or lower the limit"
    }

    /// What raises a module's own `pagination.maxPages`.
    static let modulePaginationMaxPages = "the module's pagination.maxPages"

    static func repeatLimit(_ module: String, limit: Int) -> String {
        "'repeat' of \(module) still held its condition after \(limit) requests"
    }

    static func missingConnection(_ name: String, variable: String?) -> String {
        "the connection needs '\(name)'" + (variable.map { "; set the environment variable \($0)" } ?? "")
    }
}
