import Foundation
import OktaCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A request as the loopback server received it.
public struct RecordedRequest: Sendable {
    public var method: String
    /// Path and query exactly as sent, e.g. `/api/v1/users?limit=200`.
    public var target: String
    public var headerFields: [(name: String, value: String)]
    public var body: Data

    /// The first value of header `name`, compared case-insensitively.
    public func value(forHeader name: String) -> String? {
        headerFields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The path without the query.
    public var path: String {
        String(target.prefix { $0 != "?" })
    }
}

/// A complete HTTP response: status, ordered header fields (duplicates allowed), body.
public struct HTTPResponseMessage: Sendable {
    public var status: Int
    public var headerFields: [(name: String, value: String)]
    public var body: Data

    public init(
        status: Int, headerFields: [(name: String, value: String)] = [], body: Data = Data()
    ) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }

    /// A JSON response with `text` as its body.
    public static func json(
        _ status: Int, _ text: String, extraHeaders: [(name: String, value: String)] = []
    ) -> HTTPResponseMessage {
        HTTPResponseMessage(
            status: status, headerFields: [("Content-Type", "application/json")] + extraHeaders,
            body: Data(text.utf8))
    }

    /// An HTML page, as a web server that is not Okta answers.
    public static func html(_ status: Int, _ text: String) -> HTTPResponseMessage {
        HTTPResponseMessage(
            status: status, headerFields: [("Content-Type", "text/html; charset=utf-8")],
            body: Data(text.utf8))
    }
}

/// What the loopback server does with one request: answer it, or misbehave as networks do.
public enum LoopbackResponse: Sendable {
    /// A normal answer.
    case message(HTTPResponseMessage)
    /// Close the socket after reading the request, without answering.
    case dropConnection
    /// Send the status line and headers (with the full `Content-Length`), half the body, then
    /// close the socket.
    case dropAfterHeaders(HTTPResponseMessage)
    /// Answer nothing for `seconds` (or until the server stops), then close.
    case hang(seconds: Double)
}

/// A small HTTP/1.1 server on 127.0.0.1 with an OS-assigned port, for tests that must exercise
/// the real network path (timeouts, refused and dropped connections, duplicate `Link` fields).
///
/// One thread accepts; each connection gets its own thread, answers one request and closes
/// (`Connection: close`). Reads time out, request sizes are bounded, and `stop()` wakes every
/// blocked thread and waits for them, so a test never leaks a thread that blocks its exit.
public final class LoopbackHTTPServer: Sendable {
    public typealias Handler = @Sendable (RecordedRequest) -> LoopbackResponse

    /// Largest request head (request line and headers) accepted.
    public static let maximumHeadBytes = 64 * 1024
    /// Largest request body accepted.
    public static let maximumBodyBytes = 1024 * 1024
    /// How long a connection may stay silent before the server gives up on it.
    public static let readTimeoutSeconds = 5

    private struct State {
        var listener: Int32 = -1
        var port: UInt16 = 0
        var stopped = false
        var connections: Set<Int32> = []
        var runningThreads = 0
        var requests: [RecordedRequest] = []
    }

    private let handler: Handler
    private let state = Locked(State())

    public init(handler: @escaping Handler) {
        self.handler = handler
    }

    /// Errors starting the server (rare: the OS refused a socket on 127.0.0.1).
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Binds 127.0.0.1 on a free port and starts accepting.
    public func start() throws {
        let (listener, port) = try Self.bindLoopback()
        guard listen(listener, 64) == 0 else {
            close(listener)
            throw StartError(description: "listen failed (errno \(errno))")
        }
        state.withLock { state in
            state.listener = listener
            state.port = port
            state.runningThreads += 1
        }
        let thread = Thread { [self] in acceptLoop(listener) }
        thread.name = "LoopbackHTTPServer.accept"
        thread.start()
    }

