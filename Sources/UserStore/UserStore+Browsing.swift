import Foundation

/// The users browser's fast path: an in-memory `BrowsingSnapshot` of the columns its filters
/// test, built in the background, used by `count`, `rows` and the utilization figures while
/// the data does not change.
extension UserStore {
    /// Row ids (or index entries) read per step of `prepareForBrowsing()`: each step holds the
    /// store's lock for a few milliseconds, so the browser's moves are not held up.
    static let snapshotStep = 4_096

    /// Whether filters and figures are answered from memory right now.
    public var isPreparedForBrowsing: Bool {
        (try? withDatabase { $0.snapshot != nil }) ?? false
    }

    /// Builds the in-memory snapshot the browser's filters use (about 1.5 s and 82 MB at a
    /// million users), in steps that each hold the store's lock briefly, so call
    /// it from a background thread while the browser works. Returns true when the snapshot
    /// is ready (now or already), false when the store changed while it was being built (a
    /// sync is writing): the queries then keep using SQL, and a later call can try again.
    @discardableResult
    public func prepareForBrowsing() throws -> Bool {
        try prepareForBrowsing(afterStep: {})
    }

    /// `prepareForBrowsing()` with a hook run between steps, outside the lock (tests write to
    /// the store there), and index entries read per step.
    func prepareForBrowsing(
        afterStep: () throws -> Void, entriesPerStep: Int = snapshotStep
    ) throws -> Bool {
        var version: Int64 = 0
        var snapshot: BrowsingSnapshot?
        let ready: Bool = try withDatabase { state in
            if state.snapshot != nil { return true }
            version = state.dataVersion
            let maxRid = try state.database.statement("SELECT max(rid) FROM users").scalarInt()
            guard (maxRid ?? 0) <= Int64(UInt32.max) else {
                throw BrowsingSnapshot.BuildError.rowIDsTooLarge
            }
            snapshot = BrowsingSnapshot(maxRid: maxRid ?? 0)
            return false
        }
        guard !ready, let snapshot else { return true }

        func step(_ body: (SQLiteDatabase) throws -> Void) throws -> Bool {
            try buildStep(version: version, afterStep: afterStep, body)
        }

        let segments = snapshot.maxRid / SearchCorpus.segmentSize + 1
        for segment in 0..<segments {
            let first = segment * SearchCorpus.segmentSize
            let read = try step { database in
                let statement = try database.statement(
                    "SELECT rid, search FROM users_text WHERE rid >= ? AND rid < ? ORDER BY rid")
                try snapshot.corpus.appendSegment { append in
                    try statement.forEachRow(
                        [.integer(first), .integer(first + SearchCorpus.segmentSize)]
                    ) { row in
                        row.withTextBytes(1) { append(row.int(0), $0) }
                    }
                }
            }
            guard read else { return false }
        }

        // The last-login index carries every column the filters test (schema 3), so this
        // reads index pages only, never the 1.2 GB of rows.
        let columnsRead = try scanIndex(
            """
            SELECT rid, status, removed_at IS NOT NULL, last_login_key
            FROM users INDEXED BY users_by_last_login
            """, entriesPerStep: entriesPerStep, version: version, afterStep: afterStep
        ) { scan in
            try scan.withTextBytes(1) { status in
                try snapshot.setRow(
                    rid: scan.int(0), status: status, removed: scan.int(2) != 0,
                    lastLogin: scan.int(3))
            }
        }
        guard columnsRead else { return false }

        // Each sort index in order, as row ids: a filtered page is then a walk of an array
        // (a few milliseconds even when the matches cluster at the far end of the order,
        // like CJK names sorted by name) instead of a walk of SQLite's index.
        for key in UserSort.Key.allCases {
            var order: [UInt32] = []
            order.reserveCapacity(Int(snapshot.maxRid) + 1)
            let read = try scanIndex(
                "SELECT rid FROM users INDEXED BY \(key.index) ORDER BY \(key.column), rid",
                entriesPerStep: entriesPerStep, version: version, afterStep: afterStep
            ) { scan in
                // Past the checked `maxRid` only if a sync added rows, which voids the build.
                order.append(UInt32(truncatingIfNeeded: scan.int(0)))
            }
            guard read else { return false }
            snapshot.orders[key] = order
        }

        return try withDatabase { state in
            guard state.dataVersion == version else { return false }
            state.snapshot = snapshot
            return true
        }
    }

