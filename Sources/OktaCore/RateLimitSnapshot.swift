import Foundation

/// The `X-Rate-Limit-*` headers of one response, with the server's `Date`.
///
/// `X-Rate-Limit-Reset` is an absolute epoch second on the server's clock, so every wait is
/// computed against the server's `Date` header rather than the local clock, which may be off.
public struct RateLimitSnapshot: Sendable, Equatable {
    /// Requests allowed in the current window (`X-Rate-Limit-Limit`).
    public var limit: Int
    /// Requests left in the current window (`X-Rate-Limit-Remaining`).
    public var remaining: Int
    /// When the window resets, on the server's clock (`X-Rate-Limit-Reset`).
    public var reset: Date
    /// The server's `Date` header, when present.
    public var serverDate: Date?
    /// The local time at which the response arrived.
    public var receivedAt: Date

    public init(limit: Int, remaining: Int, reset: Date, serverDate: Date?, receivedAt: Date) {
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
        self.serverDate = serverDate
        self.receivedAt = receivedAt
    }

    /// Reads the headers; nil when any of the three is missing (503/504 may lack them).
    /// Duplicate `X-Rate-Limit-Reset` values (seen in the wild) resolve to the earliest.
    public init?(headers: HTTPHeaders, receivedAt: Date) {
        guard let limit = headers.values(for: "X-Rate-Limit-Limit").compactMap(Self.integer).min(),
            let remaining = headers.values(for: "X-Rate-Limit-Remaining")
                .compactMap(Self.integer).min(),
            let reset = headers.values(for: "X-Rate-Limit-Reset").compactMap(Self.integer).min()
        else { return nil }
        self.limit = limit
        self.remaining = remaining
        self.reset = Date(timeIntervalSince1970: TimeInterval(reset))
        self.serverDate = headers.value(for: "Date").flatMap(OktaDate.parseHTTPDate)
        self.receivedAt = receivedAt
    }

    /// Okta reports a concurrency 429 as limit 0 and remaining 0, with only an estimated reset.
    public var isConcurrencyLimit: Bool { limit == 0 && remaining == 0 }

    /// Seconds from this response until the window resets, on the server's clock
    /// (`Reset − Date`); falls back to the local clock only when `Date` is missing.
    public var secondsUntilReset: TimeInterval {
        reset.timeIntervalSince(serverDate ?? receivedAt)
    }

    private static func integer(_ text: String) -> Int? {
        text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.min()
    }
}
