import RefineryHTTP
import RefineryJSON

/// Makes sure pagination ends: a request repeating an earlier one (the cursor did not advance), a page
/// identical to the one before, a page whose every item an earlier page already held (an API handing out
/// new cursors over the same items), an empty page while the API says more follow, or more than
/// `maxPages` pages each end the loop with a typed error naming the module and the page count.
struct PaginationGuard {
    let module: String
    let maxPages: Int
    private var sentRequests: Set<HTTPRequest> = []
    private var previousPage: [UInt8]?
    /// The hash of every item seen on earlier pages.
    private var seenItems: Set<Int> = []

    init(module: String, maxPages: Int) {
        self.module = module
        self.maxPages = maxPages
    }

    mutating func sent(_ request: HTTPRequest) {
        sentRequests.insert(request)
    }

    /// Called after page `pages` arrived and the pagination asks for the next one.
    mutating func check(page body: [UInt8], itemCount: Int?, pages: Int, hasCondition: Bool) throws(ModuleError) {
        if pages >= maxPages {
            throw error(.maxResultsExceeded, "pagination.max-pages", InterpreterMessages.maxPages(module, pages: pages), pages: pages)
        }
        if let previousPage, previousPage == body {
            throw error(.runtime, "pagination.identical-page", InterpreterMessages.identicalPage(module, pages: pages), pages: pages)
        }
        if itemCount == 0, hasCondition {
            throw error(.runtime, "pagination.empty-page", InterpreterMessages.emptyPage(module, pages: pages), pages: pages)
        }
        previousPage = body
    }

    /// Called with every page's items: a page after the first made only of items seen before repeats
    /// the list (a partial overlap is normal, when new items shift an offset-paged list).
    mutating func check(items: [JSONValue], page: Int) throws(ModuleError) {
        let hashes = items.map(\.hashValue)
        if page > 1, !hashes.isEmpty, hashes.allSatisfy(seenItems.contains) {
            throw error(.runtime, "pagination.repeated-items", InterpreterMessages.repeatedItems(module, pages: page), pages: page)
        }
        seenItems.formUnion(hashes)
    }

    /// Called with the request for the next page before it is sent.
    mutating func checkNext(_ request: HTTPRequest, pages: Int) throws(ModuleError) {
        guard sentRequests.insert(request).inserted else {
            throw error(.runtime, "pagination.repeated-cursor", InterpreterMessages.repeatedCursor(module, pages: pages), pages: pages)
        }
    }

    func error(_ kind: ModuleError.Kind, _ code: String, _ message: String, pages: Int) -> ModuleError {
        var error = ModuleError(kind, code: code, message: message, module: module)
        error.pages = pages
        return error
    }
}
