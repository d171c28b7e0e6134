import Foundation
import OktaCore

/// What storing one page changed.
public struct PageWriteResult: Sendable, Equatable {
    public var added: Int
    public var updated: Int
    public var unchanged: Int
}

extension UserStore {
    /// Records the start of a sync run and returns its id. `highWaterMark` carries the previous
    /// run's mark forward, so a run that receives no users keeps it.
    public func beginRun(mode: SyncRun.Mode, at date: Date, highWaterMark: Date? = nil) throws
        -> Int64
    {
        try withDatabase { state in
            let database = state.database
            try database.statement(
                """
                INSERT INTO sync_runs(mode, started_at, outcome, high_water_mark)
                VALUES (?, ?, 'running', ?)
                """
            ).run([
                .text(mode.rawValue), .integer(StoreTime.millis(date)),
                StoreTime.millis(highWaterMark),
            ])
            state.noteWrite()
            return try database.statement("SELECT last_insert_rowid()").scalarInt() ?? 0
        }
    }

    /// Upserts one page of users in a single transaction, together with the run's counters, so
    /// a crash leaves either the whole page and its accounting or neither.
    public func storePage(_ users: [OktaUser], run: Int64, at date: Date) throws
        -> PageWriteResult
    {
        try withDatabase { state in
            let database = state.database
            let seen = StoreTime.millis(date)
            var result = PageWriteResult(added: 0, updated: 0, unchanged: 0)
            var highWater: Int64?
            try database.transaction {
                let upsert = try Upsert(database)
                for user in users {
                    let row = UserRow(user)
                    if let stamp = row.lastUpdated { highWater = max(highWater ?? stamp, stamp) }
                    switch try upsert.run(row, run: run, seen: seen) {
                    case .added: result.added += 1
                    case .updated: result.updated += 1
                    case .unchanged: result.unchanged += 1
                    }
                }
                try database.statement(
                    """
                    UPDATE sync_runs SET pages = pages + 1, added = added + ?,
                        updated = updated + ?, users_seen = users_seen + ?,
                        high_water_mark = max(coalesce(high_water_mark, ?), ?)
                    WHERE id = ?
                    """
                ).run([
                    .integer(Int64(result.added)), .integer(Int64(result.updated)),
                    .integer(Int64(users.count)), highWater.map { .integer($0) } ?? .null,
                    highWater.map { .integer($0) } ?? .null, .integer(run),
                ])
            }
            state.noteWrite()
            return result
        }
    }

    /// Ends a run. A completed full run marks every user it did not return as removed (in the
    /// same transaction) and returns how many; any other outcome never marks removals.
    @discardableResult
    public func finishRun(
        _ run: Int64, outcome: SyncRun.Outcome, requests: Int, rateLimited: Int,
        message: String? = nil, at date: Date
    ) throws -> Int {
        try withDatabase { state in
            let database = state.database
            let ended = StoreTime.millis(date)
            let removed: Int = try database.transaction {
                let mode = try database.statement("SELECT mode FROM sync_runs WHERE id = ?")
                    .query([.integer(run)]) { $0.text(0) }.first
                var removed = 0
                if outcome == .completed, mode == SyncRun.Mode.full.rawValue {
                    try database.statement(
                        """
                        UPDATE users SET removed_at = ?
                        WHERE seen_run <> ? AND removed_at IS NULL
                        """
                    ).run([.integer(ended), .integer(run)])
                    removed = database.changes
                }
                try database.statement(
                    """
                    UPDATE sync_runs SET ended_at = ?, outcome = ?, removed = ?, requests = ?,
                        rate_limited = ?, message = ?
                    WHERE id = ?
                    """
                ).run([
                    .integer(ended), .text(outcome.rawValue), .integer(Int64(removed)),
                    .integer(Int64(requests)), .integer(Int64(rateLimited)),
                    message.map { .text($0) } ?? .null, .integer(run),
                ])
                return removed
            }
            state.noteWrite()
            return removed
        }
    }

    private enum UpsertResult { case added, updated, unchanged }

    /// The statements of one upsert, looked up once per page rather than per user and bound
    /// parameter by parameter (no per-row arrays).
    private struct Upsert {
        let find: SQLiteStatement
        let insert: SQLiteStatement
        let update: SQLiteStatement
        let touch: SQLiteStatement
        let database: SQLiteDatabase

