import Foundation

/// What the browser's filters test, for every user, in memory: status, whether removed, last
/// login and the search text, indexed by row id, and each sort order as row ids.
///
/// At a million users SQLite needs 0.1–1.4 s for a broad or short text filter, a status
/// filter or the utilization figures, because each must visit every matching row (or every
/// row). In memory the same answers take 3–26 ms: one pass over a few arrays, plus a byte scan
/// of the text (`SearchCorpus`). A page of the result is a walk of the sort's order array;
/// only the rows on screen are read from SQLite, by row id.
///
/// The cost is memory (about 82 MB at a million users: 48 MB of text, 13 MB of columns, 20 MB
/// of orders) and a build of about one and a half seconds, which
/// `UserStore.prepareForBrowsing()` does in the background in small steps. A snapshot belongs
/// to one data version: any write to the store makes it stale, and queries fall back to SQL
/// until it is rebuilt.
// FIXME: at a million users the browser peaks near 130 MB with the snapshot (the benchmark
// measured 39 MB before it existed), and until it is built (1-2 s after opening, or after
// another process synced; 28 s once with the store file out of the OS page cache) status,
// inactivity and sort changes are answered by SQL, up to 0.7 s with keys waiting. Any write makes it stale, even a sync that changed no user
// (it records its run), so every sync costs a rebuild.
final class BrowsingSnapshot {
    /// Per row id: 0 for no row, else 1 + the index into `statusNames`, plus `removedFlag`.
    private(set) var statusCodes: [UInt8]
    /// Per row id: `last_login_key` (Unix milliseconds, -1 for never).
    private(set) var lastLogins: [Int64]
    /// The distinct statuses seen, in order of first appearance (at most 127).
    private(set) var statusNames: [[UInt8]] = []
    var corpus = SearchCorpus()
    /// Per sort key, every row id in the index's order (key, then row id).
    var orders: [UserSort.Key: [UInt32]] = [:]
    let maxRid: Int64
    /// The last text looked up and its rows, so a text typed on tests only those.
    private var lastText: (text: [UInt8], rows: RowBits)?
    /// The last filter's rows: a table load counts them, then pages through them.
    private var lastFilter: (filter: UserFilter, now: Date, rows: RowBits)?

    static let removedFlag: UInt8 = 0x80

    init(maxRid: Int64) {
        self.maxRid = max(maxRid, 0)
        statusCodes = Array(repeating: 0, count: Int(self.maxRid) + 1)
        lastLogins = Array(repeating: -1, count: Int(self.maxRid) + 1)
    }

    enum BuildError: Error {
        /// More distinct statuses than a byte code can hold: the store is not what we expect,
        /// so the browser keeps using SQL.
        case tooManyStatuses
        /// Row ids beyond what the sort orders' 32-bit entries hold (users are never deleted
        /// one by one, so ids stay dense: this means over four billion users).
        case rowIDsTooLarge
    }

    /// Records one row's columns.
    func setRow(
        rid: Int64, status: UnsafeRawBufferPointer, removed: Bool, lastLogin: Int64
    ) throws {
        guard rid >= 0, rid <= maxRid else { return }
        var code = statusNames.firstIndex { Self.equal($0, status) }
        if code == nil {
            guard statusNames.count < 127 else { throw BuildError.tooManyStatuses }
            statusNames.append(Array(status))
            code = statusNames.count - 1
        }
        statusCodes[Int(rid)] = UInt8(code! + 1) | (removed ? Self.removedFlag : 0)
        lastLogins[Int(rid)] = lastLogin
    }

    /// Byte equality without building an array per row (a million rows per build).
    private static func equal(_ name: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard name.count == bytes.count else { return false }
        guard let other = bytes.baseAddress, !name.isEmpty else { return true }
        return name.withUnsafeBytes { memcmp($0.baseAddress!, other, name.count) } == 0
    }

    // MARK: - Filters

    /// The rows of `filter` at `now` (inactivity is measured from `now`). The last answer is
    /// kept, like the store's counts, until the data changes (and with it the snapshot).
    func rows(of filter: UserFilter, now: Date) -> RowBits {
        if let last = lastFilter, last.filter == filter, last.now == now { return last.rows }
        let rows = computeRows(of: filter, now: now)
        lastFilter = (filter, now, rows)
        return rows
    }

