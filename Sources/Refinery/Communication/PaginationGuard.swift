import RefineryHTTP
import RefineryJSON

/// Makes sure pagination ends: a request repeating an earlier one (the cursor did not advance), a page
/// identical to the one before, a page that an earlier page already was (its first and its last item both
/// began or ended an earlier page: an API handing out new cursors over the same items), an empty page while the API says more follow, or more than
/// `maxPages` pages each end the loop with a typed error naming the module and the page count.
struct PaginationGuard {
    let module: String
    let maxPages: Int
    /// What raises `maxPages`, named by the `pagination.max-pages` error.
    let setting: String
    private var sentRequests: Set<HTTPRequest> = []
    private var previousPage: [UInt8]?
    /// The hashes of the first and last item of every earlier page. Two items a page, not all of them:
    /// hashing every item of every page cost a quarter of a long listing's time.
    private var pageEnds: Set<Int> = []

    init(module: String, maxPages: Int, setting: String) {
        self.module = module
        self.maxPages = maxPages
        self.setting = setting
    }

    mutating func sent(_ request: HTTPRequest) {
        sentRequests.insert(request)
    }

    /// Called after page `pages` arrived and the pagination asks for the next one.
    mutating func check(page body: [UInt8], itemCount: Int?, pages: Int, hasCondition: Bool) throws(ModuleError) {
        if pages >= maxPages {
            throw error(.maxResultsExceeded, "pagination.max-pages", InterpreterMessages.maxPages(module, pages: pages, setting: setting), pages: pages)
        }
        if let previousPage, previousPage == body {
            throw error(.runtime, "pagination.identical-page", InterpreterMessages.identicalPage(module, pages: pages), pages: pages)
        }
        if itemCount == 0, hasCondition {
            throw error(.runtime, "pagination.empty-page", InterpreterMessages.emptyPage(module, pages: pages), pages: pages)
        }
        previousPage = body
    }

    /// Called with every page's items: a page after the first that starts and ends with items that
    /// started or ended earlier pages repeats the list (a partial overlap, when new items shift an
    /// offset-paged list by a few, starts or ends with a new item and is followed).
    mutating func check(items: [JSONValue], page: Int) throws(ModuleError) {
        guard let first = items.first?.hashValue, let last = items.last?.hashValue else { return }
        if page > 1, pageEnds.contains(first), pageEnds.contains(last) {
            throw error(.runtime, "pagination.repeated-items", InterpreterMessages.repeatedItems(module, pages: page), pages: page)
        }
        pageEnds.insert(first)
        pageEnds.insert(last)
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
