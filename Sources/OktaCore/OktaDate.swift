import Foundation

/// Okta's ISO 8601 timestamps (`2026-01-31T09:15:00.000Z`) and HTTP `Date` headers.
///
/// The exact shapes Okta sends are parsed and formatted by hand: a sync handles six timestamps
/// per user plus a `Date` header per page, and Foundation's format styles and `DateFormatter`
/// cost microseconds each and pull ICU's data into memory. Anything else (offsets, other
/// fraction lengths, out-of-range fields) goes through Foundation exactly as before.
public enum OktaDate {
    /// Parses `2026-01-31T09:15:00.000Z`, with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        if let date = CivilTime.parseISO(text) { return date }
        if let date = try? Date(text, strategy: withFraction) { return date }
        return try? Date(text, strategy: withoutFraction)
    }

    /// Formats as Okta does, always with milliseconds: `2026-01-31T09:15:00.000Z`.
    public static func format(_ date: Date) -> String {
        CivilTime.formatISO(date) ?? date.formatted(withFraction)
    }

    /// Parses an RFC 1123 HTTP date (`Tue, 01 Dec 2026 10:00:00 GMT`) independent of locale.
    public static func parseHTTPDate(_ text: String) -> Date? {
        if let date = CivilTime.parseHTTP(text) { return date }
        return httpDateFormatter.withLock { $0.date(from: text) }
    }

    /// Formats an RFC 1123 HTTP date, for servers (the simulated org).
    public static func formatHTTPDate(_ date: Date) -> String {
        CivilTime.formatHTTP(date) ?? httpDateFormatter.withLock { $0.string(from: date) }
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    private static let httpDateFormatter = Locked<DateFormatter>(
        {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            return formatter
        }())
}
