import Foundation

/// Which users a query returns. Shared by `okta-connect users` and the users browser.
public struct UserFilter: Sendable, Hashable {
    /// Only these statuses (exact Okta values); nil means every status.
    public var statuses: Set<String>?
    /// Case-insensitive substring of the name, login or email; nil or empty means no text filter.
    public var text: String?
    /// Users who have not logged in for at least this many days, never-logged-in users included.
    public var inactiveDays: Int?
    /// Only users who never logged in.
    public var neverLoggedIn: Bool
    /// Only users who logged in within this many days (the utilization panel's recent buckets).
    public var loggedInWithinDays: Int?
    /// Only users who logged in at least once (excludes never-logged-in users).
    public var hasLoggedIn: Bool
    /// Include users a complete full sync no longer returned (deleted in Okta).
    public var includeRemoved: Bool

    public init(
        statuses: Set<String>? = nil, text: String? = nil, inactiveDays: Int? = nil,
        neverLoggedIn: Bool = false, loggedInWithinDays: Int? = nil, hasLoggedIn: Bool = false,
        includeRemoved: Bool = false
    ) {
        self.statuses = statuses
        self.text = text
        self.inactiveDays = inactiveDays
        self.neverLoggedIn = neverLoggedIn
        self.loggedInWithinDays = loggedInWithinDays
        self.hasLoggedIn = hasLoggedIn
        self.includeRemoved = includeRemoved
    }

    /// Every current (not removed) user.
    public static let all = UserFilter()

    /// Whether anything beyond hiding removed users narrows the result.
    var isRestricting: Bool {
        statuses != nil || normalizedText != nil || inactiveDays != nil || neverLoggedIn
            || loggedInWithinDays != nil || hasLoggedIn
    }

    /// Whether the answer depends on the time it is asked at (a last-login condition).
    var dependsOnTime: Bool { inactiveDays != nil || loggedInWithinDays != nil }

    /// The text filter trimmed and folded (`SearchFold`), or nil when there is none.
    var normalizedText: String? {
        guard let text else { return nil }
        let trimmed = SearchFold.fold(text.trimmingCharacters(in: .whitespacesAndNewlines))
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Okta's documented user statuses in lifecycle order. The set is open (a store may hold
    /// others, from newer Okta releases), but a status typed by hand is checked against these
    /// and the store's own, so a typo is not taken for "no such users".
    public static let oktaStatuses = [
        "STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT",
        "SUSPENDED", "DEPROVISIONED",
    ]

    /// The statuses that usually hold a license seat (the utilization "license" view).
    public static let seatStatuses: Set<String> = [
        "ACTIVE", "PASSWORD_EXPIRED", "RECOVERY", "LOCKED_OUT",
    ]

    /// Seat-holding users who have not logged in for 90 days or never: the "license" view.
    public static let unusedSeats = UserFilter(statuses: seatStatuses, inactiveDays: 90)
}
