import Foundation

/// A position in a sorted list with the sort key and row id found there, so the next read can
/// continue from it (keyset paging) instead of counting rows from the start.
struct PageAnchor {
    var position: Int
    var key: SQLiteValue
    var rid: Int64
}

/// Anchors are valid for one filter and sort until the data changes.
struct PageAnchorKey: Hashable {
    var filter: UserFilter
    var sort: UserSort
}

/// Turns a `UserFilter` into SQL and runs counts and page reads.
extension UserStore {
    /// Filtered results up to this size are copied, in order, into a temporary table so every
    /// page of them is a primary-key range read.
    static let materializeLimit = 50_000

    /// The WHERE clause (over alias `u`) and its parameters.
    struct FilterSQL {
        var clauses: [String] = []
        var values: [SQLiteValue] = []
        /// True when the text filter tests `okta_connect_hit(u.rid)` (the `HitSet`).
        var usesHits = false
        /// True when nothing but the text (and hiding removed users) narrows the result.
        var textOnly = false

        var whereClause: String { clauses.isEmpty ? "1" : clauses.joined(separator: " AND ") }
    }

    /// Up to this many hits, counts and ordered copies join the hits (copied into
    /// `temp.search_hits`) with the users table; above it they walk an index of the other
    /// conditions and test each row against the `HitSet`.
    static let hitJoinLimit = 20_000

    static func filterSQL(_ filter: UserFilter, now: Date, state: inout StoreState) throws
        -> FilterSQL
    {
        var sql = FilterSQL()
        if filter.isRestricting, let snapshot = state.snapshot {
            if state.hits.key != .filter(filter) {
                state.hits.assign(snapshot.rows(of: filter, now: now), for: filter)
            }
            sql.usesHits = true
            sql.clauses = ["okta_connect_hit(u.rid)"]
            return sql
        }
        func cutoff(_ days: Int) -> SQLiteValue { .integer(StoreTime.cutoff(now, days: days)) }
        if !filter.includeRemoved { sql.clauses.append("u.removed_at IS NULL") }
        let byLastLogin =
            filter.inactiveDays != nil || filter.loggedInWithinDays != nil
            || filter.neverLoggedIn || filter.hasLoggedIn
        if let statuses = filter.statuses {
            let sorted = statuses.sorted()
            if sorted.isEmpty {
                sql.clauses.append("0")
            } else {
                // With a last-login condition, `+` steers SQLite to the last-login index,
                // which carries the status (index-only), instead of the status index plus a
                // table read per row (1.2 s for the license view at 1M users).
                let marks = Array(repeating: "?", count: sorted.count).joined(separator: ", ")
                sql.clauses.append("\(byLastLogin ? "+" : "")u.status IN (\(marks))")
                sql.values += sorted.map { .text($0) }
            }
        }
        if let days = filter.inactiveDays {
            sql.clauses.append("u.last_login_key < ?")
            sql.values.append(cutoff(days))
        }
        if let days = filter.loggedInWithinDays {
            sql.clauses.append("u.last_login_key >= ?")
            sql.values.append(cutoff(days))
        }
        if filter.neverLoggedIn { sql.clauses.append("u.last_login_key < 0") }
        if filter.hasLoggedIn { sql.clauses.append("u.last_login_key >= 0") }
        if let text = filter.normalizedText {
            sql.textOnly = filter.statuses == nil && !byLastLogin
            try loadHits(text, state: &state)
            sql.usesHits = true
            sql.clauses.append("okta_connect_hit(u.rid)")
        }
        return sql
    }

