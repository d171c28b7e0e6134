import Foundation
import OktaCore

/// Counts of users by when they last logged in. The buckets do not overlap and add up to the
/// number of current users.
public struct LastLoginBuckets: Sendable, Equatable {
    /// Logged in within the last 7 days.
    public var within7Days: Int
    /// Last login 7 to 30 days ago.
    public var within30Days: Int
    /// Last login 30 to 90 days ago.
    public var within90Days: Int
    /// Last login more than 90 days ago.
    public var older: Int
    /// Never logged in.
    public var never: Int

    public var total: Int { within7Days + within30Days + within90Days + older + never }
}

/// One bar of the last-login chart, with the filter that lists its users.
public enum LastLoginBucket: String, Sendable, CaseIterable {
    case within7Days, within30Days, within90Days, older, never

    /// The users of this bucket as a filter for the browser or `users`.
    public var filter: UserFilter {
        switch self {
        case .within7Days: return UserFilter(loggedInWithinDays: 7)
        case .within30Days: return UserFilter(inactiveDays: 7, loggedInWithinDays: 30)
        case .within90Days: return UserFilter(inactiveDays: 30, loggedInWithinDays: 90)
        case .older: return UserFilter(inactiveDays: 90, hasLoggedIn: true)
        case .never: return UserFilter(neverLoggedIn: true)
        }
    }
}

extension UserStore {
    /// Current (not removed) users.
    public func userCount() throws -> Int {
        try count(.all)
    }

    /// Changes whenever the cached answers start over: the clock hour turned or the data
    /// changed (a sync). A count read before a change may not match rows read after it, so
    /// a screen holding one reloads when this moves. Never waits for the store's lock.
    public var answersGeneration: Int { answers.withLock { $0.generation } }

    /// The time inactivity is measured from in `count` and `rows` ("not logged in for 90
    /// days" as of then); nil before the first query. Figures meant to match a table (a
    /// utilization bar and the users it opens) are computed at this time. Never waits for
    /// the store's lock.
    public var answersTime: Date? { answers.withLock { $0.asOf } }

    /// How many users match `filter` (cached until the data changes or the clock hour ends;
    /// inactivity is measured from the time the cached answers began, see `answersNow`).
    public func count(_ filter: UserFilter) throws -> Int {
        try countAndGeneration(filter).count
    }

    /// Looks for writes by other connections (a sync in another process) and for the clock
    /// hour turning, as every call does first; `answersGeneration` moves if either happened.
    /// For a screen that reads nothing while it waits for keys but should still notice.
    public func noticeChanges() throws {
        try withDatabase { _ in }
    }

    /// `count(filter)` with the `answersGeneration` it belongs to, both read under the store's
    /// lock: a generation read after the call returns may already be a later one (another
    /// thread's query saw a sync's commit), and a screen holding the count would then never
    /// learn that it is stale.
    public func countAndGeneration(_ filter: UserFilter) throws -> (count: Int, generation: Int) {
        try withDatabase { state in
            let count = try Self.count(filter, now: state.answersNow, state: &state)
            return (count, state.answers.withLock { $0.generation })
        }
    }

    /// The users at positions `offset ..< offset + limit` of the filtered, sorted list.
    ///
    /// Only those rows are read. Deep positions stay fast: the store walks from the nearer end
    /// of the index, continues from the rows it returned last (so moving a row or a page costs
    /// the same anywhere), and copies small filtered results into an ordered temporary table.
    /// Profiles are decoded only when `withProfile` is true.
    public func rows(
        _ filter: UserFilter, sort: UserSort, offset: Int, limit: Int, withProfile: Bool = false
    ) throws -> [StoredUser] {
        try withDatabase { state in
            try Self.rows(
                filter, sort: sort, offset: offset, limit: limit, withProfile: withProfile,
                now: state.answersNow, state: &state)
        }
    }

    /// What a table load needs, under one lock so that all of it is measured from the same
    /// answers: the count, its `answersGeneration`, and where user `id` stands in the list
    /// (the offset `rows` reads them at). The position is nil when they are not in the list,
    /// or when the browsing snapshot is not ready to say so in milliseconds: SQL would count
    /// every row before them, up to a second at a million users. The browser keeps the chosen
    /// user selected across filters and sorts with it.
    public func countAndPosition(_ filter: UserFilter, sort: UserSort, ofUser id: String?)
        throws -> (count: Int, generation: Int, position: Int?)
    {
        try withDatabase { state in
            let count = try Self.count(filter, now: state.answersNow, state: &state)
            let position = try id.flatMap {
                try Self.position(ofUser: $0, in: filter, sort: sort, state: &state)
            }
            return (count, state.answers.withLock { $0.generation }, position)
        }
    }

    static func position(
        ofUser id: String, in filter: UserFilter, sort: UserSort, state: inout StoreState
    ) throws -> Int? {
        guard let snapshot = state.snapshot,
            let rid = try state.database.statement("SELECT rid FROM users WHERE id = ?")
                .scalarInt([.text(id)])
        else { return nil }
        let rows =
            filter.isRestricting
            ? snapshot.rows(of: filter, now: state.answersNow)
            : snapshot.unrestrictedRows(includeRemoved: filter.includeRemoved)
        return snapshot.position(of: rid, in: rows, sort: sort)
    }

