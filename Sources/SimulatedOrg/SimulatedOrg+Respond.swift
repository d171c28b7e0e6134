import Foundation
import OktaCore

extension SimulatedOrg {
    /// The pure request handler: answers one request as the org would, and records it.
    ///
    /// Scenario switches are applied in this order: HTML answers, queued transient failures,
    /// concurrency 429s, the rate limit, authentication (and token expiry), then the endpoint.
    public func respond(to request: SimulatedRequest) -> SimulatedResponse {
        let now = configuration.clock()
        let second = Int64(now.timeIntervalSince1970.rounded(.down))
        let route = Route(method: request.method, path: request.url.path)
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let logEntry = request.url.path + (components?.percentEncodedQuery.map { "?" + $0 } ?? "")
        let admission = state.withLock { state in
            admit(route: route, request: request, second: second, logEntry: logEntry, &state)
        }
        let exchange = Exchange(
            org: self, now: now, serial: admission.serial, origin: origin(of: request.url),
            rate: admission.rate)
        var response: SimulatedResponse
        switch admission.outcome {
        case .html:
            response = exchange.html(status: 200, Self.signInPage, oktaHeaders: false)
        case .failure(let failure):
            response = exchange.failure(failure)
        case .rateLimited:
            response = exchange.error(
                429, "E0000047", "API call exceeded rate limit due to too many requests.")
        case .unauthorized:
            response = exchange.error(401, "E0000011", "Invalid token provided")
        case .serve(let snapshot):
            response = serve(route, components: components, snapshot: snapshot, exchange)
        }
        response.delay = admission.latency
        return response
    }

    // MARK: Admission

    enum Route: Equatable {
        case wellKnown, usersList, usersMe, user(String), org, unknownAPI, page
        case wrongMethod

        init(method: String, path: String) {
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            let route: Route
            switch trimmed {
            case "/.well-known/okta-organization": route = .wellKnown
            case "/api/v1/users": route = .usersList
            case "/api/v1/users/me": route = .usersMe
            case "/api/v1/org": route = .org
            case _
            where trimmed.hasPrefix("/api/v1/users/")
                && !trimmed.dropFirst(14).contains("/"):
                route = .user(String(trimmed.dropFirst(14)))
            case _ where trimmed.hasPrefix("/api/"): route = .unknownAPI
            default: route = .page
            }
            if method.uppercased() != "GET", route != .unknownAPI, route != .page {
                self = .wrongMethod
            } else {
                self = route
            }
        }

        var bucket: RateLimitBucket {
            switch self {
            case .usersList: return .usersList
            case .usersMe: return .usersMe
            case .org: return .org
            default: return .other
            }
        }

        var needsToken: Bool {
            switch self {
            case .wellKnown, .page: return false
            default: return true
            }
        }
    }

    /// The rate-limit header values of one response.
    struct RateHeaders {
        var limit: Int
        var remaining: Int
        var reset: Int64
    }

    /// What the org state allows for one request, decided under the lock.
    struct Admission {
        enum Outcome {
            case html, failure(TransientFailure), rateLimited, unauthorized, serve(Snapshot)
        }
        var outcome: Outcome
        var serial: UInt64
        var rate: RateHeaders
        var latency: Duration
    }

    /// The parts of the state an answer reads, copied under the lock (copy-on-write, cheap).
    struct Snapshot {
        var overlays: [Int: UserOverlay]
        var overlayOrder: [Int]
        var userCount: Int
        var isReadOnlyAdmin: Bool
        var canListUsers: Bool
        var truncatesPage: Bool
    }

