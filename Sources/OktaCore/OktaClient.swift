import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A read-only client for Okta's Management API, authenticated with an API token.
///
/// Every request goes through one loop that paces ahead of the rate limit, retries what is
/// transient (429, 5xx, dropped connections, cut-off JSON) a bounded number of times, and turns
/// everything else into an `OktaError` that says what to do. The token is sent only to the org
/// over https (plain http only to loopback) and never across a redirect to another host.
public final class OktaClient: Sendable {
    /// Tunables with safe defaults.
    public struct Options: Sendable {
        /// The share of each rate limit to use; Okta's own per-token default is also 50%.
        public var rateLimitShare: Double = 0.5
        /// Tries per request, the first included; two failures in a row are ordinary.
        public var maxAttempts: Int = 5
        /// Users per page; Okta's maximum is 200.
        public var pageSize: Int = 200
        /// Longest wait after a 429.
        public var maxRateLimitWait: TimeInterval = 90
        /// Backoff for 5xx and dropped connections.
        public var backoff = RetryBackoff()
        /// Bounds connecting and each silence while waiting for data.
        public var requestTimeout: TimeInterval = 20
        /// Bounds one whole request, transfer included.
        public var overallTimeout: TimeInterval = 60
        /// Stops a listing that never ends.
        public var maxPages: Int = 1_000_000

        public init() {}
    }

    public let org: OrgAddress
    public let options: Options
    private let token: APIToken
    private let session: URLSession
    private let clock: any OktaClock
    private let logger: any LogSink
    private let random: @Sendable () -> Double
    private let state: Locked<State>

    private struct State {
        var pacer: RateLimitPacer
        var statistics = ClientStatistics()
    }

