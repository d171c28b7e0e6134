import Foundation
import OktaCore

/// A deterministic simulated Okta org: users, pagination, filters, errors and rate limits as
/// `okta-api.md` describes them, for tests, the benchmark and `okta-connect --demo`.
///
/// Users are never stored: user `i` is recomputed from `(seed, i)` whenever it is served, and
/// only users changed or added after creation live in an overlay, so a million-user org costs a
/// few kilobytes and serving a page costs O(page size + overlay). The org is thread-safe; tests
/// flip its scenario switches (rate limits, 5xx, token expiry, truncated pages, HTML answers,
/// small admin roles, latency) while a client talks to it.
public final class SimulatedOrg: Sendable {
    /// What the org looks like when it is created.
    public struct Configuration: Sendable, CustomStringConvertible {
        /// Users at creation, including the token's admin (user 0). At least 1.
        public var userCount: Int
        /// Same seed, same users.
        public var seed: UInt64
        /// The API token the org accepts (`Authorization: SSWS <token>`).
        public var token: String
        /// The org's canonical host, e.g. `acme.okta.com`; it answers requests for this host.
        public var host: String
        public var companyName: String
        /// The domain of users' logins and e-mail addresses.
        public var emailDomain: String
        /// nil: no limit is enforced (headers still report a generous one).
        public var rateLimit: RateLimitRule?
        /// How long each answer takes to arrive (applied by the transports).
        public var latency: Duration
        /// The org's clock for `Date`, rate-limit windows and mutations; the real clock unless
        /// a test injects one.
        public var clock: @Sendable () -> Date
        /// The org's creation time: every base user predates it. nil: the clock's current day
        /// at 00:00 UTC, so an org built twice on the same day is identical.
        public var createdAt: Date?

        /// - Parameter host: defaults to a unique `sim-…​.okta.com` host so that orgs built by
        ///   parallel tests never share a host in the URL-protocol registry.
        public init(
            userCount: Int = 500, seed: UInt64 = 1, token: String = SimulatedOrg.demoToken,
            host: String? = nil, companyName: String = "Acme Corporation",
            emailDomain: String = "example.com", rateLimit: RateLimitRule? = nil,
            latency: Duration = .zero, clock: @escaping @Sendable () -> Date = { Date() },
            createdAt: Date? = nil
        ) {
            self.userCount = max(userCount, 1)
            self.seed = seed
            self.token = token
            self.host =
                host ?? "sim-\(String(UInt32.random(in: .min ... .max), radix: 16)).okta.com"
            self.companyName = companyName
            self.emailDomain = emailDomain
            self.rateLimit = rateLimit
            self.latency = latency
            self.clock = clock
            self.createdAt = createdAt
        }

        /// Describes the org without the token.
        public var description: String {
            "SimulatedOrg(host: \(host), users: \(userCount), seed: \(seed), token: ****)"
        }
    }

    /// A realistic-looking fake API token (42 characters starting with `00`), shown in `--demo`.
    public static let demoToken = "00dEmO7sIm4ulAtEd9oRg2tOkEn5nOt8rEaL1xYz3Q"
    /// The host of the demo org.
    public static let demoHost = "acme.okta.com"
    /// Okta's documented maximum page size for `GET /api/v1/users`.
    public static let maximumPageSize = 200
    /// Search results past this position are refused, as reported for Okta.
    public static let searchResultCap = 50_000
    /// The limit reported in headers when no rate limit is enforced.
    public static let unlimitedHeaderLimit = 100_000

    /// The demo org: about 2,500 users, the demo token and host, mild latency.
    public static func demo() -> SimulatedOrg {
        SimulatedOrg(
            Configuration(
                userCount: 2_500, seed: 20_240_601, token: demoToken, host: demoHost,
                latency: .milliseconds(30)))
    }

    public let configuration: Configuration
    let generator: SimulatedUserGenerator
    let orgID: String
    let createdAt: Int64
    let requestSalt = UInt64.random(in: .min ... .max)
    let state: Locked<State>

    public init(_ configuration: Configuration) {
        self.configuration = configuration
        let now = configuration.clock().timeIntervalSince1970
        let reference =
            configuration.createdAt.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
            ?? Int64((now / 86_400).rounded(.down)) * 86_400
        createdAt = reference
        generator = SimulatedUserGenerator(
            seed: configuration.seed, baseCount: configuration.userCount, reference: reference,
            emailDomain: configuration.emailDomain)
        orgID =
            "00o"
            + DeterministicHash.alphanumerics(
                DeterministicHash.mix(configuration.seed ^ 0x0126), count: 17)
        state = Locked(State(rateLimit: configuration.rateLimit, latency: configuration.latency))
    }

    /// Everything that changes after creation, guarded by one lock.
    struct State {
        var rateLimit: RateLimitRule?
        var latency: Duration
        var overlays: [Int: UserOverlay] = [:]
        var overlayOrder: [Int] = []
        var overlayOrderIsStale = false
        var addedCount = 0
        var windows: [RateLimitBucket: (start: Int64, used: Int)] = [:]
        var pendingFailures: [TransientFailure] = []
        var concurrencyRejections = 0
        var tokenRequestsLeft: Int?
        var truncatedPages = 0
        var servesHTML = false
        var isReadOnlyAdmin = false
        var canListUsers = true
        var touchGeneration: UInt64 = 0
        var serial: UInt64 = 0
        var requestCount = 0
        var rateLimitedCount = 0
        var requestLog: [String] = []

        mutating func sortedOverlay() -> [Int] {
            if overlayOrderIsStale {
                overlayOrder = overlays.keys.sorted()
                overlayOrderIsStale = false
            }
            return overlayOrder
        }
    }

    /// The org's "now" in whole epoch seconds.
    func currentSecond() -> Int64 {
        Int64(configuration.clock().timeIntervalSince1970.rounded(.down))
    }

    /// Request-log entries kept; older ones are dropped so a long demo stays small.
    static let requestLogCapacity = 20_000
}
