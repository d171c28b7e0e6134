import CSQLite

/// The row ids SQL queries on this connection test with `okta_connect_hit(rid)`: either the
/// rows whose search text contains a filter's text (`Key.text`, found by SQLite), or every row
/// of a whole filter (`Key.filter`, found by the `BrowsingSnapshot` in memory).
///
/// Counting a broad filter used to copy every hit into a temporary table and join it with the
/// users table (about 1.5 µs per hit: 1.0–2.3 s for a filter matching all of 1M users). A bit
/// set costs a few nanoseconds per hit; queries test membership through the SQL function, so
/// walking a sort index stays index-only (the row is read only for the rows returned).
final class HitSet {
    /// What the set holds the matches of.
    enum Key: Hashable {
        /// Rows whose search text contains this normalized text, removed users included.
        case text(String)
        /// Exactly the rows of this filter (removed users only when it includes them).
        case filter(UserFilter)
    }

    private(set) var bits = RowBits()
    /// What the set holds; nil when it holds nothing valid.
    private(set) var key: Key?
    /// The last text set's text and size before it was replaced: an estimate of how many rows
    /// a longer text typed after it can match.
    private(set) var previous: (text: String, count: Int)?

    var count: Int { bits.count }

    /// The text whose matches the set holds, if it holds a text's.
    var text: String? {
        if case .text(let text)? = key { return text }
        return nil
    }

    /// Empties the set for the matches of `text`, sized for row ids up to `maxRid`.
    func reset(for text: String, maxRid: Int64) {
        remember()
        bits = RowBits(maxRid: maxRid)
        key = .text(text)
    }

    /// Holds `bits`, the rows of `filter`.
    func assign(_ bits: RowBits, for filter: UserFilter) {
        remember()
        self.bits = bits
        key = .filter(filter)
    }

    /// Forgets the contents (the data changed).
    func invalidate() {
        remember()
        key = nil
        bits = RowBits()
    }

    func insert(_ rid: Int64) {
        bits.insert(rid)
    }

    func contains(_ rid: Int64) -> Bool {
        bits.contains(rid)
    }

    /// Calls `body` with every row id in the set, in ascending order.
    func forEach(_ body: (Int64) throws -> Void) rethrows {
        try bits.forEach(body)
    }

    private func remember() {
        if let text { previous = (text, bits.count) }
    }
}

/// `okta_connect_hit(rid)`: 1 when `rid` is in the connection's `HitSet`, else 0.
func hitSetFunction(
    _ context: OpaquePointer?, _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard count == 1, let data = sqlite3_user_data(context), let value = values?[0] else {
        sqlite3_result_int(context, 0)
        return
    }
    let hits = Unmanaged<HitSet>.fromOpaque(data).takeUnretainedValue()
    sqlite3_result_int(context, hits.contains(sqlite3_value_int64(value)) ? 1 : 0)
}

/// Releases the reference `SQLiteDatabase.register(hits:)` handed to SQLite.
func hitSetRelease(_ data: UnsafeMutableRawPointer?) {
    guard let data else { return }
    Unmanaged<HitSet>.fromOpaque(data).release()
}
