import Foundation
import OktaCore

/// What a running sync has done so far, sent after every stored page for the live line and
/// the TUI's sync screen.
public struct SyncProgress: Sendable, Equatable {
    public var mode: SyncRun.Mode
    /// Users received and stored so far in this run.
    public var users: Int
    public var pages: Int
    /// HTTP requests made, retries included.
    public var requests: Int
    /// 429 answers received.
    public var rateLimited: Int
    /// The rate-limit budget of the users endpoint from the latest response.
    public var rateLimitRemaining: Int?
    public var rateLimitLimit: Int?
    /// Seconds spent waiting because of rate limits (pacing and 429 back-off).
    public var rateLimitWaitSeconds: Double
    /// Seconds since the run started.
    public var elapsedSeconds: Double
    /// What the client is waiting for right now and how many seconds are left, if anything.
    public var waiting: (reason: PendingWait.Reason, seconds: Double)? {
        get { waitingState.map { ($0.reason, $0.seconds) } }
        set { waitingState = newValue.map { WaitingState(reason: $0.reason, seconds: $0.seconds) } }
    }
    var waitingState: WaitingState?

    struct WaitingState: Sendable, Equatable {
        var reason: PendingWait.Reason
        var seconds: Double
    }
    /// The total from the last complete full sync, when there is one (Okta sends no count).
    public var expectedTotal: Int?

    /// Throughput so far; 0 during the first instant.
    public var usersPerMinute: Double {
        elapsedSeconds > 0 ? Double(users) / elapsedSeconds * 60 : 0
    }

    /// Percent done (0…100) for a full sync when a previous complete full sync gives a total;
    /// nil otherwise, so nobody shows a made-up percentage.
    public var percent: Double? {
        guard mode == .full, let expectedTotal, expectedTotal > 0 else { return nil }
        return min(100, Double(users) / Double(expectedTotal) * 100)
    }

    /// One plain line for logs and non-terminal stderr, e.g.
    /// `sync: 12,400 users, 62 pages, 64 requests, rate limit 280/300, 1,830 users/min, 41%`.
    public var line: String {
        var parts = [
            Self.counted(users, "user"), Self.counted(pages, "page"),
            Self.counted(requests, "request"),
        ]
        if let remaining = rateLimitRemaining, let limit = rateLimitLimit {
            parts.append("rate limit \(remaining)/\(limit)")
        }
        if rateLimited > 0 { parts.append("\(rateLimited) × 429") }
        if rateLimitWaitSeconds >= 0.1 {
            parts.append(String(format: "waited %.1f s", rateLimitWaitSeconds))
        }
        parts.append("\(Self.grouped(Int(usersPerMinute))) users/min")
        if let percent { parts.append(String(format: "%.0f%%", percent)) }
        if let waiting {
            let what = waiting.reason == .rateLimit ? "for Okta's rate limit" : "before retrying"
            parts.append("waiting \(Int(max(1, waiting.seconds.rounded()))) s \(what)")
        }
        return "sync (\(mode.rawValue)): " + parts.joined(separator: ", ")
    }

    /// `1 page`, `2 pages`, `1,204 users`: a grouped count with its noun (`singular` + "s"
    /// unless `plural` is given).
    public static func counted(_ number: Int, _ singular: String, plural: String? = nil)
        -> String
    {
        "\(grouped(number)) " + (number == 1 ? singular : plural ?? singular + "s")
    }

    /// `1204` → `1,204`, independent of the process locale (output and fixtures stay stable).
    public static func grouped(_ number: Int) -> String {
        let digits = String(abs(number))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }
}
