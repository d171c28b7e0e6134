import Foundation
import OktaCore

/// Scenario switches: faults and limits a test turns on while a client talks to the org.
extension SimulatedOrg {
    /// The enforced rate limit (per bucket), or nil for none. Takes effect on the next request.
    public var rateLimit: RateLimitRule? {
        get { state.withLock { $0.rateLimit } }
        set {
            state.withLock {
                $0.rateLimit = newValue; $0.windows = [:]
            }
        }
    }

    /// How long each answer takes to arrive; applied by the URL protocol and loopback server.
    public var latency: Duration {
        get { state.withLock { $0.latency } }
        set { state.withLock { $0.latency = newValue } }
    }

    /// When true every request, `/.well-known` included, gets a 200 `text/html` sign-in page,
    /// as when a domain points at something that is not an Okta org.
    public var servesHTML: Bool {
        get { state.withLock { $0.servesHTML } }
        set { state.withLock { $0.servesHTML = newValue } }
    }

    /// When true the token's admin may not read `/api/v1/org` (403 E0000006).
    public var isReadOnlyAdmin: Bool {
        get { state.withLock { $0.isReadOnlyAdmin } }
        set { state.withLock { $0.isReadOnlyAdmin = newValue } }
    }

    /// When false the token's admin may not list users (403 E0000006 on `/api/v1/users`).
    public var canListUsers: Bool {
        get { state.withLock { $0.canListUsers } }
        set { state.withLock { $0.canListUsers = newValue } }
    }

    /// The next `count` requests fail with `failure` (before rate limiting and authentication).
    public func failNextRequests(_ count: Int, with failure: TransientFailure) {
        state.withLock { $0.pendingFailures += Array(repeating: failure, count: max(count, 0)) }
    }

    /// The next `count` requests get a concurrency 429: E0000047 with `X-Rate-Limit-Limit` and
    /// `-Remaining` both 0 and a pessimistic reset a minute away, as Okta answers when too many
    /// requests are in flight.
    public func rejectNextRequestsForConcurrency(_ count: Int) {
        state.withLock { $0.concurrencyRejections += max(count, 0) }
    }

    /// The token stays valid for `count` more authenticated requests, then every authenticated
    /// request gets 401 E0000011 (0 expires it now).
    public func expireToken(afterRequests count: Int) {
        state.withLock { $0.tokenRequestsLeft = max(count, 0) }
    }

    /// The token is valid again (as after a Reconnect with a new token in a real org).
    public func renewToken() {
        state.withLock { $0.tokenRequestsLeft = nil }
    }

    /// The next `count` successful users pages are cut in the middle of their JSON body.
    public func truncateNextUsersPages(_ count: Int = 1) {
        state.withLock { $0.truncatedPages += max(count, 0) }
    }
}

/// Mutations for incremental-sync tests; each sets the user's `lastUpdated` to the org's now.
extension SimulatedOrg {
    /// Adds `count` ACTIVE users created now; returns their ids (which sort after every other).
    @discardableResult
    public func addUsers(_ count: Int) -> [String] {
        let now = currentSecond()
        return state.withLock { state in
            (0..<max(count, 0)).map { _ in
                let index = configuration.userCount + state.addedCount
                state.addedCount += 1
                state.overlays[index] = UserOverlay(addedAt: now, lastUpdated: now)
                state.overlayOrder.append(index)
                return generator.id(index)
            }
        }
    }

    /// Sets or adds profile attributes of the user with `id`; false when there is no such user.
    @discardableResult
    public func updateProfile(ofUser id: String, _ changes: [String: JSONValue]) -> Bool {
        mutate(id) { overlay, _ in
            overlay.profileChanges.merge(changes) { $1 }
        }
    }

    /// Changes the user's status (e.g. to `DEPROVISIONED`), setting `statusChanged` to now.
    @discardableResult
    public func setStatus(ofUser id: String, to status: String) -> Bool {
        mutate(id) { overlay, now in
            overlay.status = status
            overlay.statusChanged = now
        }
    }

