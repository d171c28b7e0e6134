import Foundation
import OktaCore
import TestSupport
import Testing

@testable import UserStore

/// Opening a store written by the previous schema version (2) upgrades it in place, and every
/// query answers exactly as on a store created at the current version.
@Suite("Schema migration from version 2")
struct MigrationTests {
    /// A version-2 store holding the same users and runs as `source` (some removed).
    static func makeVersion2Store(copying source: URL, to url: URL) throws {
        let database = try SQLiteDatabase(path: url.path)
        for migration in StoreSchema.migrations.prefix(2) {
            try database.execute(migration)
        }
        try database.execute(
            """
            PRAGMA user_version = 2;
            ATTACH DATABASE '\(source.path)' AS source;
            INSERT INTO users SELECT * FROM source.users;
            INSERT INTO sync_runs SELECT * FROM source.sync_runs;
            DETACH DATABASE source;
            """)
    }

    static let filters: [UserFilter] = [
        .all, UserFilter(text: "ali"), UserFilter(text: "e"), UserFilter(text: "zo"),
        UserFilter(text: "n1"), UserFilter(text: "example.com"), UserFilter(text: "nobody"),
        UserFilter(text: "ali", includeRemoved: true), UserFilter(includeRemoved: true),
        UserFilter(statuses: ["ACTIVE"], text: "bob"), UserFilter.unusedSeats,
        UserFilter(statuses: ["SUSPENDED", "STAGED"], inactiveDays: 30),
        UserFilter(text: "eve", neverLoggedIn: true),
    ]

    @Test func version2StoreUpgradesAndAnswersAsANewOne() throws {
        let directory = try TemporaryDirectory(prefix: "userstore-migration")
        defer { directory.remove() }
        let currentURL = directory.url.appendingPathComponent("current.sqlite")
        let current = try UserStore(url: currentURL, now: { fixedNow })
        let population = PagingTests.population()
        try seed(current, population)
        // A complete full run without the first 100 users marks them removed.
        let run = try current.beginRun(mode: .full, at: fixedNow)
        _ = try current.storePage(Array(population.dropFirst(100)), run: run, at: fixedNow)
        #expect(
            try current.finishRun(
                run, outcome: .completed, requests: 1, rateLimited: 0,
                at: fixedNow) == 100)

        let oldURL = directory.url.appendingPathComponent("version2.sqlite")
        try Self.makeVersion2Store(copying: currentURL, to: oldURL)
        let upgraded = try UserStore(url: oldURL, now: { fixedNow })

        let check = try SQLiteDatabase(path: oldURL.path)
        #expect(try check.pragmaInt("user_version") == StoreSchema.currentVersion)
        let mismatched = try check.statement(
            """
            SELECT count(*) FROM users u LEFT JOIN users_text t ON t.rid = u.rid
            WHERE t.search IS NOT u.search
            """
        ).scalarInt()
        #expect(mismatched == 0)
        #expect(try check.statement("SELECT count(*) FROM users_text").scalarInt() == 1_500)

        for filter in Self.filters {
            #expect(try upgraded.count(filter) == (try current.count(filter)), "\(filter)")
            for key in UserSort.Key.allCases {
                let sort = UserSort(key, descending: key == .created)
                let expected = try current.rows(filter, sort: sort, offset: 0, limit: 2_000)
                let got = try upgraded.rows(filter, sort: sort, offset: 0, limit: 2_000)
                #expect(got.map(\.id) == expected.map(\.id), "\(filter) \(key)")
            }
        }
        let statuses = try current.statusCounts()
        #expect(try upgraded.statusCounts().map(\.status) == statuses.map(\.status))
        #expect(try upgraded.statusCounts().map(\.count) == statuses.map(\.count))
        let buckets = try current.lastLoginBuckets(now: fixedNow)
        #expect(try upgraded.lastLoginBuckets(now: fixedNow) == buckets)
        #expect(buckets.total == 1_400)
        let seats = try current.unusedSeatCount(now: fixedNow)
        #expect(try upgraded.unusedSeatCount(now: fixedNow) == seats)
        #expect(seats > 0)
    }

    @Test func upgradedStoreKeepsTheNarrowSearchTableInStepWithSyncs() throws {
        let directory = try TemporaryDirectory(prefix: "userstore-migration")
        defer { directory.remove() }
        let currentURL = directory.url.appendingPathComponent("current.sqlite")
        let people = [
            user(1, first: "Alice", last: "Smith", lastLogin: daysAgo(1)),
            user(2, first: "Bob", last: "Jones", lastLogin: daysAgo(200)),
        ]
        try seed(try UserStore(url: currentURL, now: { fixedNow }), people)
        let oldURL = directory.url.appendingPathComponent("version2.sqlite")
        try Self.makeVersion2Store(copying: currentURL, to: oldURL)
        let store = try UserStore(url: oldURL, now: { fixedNow })
        #expect(try store.count(UserFilter(text: "bo")) == 1)

        // Renamed, added, and one user gone: one- and two-character filters read users_text.
        let run = try store.beginRun(mode: .full, at: fixedNow)
        _ = try store.storePage(
            [user(2, first: "Quinn", last: "Jones"), user(3, first: "Qiu", last: "Xu")],
            run: run, at: fixedNow)
        try store.finishRun(run, outcome: .completed, requests: 1, rateLimited: 0, at: fixedNow)
        #expect(try store.count(UserFilter(text: "bo")) == 0)
        #expect(try store.count(UserFilter(text: "q")) == 2)
        #expect(try store.count(UserFilter(text: "qu")) == 1)
        #expect(try store.count(UserFilter(text: "quinn")) == 1)
        #expect(try store.count(UserFilter(text: "al")) == 0)
        #expect(try store.count(UserFilter(text: "al", includeRemoved: true)) == 1)
        #expect(try store.count(UserFilter(text: "alice", includeRemoved: true)) == 1)
        #expect(
            try store.rows(UserFilter(text: "q"), sort: UserSort(), offset: 0, limit: 10)
                .map(\.displayName) == ["Qiu Xu", "Quinn Jones"])
    }
}