    private func admit(
        route: Route, request: SimulatedRequest, second: Int64, logEntry: String,
        _ state: inout State
    ) -> Admission {
        state.serial += 1
        state.requestCount += 1
        state.requestLog.append(request.method.uppercased() + " " + logEntry)
        if state.requestLog.count > Self.requestLogCapacity {
            state.requestLog.removeFirst(state.requestLog.count / 2)
        }
        var admission = Admission(
            outcome: .html, serial: state.serial,
            rate: RateHeaders(limit: 0, remaining: 0, reset: second + 60), latency: state.latency)
        if state.servesHTML { return admission }
        if !state.pendingFailures.isEmpty {
            admission.rate = peekRate(route.bucket, second, state)
            admission.outcome = .failure(state.pendingFailures.removeFirst())
            return admission
        }
        if state.concurrencyRejections > 0 {
            state.concurrencyRejections -= 1
            state.rateLimitedCount += 1
            admission.outcome = .rateLimited
            return admission
        }
        guard let rate = consumeRate(route.bucket, second, &state) else {
            state.rateLimitedCount += 1
            admission.rate = peekRate(route.bucket, second, state)
            admission.outcome = .rateLimited
            return admission
        }
        admission.rate = rate
        if route.needsToken {
            let presented = request.value(forHeader: "Authorization")
            guard presented == "SSWS " + configuration.token, state.tokenRequestsLeft != 0 else {
                admission.outcome = .unauthorized
                return admission
            }
            if let left = state.tokenRequestsLeft { state.tokenRequestsLeft = left - 1 }
        }
        var truncates = false
        if route == .usersList, state.truncatedPages > 0, state.canListUsers {
            state.truncatedPages -= 1
            truncates = true
        }
        admission.outcome = .serve(
            Snapshot(
                overlays: state.overlays, overlayOrder: state.sortedOverlay(),
                userCount: configuration.userCount + state.addedCount,
                isReadOnlyAdmin: state.isReadOnlyAdmin, canListUsers: state.canListUsers,
                truncatesPage: truncates))
        return admission
    }

    private func window(_ second: Int64, _ rule: RateLimitRule) -> Int64 {
        let length = Int64(rule.windowSeconds)
        return (second >= 0 ? second / length : (second - length + 1) / length) * length
    }

    /// Counts one request against its bucket; nil when the bucket is exhausted.
    private func consumeRate(_ bucket: RateLimitBucket, _ second: Int64, _ state: inout State)
        -> RateHeaders?
    {
        let rule = state.rateLimit ?? RateLimitRule(limit: Self.unlimitedHeaderLimit)
        let start = window(second, rule)
        var current = state.windows[bucket] ?? (start, 0)
        if current.start != start { current = (start, 0) }
        if state.rateLimit != nil, current.used >= rule.limit { return nil }
        current.used += 1
        state.windows[bucket] = current
        return RateHeaders(
            limit: rule.limit, remaining: max(rule.limit - current.used, 0),
            reset: start + Int64(rule.windowSeconds))
    }

    private func peekRate(_ bucket: RateLimitBucket, _ second: Int64, _ state: State)
        -> RateHeaders
    {
        let rule = state.rateLimit ?? RateLimitRule(limit: Self.unlimitedHeaderLimit)
        let start = window(second, rule)
        let used = state.windows[bucket].map { $0.start == start ? $0.used : 0 } ?? 0
        return RateHeaders(
            limit: rule.limit, remaining: max(rule.limit - used, 0),
            reset: start + Int64(rule.windowSeconds))
    }

    /// The origin the org writes into links: the request's own origin (so loopback works),
    /// except that the admin-console host maps to the canonical host as Okta does.
    func origin(of url: URL) -> String {
        let host = url.host ?? configuration.host
        let scheme = url.scheme ?? "https"
        let labels = configuration.host.split(separator: ".", maxSplits: 1)
        if labels.count == 2, host.lowercased() == "\(labels[0])-admin.\(labels[1])".lowercased() {
            return "https://" + configuration.host
        }
        if let port = url.port { return "\(scheme)://\(host):\(port)" }
        return "\(scheme)://\(host)"
    }

    // MARK: Endpoints