    /// The port the server listens on (0 before `start()`).
    public var port: UInt16 { state.withLock { $0.port } }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// Stops accepting, wakes blocked connections, and waits (up to 5 s) for every thread.
    public func stop() {
        let listener = state.withLock { state -> Int32 in
            state.stopped = true
            for connection in state.connections { shutdown(connection, Int32(SHUT_RDWR)) }
            let listener = state.listener
            state.listener = -1
            return listener
        }
        if listener >= 0 {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
        let deadline = Date().addingTimeInterval(5)
        while state.withLock({ $0.runningThreads }) > 0, Date() < deadline {
            usleep(5_000)
        }
    }

    deinit {
        stop()
    }

    /// A loopback port with nothing listening: bound, then closed, so connecting is refused.
    public static func refusedPort() throws -> UInt16 {
        let (socket, port) = try bindLoopback()
        close(socket)
        return port
    }

    // MARK: Sockets

    private static func bindLoopback() throws -> (Int32, UInt16) {
        #if canImport(Glibc)
            let socketType = Int32(SOCK_STREAM.rawValue)
        #else
            let socketType = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, socketType, 0)
        guard descriptor >= 0 else {
            throw StartError(description: "socket failed (errno \(errno))")
        }
        var reuse: Int32 = 1
        setsockopt(
            descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            close(descriptor)
            throw StartError(description: "bind to 127.0.0.1 failed (errno \(errno))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getsockname(descriptor, $0, &length)
            }
        }
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }

    private func acceptLoop(_ listener: Int32) {
        defer { state.withLock { $0.runningThreads -= 1 } }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR, !state.withLock({ $0.stopped }) { continue }
                return
            }
            let admitted = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.connections.insert(connection)
                state.runningThreads += 1
                return true
            }
            guard admitted else {
                close(connection)
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.name = "LoopbackHTTPServer.connection"
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            state.withLock { state in
                state.connections.remove(connection)
                state.runningThreads -= 1
            }
            close(connection)
        }
        var timeout = timeval(tv_sec: Self.readTimeoutSeconds, tv_usec: 0)
        setsockopt(
            connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = readRequest(connection) else { return }
        state.withLock { $0.requests.append(request) }

        switch handler(request) {
        case .message(let message):
            send(connection, head(message) + message.body)
        case .dropConnection:
            return
        case .dropAfterHeaders(let message):
            send(connection, head(message) + message.body.prefix(message.body.count / 2))
        case .hang(let seconds):
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline, !state.withLock({ $0.stopped }) {
                usleep(10_000)
            }
        }
    }

    private func readRequest(_ connection: Int32) -> RecordedRequest? {
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        while headEnd == nil {
            guard received.count < Self.maximumHeadBytes else { return nil }
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            received.append(contentsOf: buffer[0..<count])
            headEnd = received.range(of: separator)
        }
        guard let headEnd else { return nil }
        let headText = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        let fields: [(name: String, value: String)] = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                String(line[..<colon]),
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            )
        }
        var body = Data(received[headEnd.upperBound...])
        let length =
            fields.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        guard length <= Self.maximumBodyBytes else { return nil }
        while body.count < length {
            let count = recv(connection, &buffer, min(buffer.count, length - body.count), 0)
            guard count > 0 else { return nil }
            body.append(contentsOf: buffer[0..<count])
        }
        return RecordedRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headerFields: fields,
            body: body)
    }

    private func head(_ message: HTTPResponseMessage) -> Data {
        var text = "HTTP/1.1 \(message.status) \(Self.reason(message.status))\r\n"
        for field in message.headerFields
        where !["content-length", "connection"].contains(field.name.lowercased()) {
            text += "\(field.name): \(field.value)\r\n"
        }
        text += "Content-Length: \(message.body.count)\r\nConnection: close\r\n\r\n"
        return Data(text.utf8)
    }

    private func send(_ connection: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            guard var pointer = raw.baseAddress else { return }
            var remaining = raw.count
            while remaining > 0 {
                #if canImport(Glibc)
                    let sent = Glibc.send(connection, pointer, remaining, Int32(MSG_NOSIGNAL))
                #else
                    let sent = Darwin.send(connection, pointer, remaining, 0)
                #endif
                if sent <= 0 { return }
                pointer += sent
                remaining -= sent
            }
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status"
        }
    }
}
