// The only file in the project that talks to the operating system's sockets. Every call is wrapped
// here, retried on EINTR, and never raises SIGPIPE.
//
// Every descriptor is close-on-exec: a child process (`Process`) must not inherit the server's sockets,
// or a connection the server closes stays open in the child and its peer never sees the end.
#if canImport(Glibc)
import Glibc
private let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
private let plainStreamType = Int32(SOCK_STREAM.rawValue)
private let sendFlags = Int32(MSG_NOSIGNAL)
#elseif canImport(Darwin)
import Darwin
private let streamType = SOCK_STREAM
private let plainStreamType = SOCK_STREAM
private let sendFlags: Int32 = 0
#endif

/// `accept` and close-on-exec (Glibc does not export `accept4`; a fork in between may still race it).
private func acceptCloseOnExec(_ descriptor: Int32) -> Int32 {
    let client = accept(descriptor, nil, nil)
    if client >= 0 { _ = fcntl(client, F_SETFD, FD_CLOEXEC) }
    return client
}

/// A failure of a socket call, with the call's name and `errno`.
package struct SocketError: Error, Sendable, CustomStringConvertible {
    package var call: String
    package var code: Int32

    /// A connect that did not finish within its timeout.
    package var isTimeout: Bool { code == ETIMEDOUT }

    package var description: String {
        "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}

/// What waiting for input produced.
package enum SocketReadiness: Sendable {
    case readable, timedOut, failed
}

/// A TCP socket descriptor on IPv4. Not thread-safe: one thread uses it at a time.
package struct Socket: Sendable {
    package let descriptor: Int32

    /// A listening socket bound to `host:port` (port 0: the system picks one), non-blocking for accept.
    package static func listen(host: String, port: Int, backlog: Int32) throws(SocketError) -> (Socket, port: Int) {
        let descriptor = socket(AF_INET, streamType, 0)
        guard descriptor >= 0 else { throw SocketError(call: "socket", code: errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let socket = Socket(descriptor: descriptor)
        var one: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        socket.disableSigPipe()
        var address = try makeAddress(host: host, port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw socket.failure("bind") }
        guard posixListen(descriptor, backlog) == 0 else { throw socket.failure("listen") }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL, 0) | O_NONBLOCK)
        return (socket, try socket.localPort())
    }

    /// A blocking connection to `host:port` (clients in tests and benchmarks).
    package static func connect(host: String, port: Int) throws(SocketError) -> Socket {
        let descriptor = socket(AF_INET, streamType, 0)
        guard descriptor >= 0 else { throw SocketError(call: "socket", code: errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let socket = Socket(descriptor: descriptor)
        socket.disableSigPipe()
        var address = try makeAddress(host: host, port: port)
        var result: Int32
        repeat {
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    posixConnect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        } while result != 0 && errno == EINTR
        guard result == 0 else { throw socket.failure("connect") }
        var one: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return socket
    }

    /// A blocking connection to `host:port` made within `timeoutMilliseconds` (the PostgreSQL client).
    /// `host` is an IPv4 address, `localhost`, or a name resolved to IPv4. A timeout fails with `ETIMEDOUT`.
    package static func connect(host: String, port: Int, timeoutMilliseconds: Int) throws(SocketError) -> Socket {
        var address = try resolve(host: host, port: port)
        let descriptor = socket(AF_INET, streamType, 0)
        guard descriptor >= 0 else { throw SocketError(call: "socket", code: errno) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let socket = Socket(descriptor: descriptor)
        socket.disableSigPipe()
        let flags = fcntl(descriptor, F_GETFL, 0)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                posixConnect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            guard errno == EINPROGRESS || errno == EINTR else { throw socket.failure("connect") }
            try socket.finishConnect(timeoutMilliseconds: timeoutMilliseconds)
        }
        _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
        var one: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return socket
    }

    /// Waits for a non-blocking `connect` to finish, then reads its outcome.
    private func finishConnect(timeoutMilliseconds: Int) throws(SocketError) {
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        var ready: Int32
        repeat { ready = poll(&entry, 1, Int32(clamping: timeoutMilliseconds)) } while ready < 0 && errno == EINTR
        if ready == 0 { errno = ETIMEDOUT }
        guard ready > 0 else { throw failure("connect") }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length)
        guard code == 0 else {
            errno = code
            throw failure("connect")
        }
    }

    /// An IPv4 literal or `localhost` directly; any other name through `getaddrinfo` (IPv4 only).
    private static func resolve(host: String, port: Int) throws(SocketError) -> sockaddr_in {
        if let address = try? makeAddress(host: host, port: port) { return address }
        guard (0...65_535).contains(port) else { throw SocketError(call: "connect", code: EINVAL) }
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = plainStreamType
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list, let found = first.pointee.ai_addr else {
            throw SocketError(call: "getaddrinfo", code: EHOSTUNREACH)
        }
        defer { freeaddrinfo(list) }
        var address = found.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    /// The next pending connection, or nil when there is none (or it vanished before we took it).
    package func accept() -> Socket? {
        while true {
            let client = acceptCloseOnExec(descriptor)
            if client >= 0 {
                let socket = Socket(descriptor: client)
                socket.disableSigPipe()
                var one: Int32 = 1
                _ = setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return socket
            }
            if errno != EINTR { return nil }
        }
    }

    /// Waits until input (or end of input) is available, at most `milliseconds`.
    package func waitReadable(milliseconds: Int) -> SocketReadiness {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, Int32(clamping: milliseconds))
            if result > 0 { return .readable }
            if result == 0 { return .timedOut }
            if errno != EINTR { return .failed }
        }
    }

    /// Reads what is available into `buffer` (up to its capacity): the count, 0 at end of input, nil on error.
    package func receive(into buffer: inout [UInt8]) -> Int? {
        let capacity = buffer.count
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, capacity, 0) }
            if count >= 0 { return count }
            if errno != EINTR { return nil }
        }
    }

    /// Writes every byte; false when the peer is gone.
    package func sendAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        return bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let count = send(descriptor, raw.baseAddress! + offset, raw.count - offset, sendFlags)
                if count > 0 {
                    offset += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// No more writes: the peer reads end of input.
    package func shutdownWrite() {
        _ = shutdown(descriptor, Int32(SHUT_WR))
    }

    /// No more reads: a thread blocked waiting for input wakes and reads end of input. The descriptor
    /// stays open for its owner to close.
    package func shutdownRead() {
        _ = shutdown(descriptor, Int32(SHUT_RD))
    }

    package func close() {
        _ = posixClose(descriptor)
    }

    func localPort() throws(SocketError) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { throw failure("getsockname") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private func disableSigPipe() {
        #if canImport(Darwin)
        var one: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    private func failure(_ call: String) -> SocketError {
        let error = SocketError(call: call, code: errno)
        close()
        return error
    }

    private static func makeAddress(host: String, port: Int) throws(SocketError) -> sockaddr_in {
        guard (0...65_535).contains(port) else { throw SocketError(call: "bind", code: EINVAL) }
        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        let name = host == "localhost" ? "127.0.0.1" : host
        guard inet_pton(AF_INET, name, &address.sin_addr) == 1 else { throw SocketError(call: "inet_pton", code: EINVAL) }
        return address
    }
}

// The C functions whose names the methods above shadow.
private func posixListen(_ descriptor: Int32, _ backlog: Int32) -> Int32 { listen(descriptor, backlog) }
private func posixConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(descriptor, address, length)
}
private func posixClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
