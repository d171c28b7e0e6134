import Foundation
import OktaCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One scripted answer: a response, or a transport failure.
enum ScriptedReply: Sendable {
    case response(status: Int, headers: [(String, String)], body: Data)
    case failure(URLError.Code)

    /// A JSON answer with Okta's usual headers.
    static func json(
        _ body: String, headers: [(String, String)] = [],
        requestId: String = "req-\(UUID().uuidString.prefix(8))"
    ) -> ScriptedReply {
        json(200, body, headers: headers, requestId: requestId)
    }

    /// A JSON answer with a status other than 200.
    static func json(
        _ status: Int, _ body: String, headers: [(String, String)] = [],
        requestId: String = "req-\(UUID().uuidString.prefix(8))"
    ) -> ScriptedReply {
        .response(
            status: status,
            headers: [("Content-Type", "application/json"), ("X-Okta-Request-Id", requestId)]
                + headers,
            body: Data(body.utf8))
    }

    /// A recorded real response, replayed as Foundation would hand it over (repeated fields
    /// joined with ", ").
    static func recording(_ recording: Recording) -> ScriptedReply {
        .response(
            status: recording.status,
            headers: recording.headers.fields.map { ($0.name, $0.value) }, body: recording.body)
    }
}

/// An Okta org answered in-process through `URLProtocol`, one scripted reply per request, so
/// a test controls exactly what the client sees and records exactly what it sent.
///
/// Each instance registers a unique `*.okta.com` host; the protocol routes by host.
final class ScriptedOrg: Sendable {
    let org: OrgAddress
    private let handler: @Sendable (URLRequest, Int) -> ScriptedReply
    private let log = Locked<[URLRequest]>([])

    init(
        host: String = "s\(UUID().uuidString.prefix(12).lowercased()).okta.com",
        handler: @escaping @Sendable (URLRequest, Int) -> ScriptedReply
    ) throws {
        org = try OrgAddress(parsing: host)
        self.handler = handler
        ScriptedURLProtocol.orgs.withLock { $0[org.host] = self }
    }

    /// Answers the requests in order from `replies`; requests beyond the list get a 500.
    convenience init(replies: [ScriptedReply]) throws {
        try self.init { _, index in
            index < replies.count ? replies[index] : .json(500, "{\"errorCode\":\"E0000009\"}")
        }
    }

    /// The requests received so far, in order.
    var requests: [URLRequest] { log.withLock { $0 } }

    func reply(to request: URLRequest) -> ScriptedReply {
        let index = log.withLock { log in
            log.append(request)
            return log.count - 1
        }
        return handler(request, index)
    }

    func configuration() -> URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.protocolClasses = [ScriptedURLProtocol.self]
        return configuration
    }

    func client(
        token: APIToken, options: OktaClient.Options = OktaClient.Options(),
        clock: any OktaClock, logger: any LogSink = NullLog()
    ) -> OktaClient {
        OktaClient(
            org: org, token: token, options: options, sessionConfiguration: configuration(),
            clock: clock, logger: logger, random: { 0.5 })
    }
}

/// Routes requests to the `ScriptedOrg` registered for their host.
final class ScriptedURLProtocol: URLProtocol {
    static let orgs = Locked<[String: ScriptedOrg]>([:])

    override class func canInit(with request: URLRequest) -> Bool {
        guard let host = request.url?.host?.lowercased() else { return false }
        return orgs.withLock { $0[host] != nil }
    }

    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    override func startLoading() {
        let host = request.url?.host?.lowercased() ?? ""
        guard let org = Self.orgs.withLock({ $0[host] }) else {
            client?.urlProtocol(self, didFailWithError: URLError(.cannotFindHost))
            return
        }
        switch org.reply(to: request) {
        case .failure(let code):
            client?.urlProtocol(self, didFailWithError: URLError(code))
        case .response(let status, let headers, let body):
            var fields: [String: String] = [:]
            for (name, value) in headers {
                let key = fields.keys.first { $0.lowercased() == name.lowercased() } ?? name
                fields[key] = fields[key].map { $0 + ", " + value } ?? value
            }
            let response = HTTPURLResponse(
                url: request.url!, statusCode: status, httpVersion: "HTTP/1.1",
                headerFields: fields)!
            client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
            client?.urlProtocol(self, didLoad: body)
            client?.urlProtocolDidFinishLoading(self)
        }
    }

    override func stopLoading() {}
}