    /// Runs one step of a build under the lock unless the data changed since it began.
    private func buildStep(
        version: Int64, afterStep: () throws -> Void, _ body: (SQLiteDatabase) throws -> Void
    ) throws -> Bool {
        try afterStep()
        return try withDatabaseAfterOthers { state in
            guard state.dataVersion == version else { return false }
            try body(state.database)
            return true
        }
    }

    /// Runs `sql` (an index scan) to its end, `entriesPerStep` rows per `step` (one hold of
    /// the lock), handing each row to `body`. One statement stays open across the steps: a
    /// keyset restart would rescan the many equal keys (users who never logged in) at every
    /// step. While it is open the connection keeps reading the data as of its start; the
    /// build's final check sees any commit made meanwhile. False when a step found the data
    /// changed.
    private func scanIndex(
        _ sql: String, entriesPerStep: Int, version: Int64, afterStep: () throws -> Void,
        _ body: (SQLiteStatement) throws -> Void
    ) throws -> Bool {
        var scan: SQLiteStatement?
        /// Resets and finalizes the scan under the lock (the connection is not thread-safe),
        /// with nothing before it that could throw and leave the statement to a deinit on
        /// this thread.
        func closeScan() {
            state.withLock { _ in
                scan?.reset()
                scan = nil
            }
        }
        defer { closeScan() }
        var more = true
        while more {
            let read = try buildStep(version: version, afterStep: afterStep) { database in
                if scan == nil { scan = try database.privateStatement(sql) }
                guard let scan else { return }
                var rows = 0
                while rows < entriesPerStep, try scan.step() {
                    rows += 1
                    try body(scan)
                }
                more = rows == entriesPerStep
            }
            guard read else { return false }
        }
        return true
    }

    /// The figures of the utilization view in one call: from the snapshot in a few
    /// milliseconds when it is ready, else by SQL (about a second at a million users).
    public func usageFigures(now: Date) throws -> UsageFigures {
        if let fromSnapshot = try usageFiguresFromSnapshot(now: now) { return fromSnapshot }
        return UsageFigures(
            total: try userCount(), statusCounts: try statusCounts(),
            lastLogin: try lastLoginBuckets(now: now),
            seatHolders: try count(UserFilter(statuses: UserFilter.seatStatuses)),
            unusedSeats: try unusedSeatCount(now: now))
    }

    /// The utilization figures from the snapshot, or nil when it is not ready: never SQL, so
    /// a caller sharing the browser's connection cannot hold its lock for a second.
    /// Measured at `now`; when nil, at the time `count` and `rows` measure from (`answersTime`,
    /// read under the same lock, so a bar counts what the table it opens will count).
    public func usageFiguresFromSnapshot(now: Date? = nil) throws -> UsageFigures? {
        try withDatabase { state in
            guard let snapshot = state.snapshot else { return nil }
            let now = now ?? state.answersNow
            return UsageFigures(
                total: snapshot.count(of: .all, now: now),
                statusCounts: snapshot.statusCounts(),
                lastLogin: snapshot.lastLoginBuckets(now: now),
                seatHolders: snapshot.count(
                    of: UserFilter(statuses: UserFilter.seatStatuses), now: now),
                unusedSeats: snapshot.count(of: .unusedSeats, now: now))
        }
    }

    /// Users per status from the snapshot, or nil when it is not ready (never SQL).
    public func statusCountsFromSnapshot() throws -> [(status: String, count: Int)]? {
        try withDatabase { state in state.snapshot?.statusCounts() }
    }
}

/// Utilization at a glance, as numbers: what the status screen's panel and the browser's
/// utilization view draw.
public struct UsageFigures: Sendable {
    /// Current (not removed) users.
    public var total: Int
    /// Current users per status, largest first.
    public var statusCounts: [(status: String, count: Int)]
    public var lastLogin: LastLoginBuckets
    /// Users in the statuses that usually hold a seat.
    public var seatHolders: Int
    /// Seat holders who have not logged in for 90 days or never.
    public var unusedSeats: Int
}