    /// Deactivates the user: status `DEPROVISIONED`.
    @discardableResult
    public func deactivateUser(_ id: String) -> Bool {
        setStatus(ofUser: id, to: "DEPROVISIONED")
    }

    /// Changes the cost centre of a deterministic `fraction` of all users (0.01 = 1%), as a
    /// bulk HR import would; returns the ids of the changed users in id order.
    @discardableResult
    public func touchUsers(fraction: Double) -> [String] {
        let now = currentSecond()
        return state.withLock { state in
            state.touchGeneration += 1
            let salt = 0x7000 + state.touchGeneration
            let total = configuration.userCount + state.addedCount
            var touched: [String] = []
            for index in 0..<total where generator.hash.unit(index, salt) < fraction {
                var overlay = state.overlays[index] ?? UserOverlay(lastUpdated: now)
                overlay.lastUpdated = now
                overlay.profileChanges["costCenter"] = .string("CC-\(2000 + state.touchGeneration)")
                if state.overlays.updateValue(overlay, forKey: index) == nil {
                    state.overlayOrderIsStale = true
                }
                touched.append(generator.id(index))
            }
            return touched
        }
    }

    private func mutate(_ id: String, _ change: (inout UserOverlay, Int64) -> Void) -> Bool {
        let now = currentSecond()
        return state.withLock { state in
            guard let index = generator.index(ofID: id),
                index < configuration.userCount + state.addedCount
            else { return false }
            var overlay = state.overlays[index] ?? UserOverlay(lastUpdated: now)
            change(&overlay, now)
            overlay.lastUpdated = now
            if state.overlays.updateValue(overlay, forKey: index) == nil {
                state.overlayOrderIsStale = true
            }
            return true
        }
    }
}

/// Introspection and the org's contents, for assertions and the benchmark.
extension SimulatedOrg {
    /// Requests answered so far (every kind, failures included).
    public var requestCount: Int { state.withLock { $0.requestCount } }

    /// 429 answers served so far (rate limit and concurrency).
    public var rateLimitedCount: Int { state.withLock { $0.rateLimitedCount } }

    /// `METHOD /path?query` of recent requests, oldest first; never header values.
    public var requestLog: [String] { state.withLock { $0.requestLog } }

    /// Clears the request counters and log (not the scenario switches or mutations).
    public func resetStatistics() {
        state.withLock { state in
            state.requestCount = 0
            state.rateLimitedCount = 0
            state.requestLog = []
        }
    }

    /// Every user the org holds, DEPROVISIONED included.
    public var userCount: Int { state.withLock { configuration.userCount + $0.addedCount } }

    /// The admin who owns the token (`/api/v1/users/me`).
    public var tokenOwner: OktaUser { user(at: 0) ?? generator.record(0).oktaUser }

    /// User number `index` (0 ..< userCount) in id order, with every mutation applied.
    public func user(at index: Int) -> OktaUser? {
        let overlay: UserOverlay?? = state.withLock { state in
            index >= 0 && index < configuration.userCount + state.addedCount
                ? .some(state.overlays[index]) : nil
        }
        guard let overlay else { return nil }
        return SimulatedUserFacts.record(index, generator: generator, overlay: overlay).oktaUser
    }

    /// The user with `id`, or nil.
    public func user(id: String) -> OktaUser? {
        generator.index(ofID: id).flatMap { user(at: $0) }
    }

    /// Calls `body` with every user in id order without holding them all in memory.
    public func forEachUser(_ body: (OktaUser) throws -> Void) rethrows {
        let (overlays, total) = state.withLock {
            ($0.overlays, configuration.userCount + $0.addedCount)
        }
        for index in 0..<total {
            try body(
                SimulatedUserFacts.record(index, generator: generator, overlay: overlays[index])
                    .oktaUser)
        }
    }
}
