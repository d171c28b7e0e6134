import Foundation
import OktaCore
import TestSupport
import Testing

@testable import UserStore

/// The in-memory snapshot (`prepareForBrowsing`) must give exactly what SQL gives: the same
/// counts, the same rows in the same order, the same utilization figures, and never an answer
/// from data that has changed since it was built.
@Suite("Browsing snapshot")
struct BrowsingSnapshotTests {
    static let statuses = [
        "ACTIVE", "ACTIVE", "ACTIVE", "SUSPENDED", "STAGED", "PROVISIONED", "LOCKED_OUT",
        "PASSWORD_EXPIRED", "RECOVERY", "DEPROVISIONED",
    ]
    static let firstNames = [
        "Ada", "Li", "José", "山田", "Zoë", "Eve", "Smith", "Ünal", "Al", "ſamuel", "Οδος", "Samuel",
    ]
    static let lastNames = ["Lovelace", "Smith", "Müller", "太郎", "Garcia", "Li", "O'Brien"]

    /// 700 users with every status, logins from never to years ago, and names that share
    /// substrings; then a second full run without the last 60, which marks them removed.
    static func seededStore() throws -> (URL, TemporaryDirectory) {
        let directory = try TemporaryDirectory(prefix: "snapshot-test")
        let url = directory.url.appendingPathComponent("users.sqlite")
        let store = try UserStore(url: url, now: { fixedNow })
        let users = (1...700).map { number in
            let login: Date? =
                number % 7 == 0 ? nil : daysAgo(Double((number * 37) % 400) + 0.5)
            return user(
                number, first: firstNames[number % firstNames.count],
                last: lastNames[(number / 3) % lastNames.count],
                status: statuses[number % statuses.count], lastLogin: login)
        }
        try seed(store, users)
        try seed(store, Array(users.dropLast(60)))
        return (url, directory)
    }

    static let filters: [UserFilter] = {
        var filters: [UserFilter] = []
        let texts: [String?] = [
            nil, "a", "e", "li", "zz", "ada", "smith", "example.com", "é", "山", "müller", "o'b",
            "LI", " al ", "13@", "lovelace13", "sam", "ſam", "δοσ", "οδος",
        ]
        let statusSets: [Set<String>?] = [
            nil, ["ACTIVE"], ["LOCKED_OUT", "SUSPENDED"], [], ["NOT_A_STATUS"],
            UserFilter.seatStatuses,
        ]
        for text in texts {
            for statuses in statusSets {
                filters.append(UserFilter(statuses: statuses, text: text))
            }
            filters.append(UserFilter(text: text, includeRemoved: true))
            filters.append(UserFilter(text: text, inactiveDays: 30))
        }
        filters += [
            UserFilter(inactiveDays: 90), UserFilter(neverLoggedIn: true),
            UserFilter(hasLoggedIn: true), UserFilter(loggedInWithinDays: 7),
            UserFilter(statuses: ["DEPROVISIONED"], includeRemoved: true),
            UserFilter(inactiveDays: 60, includeRemoved: true), .unusedSeats,
        ]
        filters += LastLoginBucket.allCases.map(\.filter)
        return filters
    }()