    /// Creates a client. `sessionConfiguration` lets the simulated org answer in-process.
    public init(
        org: OrgAddress, token: APIToken, options: Options = Options(),
        sessionConfiguration: URLSessionConfiguration = .ephemeral,
        clock: any OktaClock = SystemClock(), logger: any LogSink = NullLog(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.org = org
        self.token = token
        self.options = options
        self.clock = clock
        self.logger = logger
        self.random = random
        state = Locked(State(pacer: RateLimitPacer(share: options.rateLimitShare)))

        let configuration = sessionConfiguration
        configuration.timeoutIntervalForRequest = options.requestTimeout
        configuration.timeoutIntervalForResource = options.overallTimeout
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        session = URLSession(
            configuration: configuration, delegate: RedirectGuard(), delegateQueue: nil)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// What the client has done so far.
    public var statistics: ClientStatistics { state.withLock { $0.statistics } }

    /// The latest rate-limit headers of a bucket (e.g. `/api/v1/users`).
    public func rateLimit(bucket: String) -> RateLimitSnapshot? {
        state.withLock { $0.pacer.snapshot(bucket: bucket) }
    }

    /// Fetches and decodes one JSON resource of the org.
    public func get<Value: Decodable>(
        _ path: String, query: [URLQueryItem] = [], as type: Value.Type,
        authenticated: Bool = true
    ) async throws(OktaError) -> OktaResponse<Value> {
        try await get(org.url(path: path, query: query), as: type, authenticated: authenticated)
    }

    /// Fetches and decodes a JSON resource at an absolute URL (e.g. a `next` link).
    public func get<Value: Decodable>(
        _ url: URL, as type: Value.Type, authenticated: Bool = true
    ) async throws(OktaError) -> OktaResponse<Value> {
        let raw = try await send(url, authenticated: authenticated) { data in
            try OktaJSON.decode(Value.self, from: data)
        }
        return OktaResponse(
            value: raw.value, status: raw.status, headers: raw.headers,
            requestId: raw.headers.value(for: "X-Okta-Request-Id"))
    }

    /// Lists users page by page, following Okta's `next` links verbatim.
    ///
    /// - Parameter filter: an Okta `filter` expression. The plain list omits DEPROVISIONED
    ///   users, so a sync passes a filter that covers every status.
    public func listUsers(filter: String?) -> UserPages {
        var query = [URLQueryItem(name: "limit", value: String(options.pageSize))]
        if let filter { query.append(URLQueryItem(name: "filter", value: filter)) }
        return UserPages(client: self, firstURL: org.url(path: "/api/v1/users", query: query))
    }

    // MARK: - The request loop

    struct RawResponse<Value> {
        var value: Value
        var status: Int
        var headers: HTTPHeaders
    }

    func send<Value>(
        _ url: URL, authenticated: Bool, decode: (Data) throws -> Value
    ) async throws(OktaError) -> RawResponse<Value> {
        try checkDestination(url, authenticated: authenticated)
        let bucket = url.path
        var lastError = OktaError(.transport, host: url.host)

        for attempt in 1...max(1, options.maxAttempts) {
            if Task.isCancelled { throw OktaError(.cancelled) }
            try await pace(bucket: bucket)

            var request = URLRequest(url: url)
            request.httpMethod = "GET"
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            request.setValue(UserAgent.value, forHTTPHeaderField: "User-Agent")
            if authenticated {
                request.setValue("SSWS \(token.secret)", forHTTPHeaderField: "Authorization")
            }
            let started = clock.now
            state.withLock { $0.statistics.requests += 1 }

            let data: Data
            let response: HTTPURLResponse
            do {
                (data, response) = try await perform(request)
            } catch let error as OktaError {
                logger.log("GET \(url.path) failed: \(error.summary)")
                guard Self.isTransient(error.kind), attempt < options.maxAttempts else {
                    throw error
                }
                lastError = error
                try await backOff(attempt: attempt)
                continue
            } catch {
                throw OktaError(.cancelled)
            }

            let headers = HTTPHeaders(response)
            let requestId = headers.value(for: "X-Okta-Request-Id")
            let receivedAt = clock.now
            let snapshot = RateLimitSnapshot(headers: headers, receivedAt: receivedAt)
            state.withLock { state in
                if let snapshot { state.pacer.record(snapshot, bucket: bucket) }
                state.statistics.lastRateLimit = snapshot ?? state.statistics.lastRateLimit
            }
            let elapsed = String(format: "%.0f", receivedAt.timeIntervalSince(started) * 1000)
            logger.log(
                "GET \(url.path) -> \(response.statusCode) in \(elapsed) ms"
                    + " request-id=\(requestId ?? "-")"
                    + (snapshot.map { " rate=\($0.remaining)/\($0.limit)" } ?? ""))

            let status = response.statusCode
            if (200..<300).contains(status) {
                if authenticated { state.withLock { $0.statistics.tokenLastUsed = receivedAt } }
                guard Self.isJSON(headers) else {
                    throw OktaError(
                        .notAnOktaOrg, httpStatus: status, requestId: requestId, host: url.host)
                }
                do {
                    return RawResponse(value: try decode(data), status: status, headers: headers)
                } catch {
                    lastError = OktaError(
                        .malformedResponse, httpStatus: status, requestId: requestId,
                        host: url.host, detail: "\(error)")
                    logger.log("GET \(url.path): unreadable JSON (\(data.count) bytes), retrying")
                    guard attempt < options.maxAttempts else { throw lastError }
                    try await backOff(attempt: attempt)
                    continue
                }
            }

            let body =
                Self.isJSON(headers)
                ? try? OktaJSON.decoder.decode(
                    OktaErrorBody.self, from: data) : nil
            let error = OktaError.classify(
                status: status, errorCode: body?.errorCode, errorSummary: body?.errorSummary,
                requestId: requestId, host: url.host)
            if authenticated, error.kind != .tokenRejected {
                state.withLock { $0.statistics.tokenLastUsed = receivedAt }
            }

            switch error.kind {
            case .rateLimited:
                state.withLock { $0.statistics.rateLimitedResponses += 1 }
                guard attempt < options.maxAttempts else { throw error }
                let delay = RateLimitPacer.waitAfterTooManyRequests(
                    snapshot, attempt: attempt, cap: options.maxRateLimitWait,
                    backoff: options.backoff, random: random())
                logger.log("429 on \(url.path); waiting \(String(format: "%.1f", delay)) s")
                try await wait(seconds: delay, countsAsRateLimit: true)
            case .serverError:
                guard attempt < options.maxAttempts else { throw error }
                lastError = error
                try await backOff(attempt: attempt)
            default:
                throw error
            }
        }
        throw lastError
    }

    private func pace(bucket: String) async throws(OktaError) {
        let delay = state.withLock { $0.pacer.delay(bucket: bucket, now: clock.now) }
        if delay > 0 {
            try await wait(seconds: min(delay, options.maxRateLimitWait), countsAsRateLimit: true)
        }
    }

    private func backOff(attempt: Int) async throws(OktaError) {
        state.withLock { $0.statistics.retries += 1 }
        try await wait(
            seconds: options.backoff.delay(attempt: attempt, random: random()),
            countsAsRateLimit: false)
    }

    private func wait(seconds: TimeInterval, countsAsRateLimit: Bool) async throws(OktaError) {
        let pending = PendingWait(
            reason: countsAsRateLimit ? .rateLimit : .retry,
            until: clock.now.addingTimeInterval(seconds))
        state.withLock {
            if countsAsRateLimit { $0.statistics.rateLimitWaitSeconds += seconds }
            $0.statistics.waiting = pending
        }
        defer { state.withLock { $0.statistics.waiting = nil } }
        do {
            try await clock.sleep(seconds: seconds)
        } catch {
            throw OktaError(.cancelled)
        }
    }

    /// The token goes only to the org's own origin, and only over https unless the host is
    /// loopback.
    private func checkDestination(_ url: URL, authenticated: Bool) throws(OktaError) {
        let host = url.host ?? ""
        let secure =
            url.scheme == "https" || (url.scheme == "http" && OrgAddress.isLoopbackHost(host))
        guard secure else {
            throw OktaError(
                .transport, host: host,
                detail: "refusing to send the token over plain http to \(host)")
        }
        guard authenticated, !Self.sameOrigin(url, org.origin) else { return }
        // Okta writes `next` links on the host the request used, which is always the org's
        // own origin here; anything else is refused rather than trusted with the token.
        throw OktaError(
            .transport, host: host,
            detail: "Okta pointed to another address (\(url.scheme ?? "")://\(host)"
                + "\(url.port.map { ":\($0)" } ?? "")); the token is not sent there")
    }

    /// Scheme, host and port all equal (a missing port means the scheme's default).
    static func sameOrigin(_ lhs: URL, _ rhs: URL) -> Bool {
        func port(_ url: URL) -> Int? { url.port ?? (url.scheme == "https" ? 443 : 80) }
        return lhs.scheme?.lowercased() == rhs.scheme?.lowercased()
            && lhs.host?.lowercased() == rhs.host?.lowercased() && port(lhs) == port(rhs)
    }

    static func isTransient(_ kind: OktaError.Kind) -> Bool {
        kind == .timedOut || kind == .connectionLost
    }

    static func isJSON(_ headers: HTTPHeaders) -> Bool {
        guard let type = headers.value(for: "Content-Type") else { return false }
        let media = type.split(separator: ";").first?.trimmingCharacters(in: .whitespaces)
        return media?.lowercased() == "application/json"
    }

    /// Runs one request, cancellable, mapping transport failures to `OktaError`.
    private func perform(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let host = request.url?.host
        let taskBox = Locked<URLSessionDataTask?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: Self.classify(error, host: host))
                    } else if let response = response as? HTTPURLResponse {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(
                            throwing: OktaError(.transport, host: host, detail: "no response"))
                    }
                }
                taskBox.withLock { $0 = task }
                task.resume()
            }
        } onCancel: {
            taskBox.withLock { $0?.cancel() }
        }
    }

    static func classify(_ error: Error, host: String?) -> OktaError {
        guard let urlError = error as? URLError else {
            return OktaError(.transport, host: host, detail: "\(error)")
        }
        let detail = urlError.localizedDescription
        switch urlError.code {
        case .cancelled: return OktaError(.cancelled, host: host)
        case .cannotFindHost, .dnsLookupFailed: return OktaError(.cannotResolveHost, host: host)
        case .cannotConnectToHost: return OktaError(.connectionRefused, host: host, detail: detail)
        case .timedOut: return OktaError(.timedOut, host: host)
        case .networkConnectionLost: return OktaError(.connectionLost, host: host)
        case .notConnectedToInternet, .dataNotAllowed, .internationalRoamingOff:
            return OktaError(.offline, host: host)
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid,
            .clientCertificateRejected, .clientCertificateRequired:
            return OktaError(.tlsFailure, host: host, detail: detail)
        case .badURL where (host ?? "").contains(":"):
            // FIXME: FoundationNetworking on Linux cannot reach IPv6 address literals such as
            // [::1]; OrgAddress accepts them (they are loopback) but requests fail here.
            return OktaError(
                .transport, host: host,
                detail: "IPv6 address literals cannot be reached here; use 127.0.0.1 or localhost")
        // FoundationNetworking reports a body cut off mid-transfer as `.unknown`.
        case .badServerResponse, .cannotParseResponse, .zeroByteResource, .unknown:
            return OktaError(.connectionLost, host: host, detail: detail)
        default:
            return OktaError(.transport, host: host, detail: detail)
        }
    }
}