    private func serve(
        _ route: Route, components: URLComponents?, snapshot: Snapshot, _ exchange: Exchange
    ) -> SimulatedResponse {
        switch route {
        case .wellKnown:
            var json = JSONWriter()
            json.raw("{\"id\":")
            json.string(orgID)
            json.raw(",\"pipeline\":\"idx\",\"_links\":{\"organization\":{\"href\":")
            json.string(exchange.origin)
            json.raw("}}}")
            return exchange.json(200, json.data)
        case .usersMe:
            return exchange.json(200, userJSON(0, snapshot, origin: exchange.origin))
        case .user(let idOrLogin):
            guard let index = userIndex(idOrLogin: idOrLogin, snapshot) else {
                return exchange.error(
                    404, "E0000007", "Not found: Resource not found: \(idOrLogin) (User)")
            }
            return exchange.json(200, userJSON(index, snapshot, origin: exchange.origin))
        case .usersList:
            guard snapshot.canListUsers else { return exchange.forbidden() }
            return listUsers(
                OktaQueryString.parse(components?.percentEncodedQuery), snapshot, exchange)
        case .org:
            guard !snapshot.isReadOnlyAdmin else { return exchange.forbidden() }
            return exchange.json(200, orgJSON(origin: exchange.origin))
        case .wrongMethod:
            return exchange.error(
                405, "E0000022", "The endpoint does not support the provided HTTP method")
        case .unknownAPI:
            return exchange.error(
                404, "E0000022", "The endpoint does not support the provided HTTP method")
        case .page:
            return exchange.html(status: 404, Self.notFoundPage, oktaHeaders: true)
        }
    }

    func userJSON(_ index: Int, _ snapshot: Snapshot, origin: String) -> Data {
        var json = JSONWriter()
        SimulatedUserFacts.record(index, generator: generator, overlay: snapshot.overlays[index])
            .writeJSON(into: &json, origin: origin)
        return json.data
    }

    func userIndex(idOrLogin: String, _ snapshot: Snapshot) -> Int? {
        if let index = generator.index(ofID: idOrLogin) {
            return index < snapshot.userCount ? index : nil
        }
        let wanted = idOrLogin.lowercased()
        for index in snapshot.overlayOrder {
            if case .string(let login) = snapshot.overlays[index]?.profileChanges["login"] {
                if login.lowercased() == wanted { return index }
            }
        }
        guard let index = generator.index(ofLogin: wanted, caseSensitive: false),
            index < snapshot.userCount, snapshot.overlays[index]?.profileChanges["login"] == nil
        else { return nil }
        return index
    }

    private func orgJSON(origin: String) -> Data {
        var json = JSONWriter()
        json.raw("{\"id\":")
        json.string(orgID)
        json.raw(",\"subdomain\":")
        json.string(String(configuration.host.split(separator: ".").first ?? ""))
        json.raw(",\"companyName\":")
        json.string(configuration.companyName)
        json.raw(",\"status\":\"ACTIVE\",\"expiresAt\":null,\"created\":")
        json.string(OktaTimestamp.format(createdAt - 6 * SimulatedUserGenerator.year))
        json.raw(",\"lastUpdated\":")
        json.string(OktaTimestamp.format(createdAt - SimulatedUserGenerator.day))
        json.raw(",\"website\":\"https://www.example.com\",\"phoneNumber\":\"+1 555 0100\"")
        json.raw(",\"endUserSupportHelpURL\":\"\",\"supportPhoneNumber\":\"\",\"address1\":null")
        json.raw(",\"address2\":null,\"city\":null,\"state\":null,\"country\":null")
        json.raw(",\"postalCode\":null,\"_links\":{\"preferences\":{\"href\":")
        json.string(origin + "/api/v1/org/preferences")
        json.raw("},\"contacts\":{\"href\":")
        json.string(origin + "/api/v1/org/contacts")
        json.raw("}}}")
        return json.data
    }

    static let signInPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Sign In</title></head>
        <body><div id="signin-container"><h1>Sign In</h1>
        <form method="post"><input name="username"><input name="password" type="password">
        </form></div></body></html>

        """

    static let notFoundPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>404 - Page Not Found</title></head>
        <body><h1>404</h1><p>The page you are looking for can't be found.</p></body></html>

        """

    static let badGatewayPage = """
        <html>
        <head><title>502 Bad Gateway</title></head>
        <body>
        <center><h1>502 Bad Gateway</h1></center>
        <hr><center>nginx</center>
        </body>
        </html>

        """
}
