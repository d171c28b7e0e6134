import Foundation

/// Paces requests so that a long listing stays inside a share of Okta's rate limit instead of
/// running into 429s.
///
/// Okta resets each bucket at `X-Rate-Limit-Reset` (server clock). The pacer lets requests run
/// until the bucket's use reaches `share × limit`, then waits for the reset. `Date` has only
/// one-second resolution, so the pacer keeps a lower bound of the server clock's offset from
/// the local one (each response proves the server clock had reached its `Date`); waking at
/// `reset − offset` is then never early and, after a few responses, barely late.
public struct RateLimitPacer: Sendable {
    /// The share of each bucket's limit this client may use (0 < share ≤ 1). Okta gives a new
    /// token 50% of the org's limit by default; the same default leaves room for other tools.
    public var share: Double
    /// Extra time added to every computed wait, to absorb scheduling jitter.
    public var margin: TimeInterval = 0.05

    private var snapshots: [String: RateLimitSnapshot] = [:]
    private var serverOffsetLowerBound: TimeInterval?

    public init(share: Double) {
        self.share = min(1, max(0.01, share))
    }

    /// The latest snapshot of a bucket.
    public func snapshot(bucket: String) -> RateLimitSnapshot? { snapshots[bucket] }

    /// Records the rate-limit headers of a response from `bucket`.
    public mutating func record(_ snapshot: RateLimitSnapshot, bucket: String) {
        snapshots[bucket] = snapshot
        guard let serverDate = snapshot.serverDate else { return }
        let sample = serverDate.timeIntervalSince(snapshot.receivedAt)
        if let bound = serverOffsetLowerBound, sample <= bound {
            // A sample far below the bound means the local clock jumped: start again.
            if sample < bound - 2 { serverOffsetLowerBound = sample }
        } else {
            serverOffsetLowerBound = sample
        }
    }

    /// The requests this client may make per window of `snapshot`'s bucket.
    public func allowance(of snapshot: RateLimitSnapshot) -> Int {
        max(1, Int((Double(snapshot.limit) * share).rounded(.down)))
    }

    /// How long to wait before the next request to `bucket`; 0 when it may go now.
    public func delay(bucket: String, now: Date) -> TimeInterval {
        guard let snapshot = snapshots[bucket], !snapshot.isConcurrencyLimit else { return 0 }
        let used = snapshot.limit - snapshot.remaining
        guard used >= allowance(of: snapshot) else { return 0 }
        return max(0, wakeTime(for: snapshot).timeIntervalSince(now))
    }

    /// The local time at which `snapshot`'s window has certainly reset on the server.
    func wakeTime(for snapshot: RateLimitSnapshot) -> Date {
        if let offset = serverOffsetLowerBound {
            return snapshot.reset.addingTimeInterval(-offset + margin)
        }
        return snapshot.receivedAt.addingTimeInterval(snapshot.secondsUntilReset + 1)
    }

    /// How long to wait after a 429, as Okta's SDKs do: `Reset − Date + 1` seconds on the
    /// server's clock, capped. A concurrency 429 (limit and remaining 0) carries only a
    /// pessimistic estimate, so it gets a short backoff instead of minutes.
    public static func waitAfterTooManyRequests(
        _ snapshot: RateLimitSnapshot?, attempt: Int, cap: TimeInterval, backoff: RetryBackoff,
        random: Double
    ) -> TimeInterval {
        guard let snapshot, !snapshot.isConcurrencyLimit else {
            return min(cap, backoff.delay(attempt: attempt, random: random))
        }
        return min(cap, max(1, snapshot.secondsUntilReset + 1))
    }
}

/// Capped exponential backoff with jitter, for 5xx answers and dropped connections.
public struct RetryBackoff: Sendable, Equatable {
    /// The first retry waits about this long.
    public var base: TimeInterval
    /// No single wait exceeds this.
    public var cap: TimeInterval

    public init(base: TimeInterval = 0.5, cap: TimeInterval = 8) {
        self.base = base
        self.cap = cap
    }

    /// The wait before retry number `attempt` (1-based); `random` in 0..<1 spreads clients
    /// apart ("equal jitter": between half and all of the exponential step).
    public func delay(attempt: Int, random: Double) -> TimeInterval {
        let step = min(cap, base * pow(2, Double(max(0, attempt - 1))))
        return step * (0.5 + 0.5 * random)
    }
}
