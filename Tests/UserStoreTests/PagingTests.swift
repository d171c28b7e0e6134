import Foundation
import OktaCore
import TestSupport
import Testing

@testable import UserStore

/// Every way of reading a page (from the start, from the end, from an anchor, from an ordered
/// temporary table) must return exactly the rows a plain sort would.
@Suite("Paging through sorted, filtered users")
struct PagingTests {
    static let firsts = ["alice", "Bob", "carol", "Dave", "李", "zoë", "Émile", "eve"]
    static let statuses = ["ACTIVE", "ACTIVE", "ACTIVE", "SUSPENDED", "DEPROVISIONED", "STAGED"]

    static func population() -> [OktaUser] {
        (0..<1_500).map { index in
            user(
                index, first: firsts[index % firsts.count], last: "N\(index % 37)",
                status: statuses[index % statuses.count],
                lastLogin: index % 5 == 0 ? nil : daysAgo(Double(index % 400)),
                created: daysAgo(Double(index % 97)))
        }
    }

    /// The reference order computed in Swift from what the store returns unpaged.
    func reference(_ store: UserStore, _ filter: UserFilter, _ sort: UserSort) throws -> [String] {
        let all = try store.rows(filter, sort: UserSort(.login), offset: 0, limit: 10_000)
        #expect(all.count == (try store.count(filter)))
        return all.map(\.id)
    }

    @Test(arguments: [
        UserFilter.all, UserFilter(statuses: ["ACTIVE"]), UserFilter(text: "ali"),
        UserFilter(text: "e"), UserFilter(inactiveDays: 90, includeRemoved: true),
    ])
    func pagesMatchOneUnpagedRead(filter: UserFilter) throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, Self.population())
        let total = try store.count(filter)
        #expect(total > 0)

        for key in UserSort.Key.allCases {
            for descending in [false, true] {
                let sort = UserSort(key, descending: descending)
                let expected = try store.rows(filter, sort: sort, offset: 0, limit: 10_000)
                    .map(\.id)
                #expect(expected.count == total)
                #expect(Set(expected).count == total)

                // Row by row downwards (anchors), a jump to the end, pages upwards.
                var window = 20
                for offset in stride(from: 0, to: min(total, 60), by: 1) {
                    let page = try store.rows(filter, sort: sort, offset: offset, limit: window)
                    #expect(page.map(\.id) == Array(expected[offset..<min(total, offset + window)]))
                }
                window = 25
                let last = max(0, total - window)
                #expect(
                    try store.rows(filter, sort: sort, offset: last, limit: window).map(\.id)
                        == Array(expected[last...]))
                for offset in stride(from: last, through: 0, by: -window) {
                    let page = try store.rows(filter, sort: sort, offset: offset, limit: window)
                    #expect(page.map(\.id) == Array(expected[offset..<min(total, offset + window)]))
                }
                let middle = total / 2
                #expect(
                    try store.rows(filter, sort: sort, offset: middle, limit: 7).map(\.id)
                        == Array(expected[middle..<min(total, middle + 7)]))
            }
        }
        #expect(try store.rows(filter, sort: UserSort(), offset: total, limit: 10).isEmpty)
    }

    @Test func sortOrderIsCorrect() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, Self.population())

        let byCreated = try store.rows(.all, sort: UserSort(.created), offset: 0, limit: 10_000)
        let created = byCreated.map { $0.created ?? .distantPast }
        #expect(created == created.sorted())
        let byLogin = try store.rows(
            .all, sort: UserSort(.lastLogin, descending: true), offset: 0, limit: 10_000)
        let logins = byLogin.map { $0.lastLogin ?? .distantPast }
        #expect(logins == logins.sorted(by: >))
        #expect(byLogin.last?.lastLogin == nil)
        let byName = try store.rows(.all, sort: UserSort(.name), offset: 0, limit: 10_000)
        let names = byName.map { $0.displayName.lowercased() }
        #expect(names == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }

    @Test func cachesFollowChangesFromAnotherConnection() throws {
        let (store, directory) = try makeStore()
        defer { directory.remove() }
        try seed(store, Array(Self.population().prefix(100)))
        #expect(try store.count(UserFilter(text: "zoë")) == 12)
        _ = try store.rows(UserFilter(text: "zoë"), sort: UserSort(), offset: 0, limit: 5)

        let writer = try UserStore(url: store.url)
        try seed(writer, Array(Self.population().prefix(200)))
        #expect(try store.count(UserFilter(text: "zoë")) == 25)
        #expect(
            try store.rows(UserFilter(text: "zoë"), sort: UserSort(), offset: 0, limit: 50).count
                == 25)
    }
}