    /// Forgets the kept filter answer (its inactivity cutoffs were computed for another hour).
    func forgetFilterAnswers() {
        lastFilter = nil
    }

    /// How many rows `filter` has, leaving the kept answer alone (the utilization figures
    /// count several filters between a table's count and its page reads).
    func count(of filter: UserFilter, now: Date) -> Int {
        if let last = lastFilter, last.filter == filter, last.now == now {
            return last.rows.count
        }
        return computeRows(of: filter, now: now).count
    }

    private func computeRows(of filter: UserFilter, now: Date) -> RowBits {
        let text = filter.normalizedText.map(textRows)
        var onlyText = filter
        onlyText.text = nil
        if let text, !onlyText.isRestricting {
            // Text alone: the text's rows among the current (or all) rows, word by word.
            let base = filter.includeRemoved ? existingRows : currentRows
            return RowBits(words: zip(text.words, base.words).map { $0 & $1 })
        }
        var words = [UInt64](repeating: 0, count: Int(maxRid >> 6) + 1)
        let test = RowTest(filter, snapshot: self, now: now)
        statusCodes.withUnsafeBufferPointer { codes in
            lastLogins.withUnsafeBufferPointer { logins in
                for wordIndex in words.indices {
                    var candidates = text?.word(wordIndex) ?? ~0
                    var word: UInt64 = 0
                    while candidates != 0 {
                        let bit = candidates.trailingZeroBitCount
                        candidates &= candidates - 1
                        let rid = wordIndex << 6 | bit
                        guard rid < codes.count else { break }
                        if test.matches(code: codes[rid], lastLogin: logins[rid]) {
                            word |= 1 << UInt64(bit)
                        }
                    }
                    words[wordIndex] = word
                }
            }
        }
        return RowBits(words: words)
    }

    /// Every row id with a row, removed users included.
    private lazy var existingRows = RowBits(words: rowWords { code in code != 0 })
    /// Every current (not removed) user.
    private lazy var currentRows = RowBits(
        words: rowWords { code in code != 0 && code & Self.removedFlag == 0 })

