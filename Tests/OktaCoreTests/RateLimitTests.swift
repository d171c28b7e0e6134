import Foundation
import OktaCore
import Testing

@Suite("Rate limits")
struct RateLimitTests {
    /// The recorded 429: Date Thu, 11 Sep 2025 16:21:50 GMT = 1757607710, Reset 1757607758.
    static let recordedDate = "Thu, 11 Sep 2025 16:21:50 GMT"
    static let recordedReset = 1_757_607_758

    func headers(limit: String = "10", remaining: String = "0", reset: [String], date: String?)
        -> HTTPHeaders
    {
        var fields: [(name: String, value: String)] = [
            ("X-Rate-Limit-Limit", limit), ("x-rate-limit-remaining", remaining),
        ]
        fields += reset.map { ("X-Rate-Limit-Reset", $0) }
        if let date { fields.append(("Date", date)) }
        return HTTPHeaders(fields)
    }

    @Test func http_date_parses_independent_of_locale() {
        #expect(
            OktaDate.parseHTTPDate(Self.recordedDate)
                == Date(timeIntervalSince1970: 1_757_607_710))
        #expect(
            OktaDate.formatHTTPDate(Date(timeIntervalSince1970: 1_757_607_710)) == Self.recordedDate
        )
    }

    @Test(arguments: [-600.0, -37.5, 0.0, 45.0, 3600.0])
    func wait_uses_server_date_not_local_clock(localSkew: TimeInterval) throws {
        let serverDate = Date(timeIntervalSince1970: 1_757_607_710)
        let local = serverDate.addingTimeInterval(localSkew)
        let snapshot = try #require(
            RateLimitSnapshot(
                headers: headers(reset: [String(Self.recordedReset)], date: Self.recordedDate),
                receivedAt: local))
        #expect(snapshot.secondsUntilReset == 48)
        let wait = RateLimitPacer.waitAfterTooManyRequests(
            snapshot, attempt: 1, cap: 90, backoff: RetryBackoff(), random: 0.5)
        #expect(wait == 49)
    }

    @Test func wait_is_capped() throws {
        let snapshot = try #require(
            RateLimitSnapshot(
                headers: headers(reset: ["1757611310"], date: Self.recordedDate),
                receivedAt: Date()))
        #expect(snapshot.secondsUntilReset == 3600)
        let wait = RateLimitPacer.waitAfterTooManyRequests(
            snapshot, attempt: 1, cap: 90, backoff: RetryBackoff(), random: 0.5)
        #expect(wait == 90)
    }

    @Test func reset_in_the_past_still_waits_a_second() throws {
        let snapshot = try #require(
            RateLimitSnapshot(
                headers: headers(reset: ["1757607700"], date: Self.recordedDate),
                receivedAt: Date()))
        let wait = RateLimitPacer.waitAfterTooManyRequests(
            snapshot, attempt: 1, cap: 90, backoff: RetryBackoff(), random: 0.5)
        #expect(wait == 1)
    }

    @Test func without_date_falls_back_to_the_local_clock() throws {
        let local = Date(timeIntervalSince1970: 1_757_607_718)
        let snapshot = try #require(
            RateLimitSnapshot(headers: headers(reset: ["1757607758"], date: nil), receivedAt: local)
        )
        #expect(snapshot.secondsUntilReset == 40)
    }

    @Test func missing_headers_give_no_snapshot() {
        let partial = HTTPHeaders([("X-Rate-Limit-Limit", "600"), ("Date", Self.recordedDate)])
        #expect(RateLimitSnapshot(headers: partial, receivedAt: Date()) == nil)
    }

    @Test func concurrency_429_gets_short_capped_backoff() throws {
        let snapshot = try #require(
            RateLimitSnapshot(
                headers: headers(
                    limit: "0", remaining: "0", reset: ["1757607830"],
                    date: Self.recordedDate),
                receivedAt: Date()))
        #expect(snapshot.isConcurrencyLimit)
        let backoff = RetryBackoff(base: 0.5, cap: 8)
        for attempt in 1...6 {
            let wait = RateLimitPacer.waitAfterTooManyRequests(
                snapshot, attempt: attempt, cap: 90, backoff: backoff, random: 0.99)
            #expect(wait <= 8)
            #expect(wait < snapshot.secondsUntilReset)
            #expect(wait == backoff.delay(attempt: attempt, random: 0.99))
        }
    }

    @Test func duplicate_reset_fields_take_the_earliest() throws {
        let separate = headers(reset: ["1757607790", "1757607758"], date: Self.recordedDate)
        let snapshot = try #require(RateLimitSnapshot(headers: separate, receivedAt: Date()))
        #expect(snapshot.reset == Date(timeIntervalSince1970: 1_757_607_758))
    }

    /// FoundationNetworking hands duplicate fields over joined with ", " (the loopback test
    /// shows it for Link); the snapshot must still read them.
    @Test func joined_duplicate_reset_fields_take_the_earliest() throws {
        let joined = headers(reset: ["1757607790, 1757607758"], date: Self.recordedDate)
        let snapshot = try #require(RateLimitSnapshot(headers: joined, receivedAt: Date()))
        #expect(snapshot.reset == Date(timeIntervalSince1970: 1_757_607_758))
        #expect(snapshot.secondsUntilReset == 48)
    }

    @Test func backoff_is_exponential_capped_and_jittered() {
        let backoff = RetryBackoff(base: 0.5, cap: 8)
        let steps: [TimeInterval] = [0.5, 1, 2, 4, 8, 8, 8]
        for (index, step) in steps.enumerated() {
            let attempt = index + 1
            #expect(backoff.delay(attempt: attempt, random: 0) == step / 2)
            #expect(backoff.delay(attempt: attempt, random: 0.999_999) <= step)
            #expect(backoff.delay(attempt: attempt, random: 0.999_999) > step * 0.99)
            for random in stride(from: 0.0, to: 1.0, by: 0.125) {
                let delay = backoff.delay(attempt: attempt, random: random)
                #expect(delay >= step / 2 && delay <= step)
            }
        }
        #expect(backoff.delay(attempt: 1, random: 0.2) != backoff.delay(attempt: 1, random: 0.8))
    }

    @Test func pacer_lets_requests_go_until_the_share_is_used() throws {
        var pacer = RateLimitPacer(share: 0.5)
        let now = Date(timeIntervalSince1970: 1_757_607_710)
        func snapshot(remaining: Int) -> RateLimitSnapshot {
            RateLimitSnapshot(
                limit: 600, remaining: remaining, reset: now.addingTimeInterval(30),
                serverDate: now, receivedAt: now)
        }
        pacer.record(snapshot(remaining: 301), bucket: "/api/v1/users")
        #expect(pacer.allowance(of: snapshot(remaining: 301)) == 300)
        #expect(pacer.delay(bucket: "/api/v1/users", now: now) == 0)
        pacer.record(snapshot(remaining: 300), bucket: "/api/v1/users")
        let delay = pacer.delay(bucket: "/api/v1/users", now: now)
        #expect(delay >= 30 && delay <= 31)
        #expect(pacer.delay(bucket: "/api/v1/org", now: now) == 0)
        #expect(pacer.delay(bucket: "/api/v1/users", now: now.addingTimeInterval(31.1)) == 0)
    }

    @Test(arguments: [0.5, 0.25, 1.0])
    func pacing_never_hits_a_fixed_window_server(share: Double) {
        for skew in [-312.7, 0.0, 0.4, 95.3] {
            var server = FixedWindowServer(limit: 100, window: 60, serverSkew: skew)
            var pacer = RateLimitPacer(share: share)
            var now = Date(timeIntervalSince1970: 1_800_000_000.3)
            let requests = 500
            for _ in 0..<requests {
                now.addTimeInterval(pacer.delay(bucket: "/api/v1/users", now: now))
                let snapshot = server.handle(localTime: now)
                pacer.record(snapshot, bucket: "/api/v1/users")
                now.addTimeInterval(0.05)
            }
            let allowance = Int((100 * share).rounded(.down))
            #expect(server.tooManyRequests == 0, "share \(share) skew \(skew)")
            #expect(server.perWindow.values.allSatisfy { $0 <= allowance })
            let needed = (requests + allowance - 1) / allowance
            #expect(server.perWindow.count == needed, "share \(share) skew \(skew)")
        }
    }
}

/// Okta's per-minute bucket as a server sees it: a counter per fixed window on the server's
/// own clock, 429 once the limit is used, `Date` with one-second resolution.
struct FixedWindowServer {
    var limit: Int
    var window: TimeInterval
    /// How far the server's clock is ahead of the client's.
    var serverSkew: TimeInterval
    var perWindow: [Int: Int] = [:]
    var tooManyRequests = 0

    init(limit: Int, window: TimeInterval, serverSkew: TimeInterval) {
        self.limit = limit
        self.window = window
        self.serverSkew = serverSkew
    }

    mutating func handle(localTime: Date) -> RateLimitSnapshot {
        let serverTime = localTime.timeIntervalSince1970 + serverSkew
        let index = Int((serverTime / window).rounded(.down))
        let used = perWindow[index, default: 0]
        if used >= limit {
            tooManyRequests += 1
        } else {
            perWindow[index] = used + 1
        }
        return RateLimitSnapshot(
            limit: limit, remaining: max(0, limit - perWindow[index, default: 0]),
            reset: Date(timeIntervalSince1970: Double(index + 1) * window),
            serverDate: Date(timeIntervalSince1970: serverTime.rounded(.down)),
            receivedAt: localTime)
    }
}