    @Test func everyFilterCountsAndOrdersExactlyAsSQL() throws {
        let (url, directory) = try Self.seededStore()
        defer { directory.remove() }
        let sql = try UserStore(url: url, now: { fixedNow })
        let memory = try UserStore(url: url, now: { fixedNow })
        #expect(try memory.prepareForBrowsing())
        #expect(memory.isPreparedForBrowsing)
        #expect(!sql.isPreparedForBrowsing)

        var nonEmpty = 0
        for filter in Self.filters {
            let expected = try sql.count(filter)
            #expect(try memory.count(filter) == expected, "\(filter)")
            if expected > 0 { nonEmpty += 1 }
            for key in UserSort.Key.allCases {
                for descending in [false, true] {
                    let sort = UserSort(key, descending: descending)
                    let all = try sql.rows(filter, sort: sort, offset: 0, limit: 1000).map(\.id)
                    #expect(all.count == expected)
                    let fast = try memory.rows(filter, sort: sort, offset: 0, limit: 1000)
                    #expect(fast.map(\.id) == all, "\(filter) \(sort)")
                    // A page in the middle and the last page, as the table reads them.
                    for offset in [expected / 2, max(0, expected - 7)] {
                        let page = try memory.rows(filter, sort: sort, offset: offset, limit: 7)
                        #expect(
                            page.map(\.id) == Array(all.dropFirst(offset).prefix(7)),
                            "\(filter) \(sort) at \(offset)")
                    }
                }
            }
        }
        // The fixture really exercises the filters: most of them match someone.
        #expect(nonEmpty > Self.filters.count / 2)
    }

    /// Far from every page anchor, an unrestricted view's page comes from the snapshot's
    /// order; it is SQL's page, and the moves after it (from its anchors) are too.
    @Test func farPagesFromTheSnapshotAreSQLsPages() throws {
        let (url, directory) = try Self.seededStore()
        defer { directory.remove() }
        let sql = try UserStore(url: url, now: { fixedNow })
        let memory = try UserStore(url: url, now: { fixedNow })
        #expect(try memory.prepareForBrowsing())
        memory.state.withLock { $0.snapshotWalkThreshold = 10 }
        for filter in [UserFilter.all, UserFilter(includeRemoved: true)] {
            for key in UserSort.Key.allCases {
                for descending in [false, true] {
                    let sort = UserSort(key, descending: descending)
                    let all = try sql.rows(filter, sort: sort, offset: 0, limit: 1000).map(\.id)
                    for offset in [300, 301, 299, 500, 20] {
                        let page = try memory.rows(filter, sort: sort, offset: offset, limit: 9)
                        #expect(
                            page.map(\.id) == Array(all.dropFirst(offset).prefix(9)),
                            "\(filter) \(sort) at \(offset)")
                    }
                }
            }
        }
    }

    /// A user's position in a view is where SQL's rows put them; nil when they are not in it,
    /// and nil without the snapshot (the browser then falls back to the rows it read).
    @Test func positionsAreWhereTheRowsPutEachUser() throws {
        let (url, directory) = try Self.seededStore()
        defer { directory.remove() }
        let sql = try UserStore(url: url, now: { fixedNow })
        let memory = try UserStore(url: url, now: { fixedNow })
        #expect(try memory.prepareForBrowsing())
        let everyone = try sql.rows(
            UserFilter(includeRemoved: true), sort: UserSort(), offset: 0, limit: 1000
        ).map(\.id)
        let probes = stride(from: 0, to: everyone.count, by: 37).map { everyone[$0] }
        var found = 0
        for filter in Self.filters.prefix(60) {
            for sort in [UserSort(.name), UserSort(.lastLogin, descending: true)] {
                let all = try sql.rows(filter, sort: sort, offset: 0, limit: 1000).map(\.id)
                for id in probes {
                    let position = try memory.countAndPosition(filter, sort: sort, ofUser: id)
                        .position
                    #expect(position == all.firstIndex(of: id), "\(id) \(filter) \(sort)")
                    if position != nil { found += 1 }
                }
            }
        }
        #expect(found > 100)
        #expect(
            try sql.countAndPosition(.all, sort: UserSort(), ofUser: everyone[5]).position == nil)
        #expect(
            try memory.countAndPosition(.all, sort: UserSort(), ofUser: "00uNOSUCHUSER").position
                == nil)
    }

    @Test func typingOnNarrowsTheSameAsSQL() throws {
        let (url, directory) = try Self.seededStore()
        defer { directory.remove() }
        let sql = try UserStore(url: url, now: { fixedNow })
        let memory = try UserStore(url: url, now: { fixedNow })
        #expect(try memory.prepareForBrowsing())
        for word in ["lovelace13", "smith.li", "zoë.müller", "example.com", "l", "a"] {
            var typed = ""
            for character in word {
                typed.append(character)
                let filter = UserFilter(text: typed)
                let expected = try sql.rows(filter, sort: UserSort(), offset: 0, limit: 1000)
                #expect(
                    try memory.rows(filter, sort: UserSort(), offset: 0, limit: 1000).map(\.id)
                        == expected.map(\.id), "\(typed)")
                #expect(try memory.count(filter) == expected.count)
            }
        }
    }

    @Test func utilizationFiguresMatchSQL() throws {
        let (url, directory) = try Self.seededStore()
        defer { directory.remove() }
        let sql = try UserStore(url: url, now: { fixedNow })
        let memory = try UserStore(url: url, now: { fixedNow })
        #expect(try memory.prepareForBrowsing())
        let expected = try sql.usageFigures(now: fixedNow)
        let figures = try memory.usageFigures(now: fixedNow)
        #expect(figures.total == expected.total)
        #expect(figures.total == 640)
        #expect(figures.statusCounts.map(\.status) == expected.statusCounts.map(\.status))
        #expect(figures.statusCounts.map(\.count) == expected.statusCounts.map(\.count))
        #expect(figures.lastLogin == expected.lastLogin)
        #expect(figures.seatHolders == expected.seatHolders)
        #expect(figures.unusedSeats == expected.unusedSeats)
        #expect(try memory.statusCounts().map(\.count) == expected.statusCounts.map(\.count))
        #expect(try memory.lastLoginBuckets(now: fixedNow) == expected.lastLogin)
    }

    @Test func aWriteMakesTheSnapshotStaleAndSQLAnswers() throws {
        let (url, directory) = try Self.seededStore()
        defer { directory.remove() }
        let browser = try UserStore(url: url, now: { fixedNow })
        #expect(try browser.prepareForBrowsing())
        let before = try browser.count(UserFilter(text: "newcomer"))
        #expect(before == 0)

        // Another connection (a sync in another process) adds a user.
        let writer = try UserStore(url: url, now: { fixedNow })
        let run = try writer.beginRun(mode: .incremental, at: fixedNow)
        _ = try writer.storePage(
            [user(9001, first: "Newcomer", last: "Person", lastLogin: daysAgo(1))], run: run,
            at: fixedNow)
        try writer.finishRun(run, outcome: .completed, requests: 1, rateLimited: 0, at: fixedNow)

        #expect(try browser.count(UserFilter(text: "newcomer")) == 1)
        #expect(!browser.isPreparedForBrowsing)
        #expect(try browser.prepareForBrowsing())
        #expect(try browser.count(UserFilter(text: "newcomer")) == 1)
        let rows = try browser.rows(
            UserFilter(text: "newcomer"), sort: UserSort(), offset: 0, limit: 5)
        #expect(rows.map(\.displayName) == ["Newcomer Person"])
    }

    @Test func aWriteDuringTheBuildAbandonsIt() throws {
        let (url, directory) = try Self.seededStore()
        defer { directory.remove() }
        let browser = try UserStore(url: url, now: { fixedNow })
        let writer = try UserStore(url: url, now: { fixedNow })
        var steps = 0
        let ready = try browser.prepareForBrowsing(afterStep: {
            steps += 1
            guard steps == 2 else { return }
            let run = try writer.beginRun(mode: .incremental, at: fixedNow)
            _ = try writer.storePage(
                [user(9002, first: "Midway", last: "Writer")], run: run, at: fixedNow)
            try writer.finishRun(
                run, outcome: .completed, requests: 1, rateLimited: 0, at: fixedNow)
        })
        #expect(!ready)
        #expect(!browser.isPreparedForBrowsing)
        #expect(try browser.count(UserFilter(text: "midway")) == 1)
        #expect(try browser.prepareForBrowsing())
        #expect(try browser.count(UserFilter(text: "midway")) == 1)
    }

    @Test func aWriteWhileTheIndexScanIsOpenAbandonsTheBuild() throws {
        let (url, directory) = try Self.seededStore()
        defer { directory.remove() }
        let browser = try UserStore(url: url, now: { fixedNow })
        let writer = try UserStore(url: url, now: { fixedNow })
        var steps = 0
        // One step for the text, then 100 index entries per step: the write lands while the
        // scan of the last-login index is open (its read transaction still sees the old data).
        let ready = try browser.prepareForBrowsing(
            afterStep: {
                steps += 1
                guard steps == 4 else { return }
                let run = try writer.beginRun(mode: .incremental, at: fixedNow)
                _ = try writer.storePage(
                    [user(3, first: "Renamed", last: "Later", status: "SUSPENDED")], run: run,
                    at: fixedNow)
                try writer.finishRun(
                    run, outcome: .completed, requests: 1, rateLimited: 0, at: fixedNow)
            }, entriesPerStep: 100)
        #expect(steps > 4)
        #expect(!ready)
        #expect(!browser.isPreparedForBrowsing)
        #expect(try browser.count(UserFilter(text: "renamed")) == 1)
        #expect(try browser.prepareForBrowsing())
        #expect(try browser.count(UserFilter(statuses: ["SUSPENDED"], text: "renamed")) == 1)
    }

    @Test func queriesDuringTheBuildStillWork() throws {
        let (url, directory) = try Self.seededStore()
        defer { directory.remove() }
        let browser = try UserStore(url: url, now: { fixedNow })
        let sql = try UserStore(url: url, now: { fixedNow })
        let small = UserFilter(statuses: ["LOCKED_OUT"])
        var steps = 0
        var checked = 0
        // While the index scan is open, the browser copies small results into temporary
        // tables (a status filter, then another sort of it, then a text filter's hits).
        let ready = try browser.prepareForBrowsing(
            afterStep: {
                steps += 1
                guard steps >= 3 else { return }
                for sort in [UserSort(.login), UserSort(.name, descending: true)] {
                    let rows = try browser.rows(small, sort: sort, offset: 0, limit: 1000)
                    #expect(
                        rows.map(\.id)
                            == (try sql.rows(small, sort: sort, offset: 0, limit: 1000).map(\.id)))
                }
                let text = UserFilter(text: "lovelace1")
                #expect(try browser.count(text) == (try sql.count(text)))
                _ = try browser.rows(text, sort: UserSort(.created), offset: 0, limit: 5)
                checked += 1
            }, entriesPerStep: 100)
        #expect(ready)
        #expect(checked > 2)
    }

    @Test func inactivityCountsMoveOnWithTheClock() throws {
        let directory = try TemporaryDirectory(prefix: "snapshot-test")
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("users.sqlite")
        let clock = Locked(fixedNow)
        let writer = try UserStore(url: url, now: { fixedNow })
        try seed(writer, [user(1, first: "Idle", last: "Soon", lastLogin: daysAgo(29.5))])
        let sql = try UserStore(url: url, now: { clock.withLock { $0 } })
        let memory = try UserStore(url: url, now: { clock.withLock { $0 } })
        #expect(try memory.prepareForBrowsing())
        let inactive = UserFilter(inactiveDays: 30)
        for store in [sql, memory] { #expect(try store.count(inactive) == 0) }
        // A day later (the browser left open), the user has been idle for 30.5 days.
        clock.withLock { $0 = fixedNow.addingTimeInterval(86_400) }
        for store in [sql, memory] {
            #expect(try store.count(inactive) == 1)
            #expect(try store.rows(inactive, sort: UserSort(), offset: 0, limit: 5).count == 1)
        }
        #expect(memory.isPreparedForBrowsing)
    }

    @Test func moreStatusesThanACodeHoldsLeaveTheStoreOnSQL() throws {
        let directory = try TemporaryDirectory(prefix: "snapshot-test")
        defer { directory.remove() }
        let store = try UserStore(
            url: directory.url.appendingPathComponent("users.sqlite"), now: { fixedNow })
        try seed(store, (1...130).map { user($0, first: "U", last: "\($0)", status: "S\($0)") })
        #expect(throws: (any Error).self) { try store.prepareForBrowsing() }
        #expect(!store.isPreparedForBrowsing)
        #expect(try store.count(UserFilter(statuses: ["S7"])) == 1)
    }
}