    private func rowWords(_ test: (UInt8) -> Bool) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: Int(maxRid >> 6) + 1)
        for (rid, code) in statusCodes.enumerated() where test(code) {
            words[rid >> 6] |= 1 << UInt64(rid & 63)
        }
        return words
    }

    /// The rows whose search text contains `text`, removed users included.
    func textRows(_ text: String) -> RowBits {
        let needle = Array(text.utf8)
        if let last = lastText {
            if last.text == needle { return last.rows }
            // Typing on: only the rows of the shorter text can match. Testing them one by one
            // beats a full scan while they are a small part of the users.
            if needle.count > last.text.count,
                needle.firstRange(of: last.text) != nil,
                Int64(last.rows.count) * 8 < maxRid
            {
                let rows = corpus.rows(containing: needle, among: last.rows)
                lastText = (needle, rows)
                return rows
            }
        }
        let rows = corpus.rows(containing: needle)
        lastText = (needle, rows)
        return rows
    }

    /// Row ids `offset ..< offset + limit` of `rows` in `sort`'s order, found by walking the
    /// order array (backwards when descending); nil when that order was not read.
    func page(of rows: RowBits, sort: UserSort, offset: Int, limit: Int) -> [Int64]? {
        guard let order = orders[sort.key] else { return nil }
        var page: [Int64] = []
        var skipped = 0
        func visit(_ rid: UInt32) -> Bool {
            guard rows.contains(Int64(rid)) else { return true }
            if skipped < offset {
                skipped += 1
                return true
            }
            page.append(Int64(rid))
            return page.count < limit
        }
        if sort.descending {
            for rid in order.reversed() where !visit(rid) { break }
        } else {
            for rid in order where !visit(rid) { break }
        }
        return page
    }

    /// Where row `rid` stands among `rows` in `sort`'s order (the offset `page` would return
    /// it at), or nil when it is not among them or that order was not read. One walk of the
    /// order array, stopping at the row: at most a few milliseconds at a million users.
    func position(of rid: Int64, in rows: RowBits, sort: UserSort) -> Int? {
        guard rows.contains(rid), let order = orders[sort.key] else { return nil }
        let target = UInt32(truncatingIfNeeded: rid)
        // Raw buffers: this walk runs on every filter or sort change of the table.
        return rows.words.withUnsafeBufferPointer { words in
            order.withUnsafeBufferPointer { entries -> Int? in
                func walk(_ indices: some Sequence<Int>) -> Int? {
                    var before = 0
                    for index in indices {
                        let entry = entries[index]
                        if entry == target { return before }
                        let word = Int(entry >> 6)
                        if word < words.count, words[word] & (1 << UInt64(entry & 63)) != 0 {
                            before += 1
                        }
                    }
                    return nil
                }
                return sort.descending
                    ? walk(stride(from: entries.count - 1, through: 0, by: -1))
                    : walk(0..<entries.count)
            }
        }
    }

    /// Every current user, or every user with `includeRemoved`: the rows of a filter that
    /// restricts nothing else, kept rather than computed row by row.
    func unrestrictedRows(includeRemoved: Bool) -> RowBits {
        includeRemoved ? existingRows : currentRows
    }

    /// Current users per status, largest first (the status picker and the utilization chart).
    func statusCounts() -> [(status: String, count: Int)] {
        var counts = [Int](repeating: 0, count: statusNames.count + 1)
        for code in statusCodes where code != 0 && code & Self.removedFlag == 0 {
            counts[Int(code)] += 1
        }
        return statusNames.indices
            .map { (String(decoding: statusNames[$0], as: UTF8.self), counts[$0 + 1]) }
            .filter { $0.1 > 0 }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    /// Current users by last login, as `UserStore.lastLoginBuckets(now:)` counts them.
    func lastLoginBuckets(now: Date) -> LastLoginBuckets {
        let day7 = StoreTime.cutoff(now, days: 7)
        let day30 = StoreTime.cutoff(now, days: 30)
        let day90 = StoreTime.cutoff(now, days: 90)
        var buckets = LastLoginBuckets(
            within7Days: 0, within30Days: 0, within90Days: 0, older: 0, never: 0)
        for (code, login) in zip(statusCodes, lastLogins)
        where code != 0 && code & Self.removedFlag == 0 {
            if login < 0 {
                buckets.never += 1
            } else if login >= day7 {
                buckets.within7Days += 1
            } else if login >= day30 {
                buckets.within30Days += 1
            } else if login >= day90 {
                buckets.within90Days += 1
            } else {
                buckets.older += 1
            }
        }
        return buckets
    }
}

/// One filter's conditions other than the text, compiled for the per-row test: the same
/// comparisons `UserStore.filterSQL` writes as SQL.
private struct RowTest {
    var includeRemoved: Bool
    /// Indexed by status code; nil when any status passes.
    var allowedCodes: [Bool]?
    var loginBelow = Int64.max
    var loginAtLeast = Int64.min

    init(_ filter: UserFilter, snapshot: BrowsingSnapshot, now: Date) {
        includeRemoved = filter.includeRemoved
        if let statuses = filter.statuses {
            let names = Set(statuses.map { Array($0.utf8) })
            allowedCodes =
                [false] + snapshot.statusNames.map { names.contains($0) }
        }
        if let days = filter.inactiveDays {
            loginBelow = min(loginBelow, StoreTime.cutoff(now, days: days))
        }
        if filter.neverLoggedIn { loginBelow = min(loginBelow, 0) }
        if let days = filter.loggedInWithinDays {
            loginAtLeast = max(loginAtLeast, StoreTime.cutoff(now, days: days))
        }
        if filter.hasLoggedIn { loginAtLeast = max(loginAtLeast, 0) }
    }

    @inline(__always)
    func matches(code: UInt8, lastLogin: Int64) -> Bool {
        guard code != 0 else { return false }
        if !includeRemoved, code & BrowsingSnapshot.removedFlag != 0 { return false }
        if let allowedCodes, !allowedCodes[Int(code & ~BrowsingSnapshot.removedFlag)] {
            return false
        }
        return lastLogin < loginBelow && lastLogin >= loginAtLeast
    }
}