/// A decoded response with the headers that matter for support and pacing.
public struct OktaResponse<Value> {
    public var value: Value
    public var status: Int
    public var headers: HTTPHeaders
    /// `X-Okta-Request-Id`, the id Okta support asks for.
    public var requestId: String?
}

extension OktaResponse: Sendable where Value: Sendable {}

/// What a client has done, for progress displays and sync summaries.
public struct ClientStatistics: Sendable, Equatable {
    public var requests = 0
    public var rateLimitedResponses = 0
    public var retries = 0
    public var rateLimitWaitSeconds: TimeInterval = 0
    public var lastRateLimit: RateLimitSnapshot?
    /// When Okta last accepted the token; each use restarts its 30-day expiry.
    public var tokenLastUsed: Date?
    /// The wait in progress, if the client is waiting right now; progress displays show it so
    /// that a long rate-limit wait does not look like a hang.
    public var waiting: PendingWait?
    public init() {}
}

/// A wait the client is sitting out before its next request.
public struct PendingWait: Sendable, Equatable {
    public enum Reason: String, Sendable {
        /// Pacing under the rate limit, or a 429's reset.
        case rateLimit
        /// Backing off after a 5xx, a dropped connection or a cut-off answer.
        case retry
    }
    public var reason: Reason
    /// When the next request goes out (the client's clock).
    public var until: Date
}

/// Okta's error body: only `errorCode` is meant for decisions.
struct OktaErrorBody: Decodable {
    var errorCode: String?
    var errorSummary: String?
    var errorId: String?
}

/// JSON decoding as Okta needs it (dates are decoded by the models themselves).
enum OktaJSON {
    static var decoder: JSONDecoder { JSONDecoder() }

    /// Decodes `type`, taking the fast path for user pages (`OktaUser.decodeList`), which
    /// returns nil whenever only `JSONDecoder` can decide, so results never differ.
    static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        if type == [OktaUser].self, let users = OktaUser.decodeList(data) as? Value {
            return users
        }
        return try decoder.decode(type, from: data)
    }
}

/// Strips the Authorization header from a redirect that leaves the original origin.
///
/// FoundationNetworking forwards it to any host otherwise; only a session-level delegate is
/// consulted for redirects on Linux.
final class RedirectGuard: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        var request = request
        let from = task.originalRequest?.url
        let to = request.url
        if from?.host?.lowercased() != to?.host?.lowercased() || from?.port != to?.port
            || from?.scheme != to?.scheme
        {
            request.setValue(nil, forHTTPHeaderField: "Authorization")
        }
        completionHandler(request)
    }
}