/// The byte scan itself, on records built by hand: boundaries between records and segments,
/// empty records (row ids without a row), and narrowing from an earlier text's rows.
@Suite("Search corpus")
struct SearchCorpusTests {
    /// `texts[rid]` (nil: no row) in segments, as the store builds them.
    static func corpus(_ texts: [Int64: String]) -> SearchCorpus {
        var corpus = SearchCorpus()
        let maxRid = texts.keys.max() ?? 0
        let segments = maxRid / SearchCorpus.segmentSize + 1
        for segment in 0..<segments {
            let range =
                (segment * SearchCorpus.segmentSize)..<((segment + 1) * SearchCorpus.segmentSize)
            corpus.appendSegment { append in
                for rid in texts.keys.sorted() where range.contains(rid) {
                    Array(texts[rid]!.utf8).withUnsafeBytes { append(rid, $0) }
                }
            }
        }
        return corpus
    }

    static func naive(_ texts: [Int64: String], _ needle: String) -> [Int64] {
        texts.filter { Array($0.value.utf8).firstRange(of: Array(needle.utf8)) != nil }
            .keys.sorted()
    }

    static func rids(_ bits: RowBits) -> [Int64] {
        var rids: [Int64] = []
        bits.forEach { rids.append($0) }
        return rids
    }

