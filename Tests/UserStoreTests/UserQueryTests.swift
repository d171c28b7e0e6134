import Foundation
import OktaCore
import TestSupport
import Testing

@testable import UserStore

@Suite("User store queries")
struct UserQueryTests {
    let people: [OktaUser] = [
        user(1, first: "Alice", last: "Smith", lastLogin: daysAgo(1)),
        user(2, first: "Bob", last: "Jones", status: "SUSPENDED", lastLogin: daysAgo(20)),
        user(3, first: "Carol", last: "Alison", status: "DEPROVISIONED", lastLogin: daysAgo(200)),
        user(4, first: "Dave", last: "Brown", status: "STAGED"),
        user(5, first: "李", last: "小龍", lastLogin: daysAgo(45)),
        user(6, first: "Eve", last: "Malice", status: "LOCKED_OUT", lastLogin: daysAgo(120)),
        user(7, first: "Zoë", last: "Ünal", status: "PASSWORD_EXPIRED"),
    ]

    @Test func countsAndStatusFilters() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, people)

        #expect(try store.userCount() == 7)
        #expect(try store.count(UserFilter(statuses: ["ACTIVE"])) == 2)
        #expect(try store.count(UserFilter(statuses: ["STAGED", "SUSPENDED"])) == 2)
        #expect(try store.count(UserFilter(statuses: [])) == 0)
        let counts = try store.statusCounts()
        #expect(counts.first?.status == "ACTIVE")
        #expect(counts.first?.count == 2)
        #expect(counts.map(\.count).reduce(0, +) == 7)
    }

    @Test func textFilterMatchesSubstringsCaseInsensitively() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, people)

        func ids(_ text: String) throws -> [String] {
            try store.rows(UserFilter(text: text), sort: UserSort(), offset: 0, limit: 50)
                .map(\.id).sorted()
        }
        // "ali" is in Alice, Alison, Malice: a substring, not only a prefix.
        #expect(try ids("ALI") == [people[0].id, people[2].id, people[5].id])
        #expect(try store.count(UserFilter(text: "ali")) == 3)
        #expect(try ids("li") == [people[0].id, people[2].id, people[5].id])
        #expect(try ids("小龍") == [people[4].id])
        #expect(try ids("zoë") == [people[6].id])
        #expect(try ids("jones2@") == [people[1].id])
        #expect(try ids("nobody-here") == [])
        #expect(try store.count(UserFilter(statuses: ["ACTIVE"], text: "ali")) == 1)
    }

    @Test func inactivityAndNeverLoggedIn() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, people)

        let never = try store.rows(
            UserFilter(neverLoggedIn: true), sort: UserSort(.name), offset: 0, limit: 10)
        #expect(never.map(\.firstName) == ["Dave", "Zoë"])
        // Not logged in for 30 days includes those who never did.
        #expect(try store.count(UserFilter(inactiveDays: 30)) == 5)
        #expect(try store.count(UserFilter(inactiveDays: 90)) == 4)
        #expect(try store.count(UserFilter.unusedSeats) == 2)
        #expect(try store.unusedSeatCount(now: fixedNow) == 2)
    }

    @Test func lastLoginBucketsUseTheInjectedNow() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, people)

        let buckets = try store.lastLoginBuckets(now: fixedNow)
        #expect(
            buckets
                == LastLoginBuckets(
                    within7Days: 1, within30Days: 1, within90Days: 1, older: 2, never: 2))
        for bucket in LastLoginBucket.allCases {
            let expected: Int
            switch bucket {
            case .within7Days: expected = buckets.within7Days
            case .within30Days: expected = buckets.within30Days
            case .within90Days: expected = buckets.within90Days
            case .older: expected = buckets.older
            case .never: expected = buckets.never
            }
            #expect(try store.count(bucket.filter) == expected, "\(bucket)")
        }
        let later = try store.lastLoginBuckets(now: fixedNow.addingTimeInterval(10 * 86_400))
        #expect(later.within7Days == 0)
        #expect(later.total == 7)
    }

    @Test func sortsByEveryKeyBothWays() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, people)

        for key in UserSort.Key.allCases {
            let ascending = try store.rows(
                .all, sort: UserSort(key), offset: 0, limit: 10)
            let descending = try store.rows(
                .all, sort: UserSort(key, descending: true), offset: 0, limit: 10)
            #expect(ascending.count == 7)
            #expect(descending.map(\.id) == ascending.map(\.id).reversed(), "\(key)")
        }
        let byName = try store.rows(.all, sort: UserSort(.name), offset: 0, limit: 10)
        #expect(byName.first?.firstName == "Alice")
        #expect(byName.last?.firstName == "李")
        let byLogin = try store.rows(
            .all, sort: UserSort(.lastLogin, descending: true), offset: 0, limit: 1)
        #expect(byLogin.first?.firstName == "Alice")
    }

    @Test func userByIdHasTheFullProfile() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        let custom = user(
            9, first: "Grace", last: "Hopper",
            extra: [
                "badges": .array([.string("navy"), .number(1906)]),
                "manager": .object(["id": .string("00u1"), "active": .bool(true)]),
                "bio": .string("<b>html</b> \"quoted\"\n"), "nothing": .null,
            ])
        try seed(store, [custom])

        let stored = try #require(try store.user(id: custom.id))
        #expect(stored.profile == custom.profile)
        #expect(stored.oktaUser == custom)
        #expect(try store.user(id: "00uMISSING") == nil)
        #expect(try store.rows(.all, sort: UserSort(), offset: 0, limit: 1).first?.profile == [:])
    }

    @Test func removalIsMarkedOnlyByACompletedFullRun() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, people)
        let remaining = Array(people.dropFirst(2))

        let interrupted = try store.beginRun(mode: .full, at: fixedNow)
        _ = try store.storePage(remaining, run: interrupted, at: fixedNow)
        let none = try store.finishRun(
            interrupted, outcome: .interrupted, requests: 1, rateLimited: 0, at: fixedNow)
        #expect(none == 0)
        #expect(try store.userCount() == 7)

        let incremental = try store.beginRun(mode: .incremental, at: fixedNow)
        _ = try store.storePage(remaining, run: incremental, at: fixedNow)
        #expect(
            try store.finishRun(
                incremental, outcome: .completed, requests: 1, rateLimited: 0, at: fixedNow) == 0)

        let full = try store.beginRun(mode: .full, at: fixedNow)
        _ = try store.storePage(remaining, run: full, at: fixedNow)
        let removed = try store.finishRun(
            full, outcome: .completed, requests: 1, rateLimited: 0, at: fixedNow)
        #expect(removed == 2)
        #expect(try store.userCount() == 5)
        #expect(try store.count(UserFilter(includeRemoved: true)) == 7)
        #expect(try store.user(id: people[0].id)?.removedAt == fixedNow)

        // A user that comes back is current again and counts as updated.
        let back = try store.beginRun(mode: .incremental, at: fixedNow)
        let result = try store.storePage([people[0]], run: back, at: fixedNow)
        #expect(result == PageWriteResult(added: 0, updated: 1, unchanged: 0))
        #expect(try store.user(id: people[0].id)?.removedAt == nil)
    }

    @Test func upsertCountsAddedUpdatedUnchanged() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        let run = try store.beginRun(mode: .full, at: fixedNow)
        #expect(
            try store.storePage(people, run: run, at: fixedNow)
                == PageWriteResult(added: 7, updated: 0, unchanged: 0))
        var changed = people
        changed[1].status = "ACTIVE"
        changed[2].profile["title"] = .string("CTO")
        #expect(
            try store.storePage(changed, run: run, at: fixedNow)
                == PageWriteResult(added: 0, updated: 2, unchanged: 5))
        #expect(try store.user(id: people[2].id)?.profile["title"] == .string("CTO"))
        let recorded = try #require(try store.lastSync())
        #expect(recorded.pages == 2)
        #expect(recorded.added == 7)
        #expect(recorded.updated == 2)
        #expect(recorded.outcome == .running)
    }

    @Test func reopeningKeepsDataAndSchemaVersion() throws {
        let directory = try TemporaryDirectory(prefix: "userstore-reopen")
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("users.sqlite")
        do {
            let store = try UserStore(url: url)
            try seed(store, people)
        }
        let reopened = try UserStore(url: url)
        #expect(try reopened.userCount() == 7)
        #expect(try reopened.lastCompletedFullSync()?.usersSeen == 7)
    }

    /// A long text typed after a broad one is found by scanning the narrow search table rather
    /// than by the trigram index; both must give the same users in the same order.
    @Test func scanAndTrigramIndexFindTheSameUsers() throws {
        let (scanned, directory) = try makeStore()
        defer { directory.remove() }
        let (indexed, other) = try makeStore()
        defer { other.remove() }
        let population = PagingTests.population()
        try seed(scanned, population)
        try seed(indexed, population)

        let probe = HitSet()
        probe.reset(for: "e", maxRid: 1_500)
        for rid in 1...1_500 { probe.insert(Int64(rid)) }
        probe.reset(for: "example.com", maxRid: 1_500)
        #expect(UserStore.scanBeatsTrigrams("example.com", hits: probe, rows: 1_500))
        #expect(!UserStore.scanBeatsTrigrams("exa", hits: probe, rows: 1_500))

        for text in ["example.com", "émile", "zoë.n", "ali", "李.n1", "nobody-here"] {
            let broad = UserFilter(text: "e")
            #expect(try scanned.count(broad) == 1_500)
            // Reads the broad text's hits again (the count alone may come from the cache).
            #expect(try scanned.rows(broad, sort: UserSort(), offset: 0, limit: 1).count == 1)
            let filter = UserFilter(text: text)
            let count = try indexed.count(filter)
            #expect(try scanned.count(filter) == count, "\(text)")
            for key in UserSort.Key.allCases {
                let sort = UserSort(key)
                #expect(
                    try scanned.rows(filter, sort: sort, offset: 0, limit: 2_000).map(\.id)
                        == indexed.rows(filter, sort: sort, offset: 0, limit: 2_000).map(\.id),
                    "\(text) \(key)")
            }
        }
        #expect(try indexed.count(UserFilter(text: "émile")) > 0)
        #expect(try indexed.count(UserFilter(text: "zoë.n")) > 0)
    }
}
