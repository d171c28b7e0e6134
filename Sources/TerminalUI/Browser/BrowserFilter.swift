import UserStore

/// What the users browser narrows the table to: the typed text, the chosen statuses, an
/// inactivity filter, or a bar picked in the utilization charts.
///
/// The parts are kept apart (rather than as one `UserFilter`) so the title can say what is
/// active and each part can be changed or cleared on its own.
public struct BrowserFilter: Sendable, Hashable {
    /// The inactivity filter behind `i`.
    public enum Inactivity: Sendable, Hashable, CaseIterable {
        case never, days30, days60, days90

        /// The next setting after this one; `nil` (off) follows 90 days.
        var next: Inactivity? {
            switch self {
            case .never: return .days30
            case .days30: return .days60
            case .days60: return .days90
            case .days90: return nil
            }
        }

        var label: String {
            switch self {
            case .never: return "never logged in"
            case .days30: return "no login in 30 d"
            case .days60: return "no login in 60 d"
            case .days90: return "no login in 90 d"
            }
        }
    }

    /// The `/` filter: case-insensitive substring of name, login or email.
    public var text: String = ""
    /// Only these statuses; nil shows every status.
    public var statuses: Set<String>?
    public var inactivity: Inactivity?
    /// A last-login bar picked in the utilization charts.
    public var lastLogin: LastLoginBucket?

    public init(
        text: String = "", statuses: Set<String>? = nil, inactivity: Inactivity? = nil,
        lastLogin: LastLoginBucket? = nil
    ) {
        self.text = text
        self.statuses = statuses
        self.inactivity = inactivity
        self.lastLogin = lastLogin
    }

    /// No filter at all.
    public static let none = BrowserFilter()

    public var isEmpty: Bool { self == .none }

    /// The store query for this filter.
    public var userFilter: UserFilter {
        var filter = lastLogin?.filter ?? UserFilter()
        filter.statuses = statuses
        let trimmed = text.trimmingEdges()
        filter.text = trimmed.isEmpty ? nil : trimmed
        switch inactivity {
        case .never: filter.neverLoggedIn = true
        case .days30: filter.inactiveDays = 30
        case .days60: filter.inactiveDays = 60
        case .days90: filter.inactiveDays = 90
        case nil: break
        }
        return filter
    }

    /// The filter without the typed text (where `/` then Esc returns to).
    var withoutText: BrowserFilter {
        var copy = self
        copy.text = ""
        return copy
    }

    /// Characters of the filter text the title shows (`compactSummaryTextLimit` when the
    /// full summary does not fit).
    static let summaryTextLimit = 24
    static let compactSummaryTextLimit = 12

    /// "filter: ali · status: ACTIVE, SUSPENDED · no login in 90 d", or "" when empty.
    public var summary: String { summary(compact: false) }

    /// The summary; `compact` for a title too narrow for it ("/ali · 5 statuses · no login
    /// in 90 d"): a shorter text after the filter key, and several statuses counted instead
    /// of named, so every part still shows at 80 columns.
    public func summary(compact: Bool) -> String {
        var parts: [String] = []
        let trimmed = text.trimmingEdges()
        let limit = compact ? Self.compactSummaryTextLimit : Self.summaryTextLimit
        if !trimmed.isEmpty {
            // A long text is cut so the status and inactivity parts after it stay in the title.
            let shown = trimmed.count > limit ? String(trimmed.prefix(limit - 1)) + "…" : trimmed
            parts.append((compact ? "/" : "filter: ") + shown)
        }
        if let statuses {
            let named = Self.describe(statuses, compact: compact)
            parts.append(compact && statuses.count > 1 ? named : "status: " + named)
        }
        if let inactivity { parts.append(inactivity.label) }
        if let lastLogin { parts.append("last login: " + lastLogin.label) }
        return parts.joined(separator: " · ")
    }

    /// "ACTIVE, SUSPENDED"; "all but DEPROVISIONED" when that is shorter to say (all but one
    /// or two of Okta's statuses chosen); "ACTIVE, LOCKED_OUT +3"; compact: "5 statuses".
    static func describe(_ statuses: Set<String>, compact: Bool) -> String {
        if statuses.isEmpty { return "none" }
        let sorted = statuses.sorted()
        if sorted.count == 1 || (!compact && sorted.count <= 3) {
            return sorted.joined(separator: ", ")
        }
        if compact { return "\(sorted.count) statuses" }
        let known = Set(UserFilter.oktaStatuses)
        let missing = known.subtracting(statuses)
        if statuses.isSubset(of: known), (1...2).contains(missing.count) {
            return "all but " + missing.sorted().joined(separator: ", ")
        }
        return sorted.prefix(2).joined(separator: ", ") + " +\(sorted.count - 2)"
    }
}

extension LastLoginBucket {
    /// The bar's label in the utilization chart and the title.
    var label: String {
        switch self {
        case .within7Days: return "within 7 d"
        case .within30Days: return "7 to 30 d ago"
        case .within90Days: return "30 to 90 d ago"
        case .older: return "over 90 d ago"
        case .never: return "never"
        }
    }
}