    @Test func findsExactlyTheRecordsContainingTheText() {
        let size = SearchCorpus.segmentSize
        let texts: [Int64: String] = [
            1: "ab", 2: "cd", 3: "abcd", 5: "", 6: "bc", 7: "xxab\nab", 9: "é", 10: "e\u{301}",
            size - 1: "tail-ab", size: "head-ab", size + 6: "bcd", 5 * size + 3: "a",
        ]
        let corpus = Self.corpus(texts)
        // "bc" spans records 1–2 ("ab" + "cd") in the buffer but matches neither.
        for needle in ["ab", "bc", "abcd", "b", "d", "é", "e", "-ab", "ab\nab", "zz", "a"] {
            #expect(
                Self.rids(corpus.rows(containing: Array(needle.utf8))) == Self.naive(texts, needle),
                "\(needle)")
        }
        #expect(Self.rids(corpus.rows(containing: [])) == [])
    }

    @Test func narrowingFromEarlierRowsGivesTheSameAnswer() {
        var texts: [Int64: String] = [:]
        for rid in Int64(0)..<3_000 {
            texts[rid * 7] = "user\(rid)-\(rid % 13 == 0 ? "smith" : "jones")@example.com"
        }
        let corpus = Self.corpus(texts)
        let earlier = corpus.rows(containing: Array("smi".utf8))
        #expect(earlier.count == Self.naive(texts, "smi").count)
        let narrowed = corpus.rows(containing: Array("smith".utf8), among: earlier)
        #expect(Self.rids(narrowed) == Self.naive(texts, "smith"))
        let full = corpus.rows(containing: Array("1-smith".utf8))
        #expect(Self.rids(full) == Self.naive(texts, "1-smith"))
    }
}
