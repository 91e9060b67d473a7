import RefineryHTTP
import Testing

@Suite struct HTTPRequestParserTests {
    static let post = Array("POST /v1/identify-user?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello".utf8)

    /// Feeds `bytes` in chunks of `size`, collecting every event that is not "need more data".
    static func feed(_ bytes: [UInt8], chunk size: Int, limits: HTTPServerLimits = .init()) -> [HTTPRequestParser.Event] {
        var parser = HTTPRequestParser(limits: limits)
        var events: [HTTPRequestParser.Event] = []
        var start = 0
        while start < bytes.count {
            var slice = bytes[start..<min(bytes.count, start + size)]
            while !slice.isEmpty {
                let (event, consumed) = parser.parse(slice)
                slice = slice.dropFirst(consumed)
                guard event != .needMoreData else { continue }
                events.append(event)
                if case .failed = event { return events }
                parser.reset()
            }
            start += size
        }
        return events
    }

    static func status(_ events: [HTTPRequestParser.Event]) -> Int? {
        guard case .failed(let error) = events.last else { return nil }
        return error.status
    }

    @Test(arguments: [1, 2, 3, 7, 64, 10_000])
    func parsesInAnyChunkSize(chunk: Int) throws {
        let events = Self.feed(Self.post, chunk: chunk)
        #expect(events.count == 1)
        guard case .complete(let request) = try #require(events.first) else {
            Issue.record("not complete")
            return
        }
        #expect(request.method == .post)
        #expect(request.path == "/v1/identify-user")
        #expect(request.query == "x=1")
        #expect(request.headers["host"] == "a")
        #expect(request.body == Array("hello".utf8))
    }

    @Test(arguments: [1, 5, 1000])
    func parsesPipelinedRequests(chunk: Int) {
        let two = Array("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n".utf8)
        let paths = Self.feed(two, chunk: chunk).compactMap { event -> String? in
            if case .complete(let request) = event { return request.path }
            return nil
        }
        #expect(paths == ["/a", "/b"])
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
    ])
    func decidesKeepAlive(text: String, expected: Bool) {
        var parser = HTTPRequestParser()
        let (event, _) = parser.parse(ArraySlice(Array(text.utf8)))
        #expect(event != .needMoreData)
        #expect(parser.keepAlive == expected)
    }

    @Test(arguments: [
        ("garbage\r\n\r\n", 400),
        ("\u{1}\u{2}\u{3}\u{4}\r\n", 400),
        ("GET / HTTP/1.1\n\n", 400),
        ("GET / HTTP/1.1\rX", 400),
        ("GET  / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1 extra\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\n\r\n", 400),
        ("GET nopath HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTX/1.1\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\n\r\n", 505),
        ("GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nName : x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nA: b\u{7}c\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
        ("\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n", 400),
    ])
    func rejectsMalformedInput(text: String, status: Int) {
        for chunk in [1, 1000] {
            #expect(Self.status(Self.feed(Array(text.utf8), chunk: chunk)) == status, "\(chunk)")
        }
    }

    @Test func acceptsEqualRepeatedContentLengthAndLeadingEmptyLine() {
        let text = "\r\nPOST / HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nok"
        guard case .complete(let request) = Self.feed(Array(text.utf8), chunk: 1).first else {
            Issue.record("not complete")
            return
        }
        #expect(request.body == Array("ok".utf8))
    }

    @Test func neverCrashesOnRandomBytes() {
        var state: UInt64 = 42
        for _ in 0..<200 {
            let bytes = (0..<200).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            let events = Self.feed(bytes, chunk: 13)
            #expect(events.allSatisfy { if case .failed(let error) = $0 { error.status >= 400 } else { true } })
        }
    }

    @Test func asksForContinueOnceWhenExpected() {
        var parser = HTTPRequestParser()
        let head = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        let (event, _) = parser.parse(ArraySlice(Array(head.utf8)))
        #expect(event == .needMoreData)
        let first = parser.takeContinueRequest()
        let second = parser.takeContinueRequest()
        #expect(first)
        #expect(!second)
    }
}

@Suite struct HTTPRequestParserLimitTests {
    static let limits = HTTPServerLimits(maxRequestLineBytes: 32, maxHeaderCount: 3, maxHeaderBytes: 64, maxBodyBytes: 10)

    static func status(_ text: String) -> Int? {
        HTTPRequestParserTests.status(HTTPRequestParserTests.feed(Array(text.utf8), chunk: 1, limits: limits))
    }

    /// A request line of exactly `length` bytes.
    static func requestLine(_ length: Int) -> String {
        "GET /" + String(repeating: "a", count: length - 14) + " HTTP/1.1"
    }

    @Test(arguments: [(31, nil), (32, nil), (33, 414)] as [(Int, Int?)])
    func requestLine(length: Int, expected: Int?) {
        #expect(Self.requestLine(length).utf8.count == length)
        #expect(Self.status(Self.requestLine(length) + "\r\n\r\n") == expected)
    }

    @Test(arguments: [(2, nil), (3, nil), (4, 431)] as [(Int, Int?)])
    func headerCount(count: Int, expected: Int?) {
        let fields = (0..<count).map { "h\($0): v\r\n" }.joined()
        #expect(Self.status("GET / HTTP/1.1\r\n" + fields + "\r\n") == expected)
    }

    /// Header section bytes count every field line with its CRLF and the final empty line.
    @Test(arguments: [(63, nil), (64, nil), (65, 431)] as [(Int, Int?)])
    func headerBytes(total: Int, expected: Int?) {
        let field = "x: " + String(repeating: "v", count: total - 2 - 5) + "\r\n"
        #expect(field.utf8.count + 2 == total)
        #expect(Self.status("GET / HTTP/1.1\r\n" + field + "\r\n") == expected)
    }

    @Test(arguments: [(9, nil), (10, nil), (11, 413)] as [(Int, Int?)])
    func bodySize(length: Int, expected: Int?) {
        let body = String(repeating: "b", count: length)
        #expect(Self.status("POST / HTTP/1.1\r\nContent-Length: \(length)\r\n\r\n" + body) == expected)
    }
}