    /// One user with the full profile, removed users included.
    public func user(id: String) throws -> StoredUser? {
        try withDatabase { state in
            try state.database.statement(
                "SELECT \(UserColumns.select(profile: true)) FROM users u WHERE u.id = ?"
            ).query([.text(id)]) { UserColumns.read($0, profile: true) }.first
        }
    }

    /// Current users per status, largest first.
    public func statusCounts() throws -> [(status: String, count: Int)] {
        try withDatabase { state in
            if let snapshot = state.snapshot { return snapshot.statusCounts() }
            return try state.database.statement(
                """
                SELECT status, count(*) FROM users WHERE removed_at IS NULL
                GROUP BY status ORDER BY count(*) DESC, status
                """
            ).query { ($0.text(0), Int($0.int(1))) }
        }
    }

    /// Current users by last login relative to `now`.
    public func lastLoginBuckets(now: Date) throws -> LastLoginBuckets {
        func cutoff(_ days: Int) -> Int64 { StoreTime.cutoff(now, days: days) }
        return try withDatabase { state in
            if let snapshot = state.snapshot { return snapshot.lastLoginBuckets(now: now) }
            // Five range counts on the last-login index read each entry once and compare
            // less per entry than five sums over all of it (0.08 s instead of 0.32 s at 1M).
            let range =
                "SELECT count(*) FROM users INDEXED BY users_by_last_login"
                + " WHERE removed_at IS NULL AND"
            let row =
                try state.database.statement(
                    """
                    SELECT
                        (\(range) last_login_key >= ?1),
                        (\(range) last_login_key >= ?2 AND last_login_key < ?1),
                        (\(range) last_login_key >= ?3 AND last_login_key < ?2),
                        (\(range) last_login_key >= 0 AND last_login_key < ?3),
                        (\(range) last_login_key < 0)
                    """
                ).query([.integer(cutoff(7)), .integer(cutoff(30)), .integer(cutoff(90))]) {
                    statement in (0..<5).map { Int(statement.int(Int32($0))) }
                }.first ?? [0, 0, 0, 0, 0]
            return LastLoginBuckets(
                within7Days: row[0], within30Days: row[1], within90Days: row[2], older: row[3],
                never: row[4])
        }
    }

    /// Seat-holding users (ACTIVE, PASSWORD_EXPIRED, RECOVERY, LOCKED_OUT) who have not logged
    /// in for 90 days or never: the utilization panel's "license" figure.
    public func unusedSeatCount(now: Date) throws -> Int {
        try withDatabase { state in
            try Self.count(UserFilter.unusedSeats, now: now, state: &state)
        }
    }

    /// True when users are stored but no full sync has completed: an interrupted first sync
    /// left part of the org, and counts drawn from it are counts "so far".
    public func isPartial() throws -> Bool {
        try lastCompletedFullSync() == nil && userCount() > 0
    }

    /// The most recent sync run, whatever its outcome.
    public func lastSync() throws -> SyncRun? {
        try runs(where: "1", limit: 1).first
    }

    /// The most recent completed full sync (incremental syncs and percentages need one).
    public func lastCompletedFullSync() throws -> SyncRun? {
        try runs(where: "outcome = 'completed' AND mode = 'full'", limit: 1).first
    }

    /// The most recent completed run of either mode (its high-water mark feeds incrementals).
    public func lastCompletedSync() throws -> SyncRun? {
        try runs(where: "outcome = 'completed'", limit: 1).first
    }

    /// Recent runs, newest first.
    public func recentRuns(limit: Int = 20) throws -> [SyncRun] {
        try runs(where: "1", limit: limit)
    }

    private func runs(where condition: String, limit: Int) throws -> [SyncRun] {
        try withDatabase { state in
            try state.database.statement(
                """
                SELECT id, mode, started_at, ended_at, outcome, pages, added, updated, removed,
                    requests, rate_limited, high_water_mark, users_seen, message
                FROM sync_runs WHERE \(condition) ORDER BY id DESC LIMIT ?
                """
            ).query([.integer(Int64(limit))]) { row in
                SyncRun(
                    id: row.int(0), mode: SyncRun.Mode(rawValue: row.text(1)) ?? .full,
                    startedAt: StoreTime.date(row.int(2)),
                    endedAt: StoreTime.date(row.optionalInt(3)),
                    outcome: SyncRun.Outcome(rawValue: row.text(4)) ?? .failed,
                    pages: Int(row.int(5)), added: Int(row.int(6)), updated: Int(row.int(7)),
                    removed: Int(row.int(8)), requests: Int(row.int(9)),
                    rateLimited: Int(row.int(10)),
                    highWaterMark: StoreTime.date(row.optionalInt(11)),
                    usersSeen: Int(row.int(12)), message: row.optionalText(13))
            }
        }
    }

    /// Calls `body` with every matching user in order, with profiles, reading in batches so
    /// memory stays flat for exports of any size.
    public func forEachUser(
        _ filter: UserFilter, sort: UserSort, batchSize: Int = 1000,
        _ body: (StoredUser) throws -> Void
    ) throws {
        var offset = 0
        while true {
            let batch = try rows(
                filter, sort: sort, offset: offset, limit: batchSize, withProfile: true)
            for user in batch { try body(user) }
            if batch.count < batchSize { return }
            offset += batch.count
        }
    }
}
