import Foundation

/// One HTTP request to the simulated org: method, absolute URL and header fields.
///
/// The URL's origin (scheme, host, port) becomes the origin of the org's `Link` and `_links`
/// URLs, so the same org can answer in-process (`https://acme.okta.com`) and over loopback
/// (`http://127.0.0.1:PORT`).
public struct SimulatedRequest: Sendable {
    public var method: String
    public var url: URL
    /// Header fields in the order they arrived; names compare case-insensitively.
    public var headerFields: [(name: String, value: String)]

    public init(
        method: String = "GET", url: URL, headerFields: [(name: String, value: String)] = []
    ) {
        self.method = method
        self.url = url
        self.headerFields = headerFields
    }

    /// The first value of header `name`, compared case-insensitively.
    public func value(forHeader name: String) -> String? {
        headerFields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// The simulated org's answer: status, ordered header fields (duplicates allowed, e.g. two
/// `Link` fields), body, and how the transport should deliver it.
public struct SimulatedResponse: Sendable {
    public var status: Int
    /// Header fields in order; `Link` appears twice on a page that has a next page.
    public var headerFields: [(name: String, value: String)]
    public var body: Data
    /// True when the transport must drop the connection instead of answering
    /// (`URLError(.networkConnectionLost)` in-process, a closed socket over loopback).
    public var dropsConnection: Bool
    /// How long the transport waits before answering (the org's latency at request time).
    public var delay: Duration

    public init(
        status: Int, headerFields: [(name: String, value: String)], body: Data,
        dropsConnection: Bool = false, delay: Duration = .zero
    ) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
        self.dropsConnection = dropsConnection
        self.delay = delay
    }

    /// Every value of header `name`, in order, compared case-insensitively.
    public func values(forHeader name: String) -> [String] {
        headerFields.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// The first value of header `name`.
    public func value(forHeader name: String) -> String? {
        values(forHeader: name).first
    }

    /// The body as UTF-8 text (for tests and diagnostics).
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }

    /// Header fields merged the way Foundation's `HTTPURLResponse` needs them: one value per
    /// name, duplicates joined with `", "` as FoundationNetworking does for a real server.
    public var joinedHeaderFields: [String: String] {
        var joined: [String: String] = [:]
        var names: [String: String] = [:]
        for field in headerFields {
            let key = field.name.lowercased()
            if let name = names[key] {
                joined[name, default: ""] += ", " + field.value
            } else {
                names[key] = field.name
                joined[field.name] = field.value
            }
        }
        return joined
    }
}

/// A fixed-window rate limit, applied separately to each bucket (users list, users/me, org,
/// everything else), as Okta counts per endpoint family.
public struct RateLimitRule: Sendable, Hashable {
    /// Requests allowed per window and bucket.
    public var limit: Int
    /// Window length in seconds; windows start on whole multiples of it in epoch time.
    public var windowSeconds: Int

    public init(limit: Int, windowSeconds: Int = 60) {
        self.limit = limit
        self.windowSeconds = max(windowSeconds, 1)
    }
}

/// The endpoint families the org counts separately for rate limiting.
public enum RateLimitBucket: String, Sendable, CaseIterable {
    case usersList, usersMe, org, other
}

/// A one-off server-side failure the org can be told to serve.
public enum TransientFailure: Sendable, Hashable {
    /// 500 with Okta's E0000009 JSON body.
    case internalServerError
    /// 502 with an HTML page from the load balancer (no Okta headers).
    case badGateway
    /// 503 with Okta's E0000010 JSON body and rate-limit headers.
    case serviceUnavailable
    /// 504 with a JSON body but without rate-limit headers, as some gateways answer.
    case gatewayTimeout
    /// No answer at all: the connection drops.
    case droppedConnection
}