        init(_ database: SQLiteDatabase) throws {
            self.database = database
            find = try database.statement("SELECT rid FROM users WHERE id = ?")
            insert = try database.statement(
                """
                INSERT INTO users(id, status, login, email, first_name, last_name, display_name,
                    created, activated, status_changed, last_login, last_updated,
                    password_changed, profile, name_key, login_key, last_login_key, created_key,
                    search, first_seen, last_seen, seen_run)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            update = try database.statement(
                """
                UPDATE users SET id = ?1, status = ?2, login = ?3, email = ?4, first_name = ?5,
                    last_name = ?6, display_name = ?7, created = ?8, activated = ?9,
                    status_changed = ?10, last_login = ?11, last_updated = ?12,
                    password_changed = ?13, profile = ?14, name_key = ?15, login_key = ?16,
                    last_login_key = ?17, created_key = ?18, search = ?19, removed_at = NULL
                WHERE rid = ?20 AND (status IS NOT ?2 OR login IS NOT ?3 OR email IS NOT ?4
                    OR first_name IS NOT ?5 OR last_name IS NOT ?6 OR display_name IS NOT ?7
                    OR created IS NOT ?8 OR activated IS NOT ?9 OR status_changed IS NOT ?10
                    OR last_login IS NOT ?11 OR last_updated IS NOT ?12
                    OR password_changed IS NOT ?13 OR profile IS NOT ?14
                    OR removed_at IS NOT NULL)
                """)
            touch = try database.statement(
                "UPDATE users SET last_seen = ?, seen_run = ? WHERE rid = ?")
        }

        /// Inserts a new user, rewrites a changed one (only then does the FTS trigger fire),
        /// and marks every one seen by this run.
        func run(_ row: UserRow, run: Int64, seen: Int64) throws -> UpsertResult {
            find.reset()
            try find.bind(.text(row.id), at: 1)
            let existing = try find.step() && !find.isNull(0) ? find.int(0) : nil
            find.reset()
            guard let rid = existing else {
                insert.reset()
                try bind(row, to: insert)
                try insert.bind(.integer(seen), at: 20)
                try insert.bind(.integer(seen), at: 21)
                try insert.bind(.integer(run), at: 22)
                try insert.runBound()
                return .added
            }
            update.reset()
            try bind(row, to: update)
            try update.bind(.integer(rid), at: 20)
            try update.runBound()
            let changed = database.changes > 0
            touch.reset()
            try touch.bind(.integer(seen), at: 1)
            try touch.bind(.integer(run), at: 2)
            try touch.bind(.integer(rid), at: 3)
            try touch.runBound()
            return changed ? .updated : .unchanged
        }

        private func bind(_ row: UserRow, to statement: SQLiteStatement) throws {
            for (offset, value) in row.values.enumerated() {
                try statement.bind(value, at: Int32(offset + 1))
            }
        }
    }
}

/// One user flattened into the users table's columns.
struct UserRow {
    let id: String
    let lastUpdated: Int64?
    /// Columns id … search, in the order of the INSERT above.
    let values: [SQLiteValue]

    init(_ user: OktaUser) {
        id = user.id
        lastUpdated = user.lastUpdated.map(StoreTime.millis)
        let name = user.displayName
        let login = user.login ?? ""
        let email = user.email ?? ""
        let search = Self.searchText([
            name, login, email, user.firstName ?? "", user.lastName ?? "",
        ])
        func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
        values = [
            .text(user.id), .text(user.status), text(user.login), text(user.email),
            text(user.firstName), text(user.lastName), .text(name),
            StoreTime.millis(user.created), StoreTime.millis(user.activated),
            StoreTime.millis(user.statusChanged), StoreTime.millis(user.lastLogin),
            StoreTime.millis(user.lastUpdated), StoreTime.millis(user.passwordChanged),
            .text(ProfileJSON.encode(user.profile)), .text(name.lowercased()),
            .text(login.lowercased()),
            .integer(user.lastLogin.map(StoreTime.millis) ?? -1),
            .integer(user.created.map(StoreTime.millis) ?? 0), .text(search),
        ]
    }

    /// The folded (`SearchFold`) text the filter searches: each part on its own line, leaving out a part
    /// already contained in an earlier one (the first and last name inside the display name,
    /// an email equal to the login). Every filter without a line break matches exactly as it
    /// would on all five parts, and the trigram index gets about half the tokens to maintain.
    static func searchText(_ parts: [String]) -> String {
        var kept: [[UInt8]] = []
        for part in parts {
            let lowered = Array(SearchFold.fold(part).utf8)
            if lowered.isEmpty || kept.contains(where: { contains($0, lowered) }) { continue }
            kept.append(lowered)
        }
        return String(decoding: Array(kept.joined(separator: [0x0A])), as: UTF8.self)
    }

    /// Byte-wise substring test, the same notion of "contains" as SQLite's trigram index.
    private static func contains(_ text: [UInt8], _ part: [UInt8]) -> Bool {
        guard part.count <= text.count else { return false }
        for start in 0...(text.count - part.count)
        where text[start..<(start + part.count)].elementsEqual(part) {
            return true
        }
        return false
    }
}