    /// Fills the `HitSet` with the row ids whose name, login or email contain `text`: from the
    /// FTS5 trigram index for three characters or more, else by scanning the narrow
    /// `users_text` table (~80 MB at 1M users instead of the 1.2 GB users table).
    static func loadHits(_ text: String, state: inout StoreState) throws {
        let hits = state.hits
        if hits.text == text { return }
        let database = state.database
        let maxRid = try database.statement("SELECT max(rid) FROM users").scalarInt() ?? 0
        hits.reset(for: text, maxRid: maxRid)
        let query: String
        var values: [SQLiteValue]
        if text.unicodeScalars.count >= 3, !scanBeatsTrigrams(text, hits: hits, rows: maxRid) {
            // The trigram index folds case its own way ("ſ" finds "s"), `SearchFold` does
            // not: each hit is checked with `instr`, so every path (and the
            // browser's snapshot) finds exactly the rows whose folded text contains `text`.
            query = """
                SELECT t.rid FROM users_search s JOIN users_text t ON t.rid = s.rowid
                WHERE users_search MATCH ?1 AND instr(t.search, ?2) > 0
                """
            values = [.text("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"")]
        } else {
            // One- and two-character filters (and long broad ones, see above) read every row's
            // search text: ~0.2–0.4 s at 1M users. The browser avoids this path once its
            // `BrowsingSnapshot` is built; `okta-connect users --filter` and the browser's
            // first second at a million users still take it.
            query = "SELECT rid FROM users_text WHERE instr(search, ?1) > 0"
            values = []
        }
        values.append(.text(text))
        do {
            try database.statement(query).forEachRow(values) { hits.insert($0.int(0)) }
        } catch {
            hits.invalidate()
            throw error
        }
    }

    /// Whether scanning `users_text` (a fixed cost, ~0.3 s at 1M users) is cheaper than the
    /// trigram query for `text`. A phrase query reads the doclist of each of its trigrams, so a
    /// long text extending one that matched most rows ("example.com" after "exa", 1M matches)
    /// costs up to 5× the scan. Both find the same rows: the folded text as a substring.
    static func scanBeatsTrigrams(_ text: String, hits: HitSet, rows: Int64) -> Bool {
        guard let previous = hits.previous, text.contains(previous.text) else { return false }
        let trigrams = text.unicodeScalars.count - 2
        return Int64(previous.count) * Int64(trigrams) >= 3 * max(rows, 1)
    }

    /// Copies the `HitSet` into `temp.search_hits` (small hit sets only), so a join can drive
    /// from the hits.
    static func materializeHits(state: inout StoreState) throws {
        let hits = state.hits
        guard let key = hits.key else { return }
        if state.materializedHits == key { return }
        let database = state.database
        try database.execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS search_hits(rid INTEGER PRIMARY KEY);
            DELETE FROM temp.search_hits;
            """)
        // No transaction: BEGIN IMMEDIATE would take the main database's write lock from a
        // reader; these few thousand inserts go to the in-memory temp database.
        let insert = try database.statement("INSERT INTO temp.search_hits(rid) VALUES (?)")
        try hits.forEach { rid in try insert.run([.integer(rid)]) }
        state.materializedHits = key
    }

    /// The FROM clause for counting or copying `sql`'s rows: driven by the hits when they are
    /// few, else by whatever index suits the other conditions.
    static func source(_ sql: FilterSQL, state: inout StoreState) throws -> String {
        guard sql.usesHits, state.hits.count <= hitJoinLimit else { return "users u" }
        try materializeHits(state: &state)
        return "temp.search_hits h CROSS JOIN users u ON u.rid = h.rid"
    }

    /// How many rows `filter` has at `now`. Counts at `state.answersNow` (every table's) are
    /// cached; a caller's own time (the utilization figures') is counted afresh.
    static func count(_ filter: UserFilter, now: Date, state: inout StoreState) throws -> Int {
        let cacheable = now == state.answersNow || !filter.dependsOnTime
        if cacheable, let cached = state.countCache[filter] { return cached }
        if filter.isRestricting, let snapshot = state.snapshot {
            // Counted in memory without replacing the `HitSet`, which may hold the rows of the
            // table on screen. A table's count keeps its rows in the snapshot for the page
            // reads that follow; a count at another time (the figures') leaves them alone.
            let result =
                cacheable
                ? snapshot.rows(of: filter, now: now).count
                : snapshot.count(of: filter, now: now)
            if cacheable { state.countCache[filter] = result }
            return result
        }
        let sql = try filterSQL(filter, now: now, state: &state)
        let result: Int
        if sql.usesHits, sql.textOnly {
            // The hits minus the removed users among them (few; `users_removed` lists them).
            let removed =
                filter.includeRemoved
                ? 0
                : try state.database.statement(
                    """
                    SELECT count(*) FROM users u INDEXED BY users_removed
                    WHERE u.removed_at IS NOT NULL AND okta_connect_hit(u.rid)
                    """
                ).scalarInt() ?? 0
            result = state.hits.count - Int(removed)
        } else {
            let from = try source(sql, state: &state)
            result = Int(
                try state.database.statement(
                    "SELECT count(*) FROM \(from) WHERE \(sql.whereClause)"
                ).scalarInt(sql.values) ?? 0)
        }
        if cacheable { state.countCache[filter] = result }
        return result
    }

    static func rows(
        _ filter: UserFilter, sort: UserSort, offset: Int, limit: Int, withProfile: Bool,
        now: Date, state: inout StoreState
    ) throws -> [StoredUser] {
        let total = try count(filter, now: now, state: &state)
        guard limit > 0, offset < total, offset >= 0 else { return [] }
        let end = min(offset + limit, total)
        if filter.isRestricting, let snapshot = state.snapshot {
            _ = try filterSQL(filter, now: now, state: &state)
            if let rids = snapshot.page(
                of: state.hits.bits, sort: sort, offset: offset, limit: end - offset)
            {
                return try rowsByID(rids, withProfile: withProfile, state: &state)
            }
        }
        if filter.isRestricting, total <= materializeLimit,
            try shouldMaterialize(filter, total: total, end: end, now: now, state: &state)
        {
            return try materializedRows(
                filter, sort: sort, range: offset..<end, withProfile: withProfile, now: now,
                state: &state)
        }
        return try walkedRows(
            filter, sort: sort, range: offset..<end, total: total, withProfile: withProfile,
            now: now, state: &state)
    }

    /// The users with these row ids, in this order.
    static func rowsByID(_ rids: [Int64], withProfile: Bool, state: inout StoreState) throws
        -> [StoredUser]
    {
        let statement = try state.database.statement(
            "SELECT \(UserColumns.select(profile: withProfile)) FROM users u WHERE u.rid = ?")
        return try rids.flatMap { rid in
            try statement.query([.integer(rid)]) { UserColumns.read($0, profile: withProfile) }
        }
    }

    /// Whether to copy a small filtered result in order rather than walk the sort index. A text
    /// filter's walk tests the `HitSet` per index entry without reading rows (~0.2 µs), so it
    /// wins unless the hits are so rare that reaching row `end` walks far: copying costs about
    /// 20 walk steps per match, walking about `end × users ÷ matches` steps.
    static func shouldMaterialize(
        _ filter: UserFilter, total: Int, end: Int, now: Date, state: inout StoreState
    ) throws -> Bool {
        if state.snapshot != nil {
            // The snapshot's rows are the `HitSet`: walking tests it without reading rows.
            _ = try filterSQL(filter, now: now, state: &state)
        } else {
            guard let text = filter.normalizedText, filter.statuses == nil,
                filter.inactiveDays == nil, filter.loggedInWithinDays == nil,
                !filter.neverLoggedIn, !filter.hasLoggedIn
            else { return true }
            try loadHits(text, state: &state)
        }
        if state.hits.count > hitJoinLimit { return false }
        let all = UserFilter(includeRemoved: filter.includeRemoved)
        let users = try count(all, now: now, state: &state)
        return total * total * 20 <= end * users
    }

    /// Reads from an ordered copy of a small filtered result (built once per filter and sort).
    /// The `+` keeps SQLite from walking the sort index and fetching every row of the table in
    /// index order to avoid a sort: filtering first and sorting the (small) result took 0.7 s
    /// instead of 4.7 s for a two-letter filter at 1M users.
    static func materializedRows(
        _ filter: UserFilter, sort: UserSort, range: Range<Int>, withProfile: Bool, now: Date,
        state: inout StoreState
    ) throws -> [StoredUser] {
        let database = state.database
        let sql = try filterSQL(filter, now: now, state: &state)
        let view = PageAnchorKey(filter: filter, sort: sort)
        if state.materializedView != view {
            let direction = sort.descending ? "DESC" : "ASC"
            let source = try source(sql, state: &state)
            try database.execute(
                """
                CREATE TEMP TABLE IF NOT EXISTS view_rows(
                    position INTEGER PRIMARY KEY, rid INTEGER NOT NULL);
                DELETE FROM temp.view_rows;
                """)
            try database.statement(
                """
                INSERT INTO temp.view_rows(rid)
                SELECT u.rid FROM \(source) WHERE \(sql.whereClause)
                ORDER BY +u.\(sort.key.column) \(direction), +u.rid \(direction)
                """
            ).run(sql.values)
            state.materializedView = view
        }
        return try database.statement(
            """
            SELECT \(UserColumns.select(profile: withProfile))
            FROM temp.view_rows v CROSS JOIN users u ON u.rid = v.rid
            WHERE v.position > ? AND v.position <= ? ORDER BY v.position
            """
        ).query([.integer(Int64(range.lowerBound)), .integer(Int64(range.upperBound))]) {
            UserColumns.read($0, profile: withProfile)
        }
    }

    /// Walks the sort column's index from the nearest known point: the start, the end, or an
    /// anchor left by the previous read.
    static func walkedRows(
        _ filter: UserFilter, sort: UserSort, range: Range<Int>, total: Int, withProfile: Bool,
        now: Date, state: inout StoreState
    ) throws -> [StoredUser] {
        let sql = try filterSQL(filter, now: now, state: &state)
        let key = PageAnchorKey(filter: filter, sort: sort)
        let column = "u.\(sort.key.column)"

        // Candidate plans: (cost in rows skipped, forward?, anchor, offset).
        var best: (cost: Int, forward: Bool, anchor: PageAnchor?, skip: Int) =
            (range.lowerBound, true, nil, range.lowerBound)
        let fromEnd = total - range.upperBound
        if fromEnd < best.cost { best = (fromEnd, false, nil, fromEnd) }
        for anchor in state.anchors[key] ?? [] {
            if anchor.position < range.lowerBound {
                let skip = range.lowerBound - anchor.position - 1
                if skip < best.cost { best = (skip, true, anchor, skip) }
            } else if anchor.position >= range.upperBound {
                let skip = anchor.position - range.upperBound
                if skip < best.cost { best = (skip, false, anchor, skip) }
            }
        }

        if !filter.isRestricting, best.cost > state.snapshotWalkThreshold,
            let snapshot = state.snapshot,
            let rids = snapshot.page(
                of: snapshot.unrestrictedRows(includeRemoved: filter.includeRemoved), sort: sort,
                offset: range.lowerBound, limit: range.count)
        {
            // Far from every anchor (the first read at a followed user's position after a
            // sort change): the in-memory order skips rows ten times faster than the index.
            // Its ends become anchors, so the moves that follow walk the index from there.
            let users = try rowsByID(rids, withProfile: withProfile, state: &state)
            let keyOf = try state.database.statement(
                "SELECT \(column) FROM users u WHERE u.rid = ?")
            func sortKey(_ rid: Int64) throws -> SQLiteValue? {
                try keyOf.query([.integer(rid)]) { row in
                    sort.key.isText ? SQLiteValue.text(row.text(0)) : .integer(row.int(0))
                }.first
            }
            var anchors = state.anchors[key] ?? []
            for (offset, rid) in [(0, rids.first), (rids.count - 1, rids.last)] {
                guard let rid, let value = try sortKey(rid) else { continue }
                anchors.append(
                    PageAnchor(position: range.lowerBound + offset, key: value, rid: rid))
            }
            state.anchors[key] = Array(anchors.suffix(8))
            return users
        }

        let ascending = best.forward != sort.descending
        let direction = ascending ? "ASC" : "DESC"
        var clauses = sql.clauses
        var values = sql.values
        if let anchor = best.anchor {
            clauses.append("(\(column), u.rid) \(ascending ? ">" : "<") (?, ?)")
            values += [anchor.key, .integer(anchor.rid)]
        }
        let whereClause = clauses.isEmpty ? "1" : clauses.joined(separator: " AND ")
        let query = """
            SELECT \(UserColumns.select(profile: withProfile)), \(column)
            FROM users u WHERE \(whereClause)
            ORDER BY \(column) \(direction), u.rid \(direction) LIMIT ? OFFSET ?
            """
        values += [.integer(Int64(range.count)), .integer(Int64(best.skip))]
        var anchorsRead: [(user: StoredUser, key: SQLiteValue, rid: Int64)] = []
        _ = try state.database.statement(query).query(values) { row in
            let keyValue: SQLiteValue =
                sort.key.isText
                ? .text(row.text(UserColumns.extraColumn))
                : .integer(row.int(UserColumns.extraColumn))
            anchorsRead.append(
                (
                    UserColumns.read(row, profile: withProfile), keyValue,
                    row.int(UserColumns.ridColumn)
                ))
        }
        if !best.forward { anchorsRead.reverse() }

        if let first = anchorsRead.first, let last = anchorsRead.last {
            var anchors = state.anchors[key] ?? []
            anchors.append(PageAnchor(position: range.lowerBound, key: first.key, rid: first.rid))
            anchors.append(
                PageAnchor(
                    position: range.lowerBound + anchorsRead.count - 1, key: last.key,
                    rid: last.rid))
            state.anchors[key] = Array(anchors.suffix(8))
        }
        return anchorsRead.map(\.user)
    }
}
