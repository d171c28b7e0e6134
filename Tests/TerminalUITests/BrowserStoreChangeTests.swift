import Foundation
import OktaCore
import TestSupport
import Testing

@testable import TerminalUI
@testable import UserStore

/// What the browser does when the store changes under it (another process syncs, or the store
/// becomes unreadable): the table and the open charts load again, but not on every tick, and
/// a store that cannot be read is not asked again and again.
@Suite struct BrowserStoreChangeTests {
    typealias F = BrowserFixtures
    typealias Q = BrowserQueryTests

    /// A clock ten minutes into an hour, so no test here sees the hour turn.
    static func clock() -> TestClock {
        let hourStart = (F.now.timeIntervalSince1970 / 3600).rounded(.down) * 3600
        return TestClock(start: Date(timeIntervalSince1970: hourStart + 600))
    }

    /// Stores more users through a second connection, as a sync in another process does.
    static func syncElsewhere(
        _ url: URL, number: Int, count: Int = 1, status: String = "ACTIVE", at date: Date
    ) throws {
        let writer = try UserStore(url: url)
        let run = try writer.beginRun(mode: .incremental, at: date)
        let users = (number..<number + count).map {
            F.user($0, first: "Late", last: "Comer", login: "late\($0)@acme.com", status: status)
        }
        _ = try writer.storePage(users, run: run, at: date)
        _ = try writer.finishRun(
            run, outcome: .completed, requests: 1, rateLimited: 0, at: date)
    }

    @Test func anotherProcessSyncingReloadsTheTableAtMostEveryFewSeconds() throws {
        let clock = Self.clock()
        var (state, store, directory) = try Q.openWithClock(Q.many(30), clock: clock)
        defer { directory.remove() }
        #expect(state.pushed?.title == "Users · 1 of 30")

        try Self.syncElsewhere(store.url, number: 31, at: clock.now)
        SynchronousQueries.handle(.down, in: &state)  // reads rows: the store sees the commit
        let first = Q.queries(state.apply(.tick(clock.now)))
        #expect(first.map(\.channel) == [.usersTable])
        SynchronousQueries.run(first.map(Effect.storeQuery), in: &state)
        #expect(state.pushed?.title == "Users · 2 of 31")

        // The other process goes on committing: the next change waits for the interval.
        try Self.syncElsewhere(store.url, number: 32, at: clock.now)
        SynchronousQueries.handle(.down, in: &state)
        clock.advance(by: 1)
        #expect(Q.queries(state.apply(.tick(clock.now))).isEmpty)
        clock.advance(by: BrowserScreen.staleReloadInterval - 1)
        let second = Q.queries(state.apply(.tick(clock.now)))
        #expect(second.map(\.channel) == [.usersTable])
        SynchronousQueries.run(second.map(Effect.storeQuery), in: &state)
        #expect(state.pushed?.title == "Users · 3 of 32")
        // Nothing changed since: the browser only asks the store, and loads nothing.
        clock.advance(by: BrowserScreen.staleReloadInterval)
        let look = Q.queries(state.apply(.tick(clock.now)))
        #expect(look.map(\.channel) == [.storeChanges])
        let after = state.apply(.storeQueryFinished(try #require(look.first).run()))
        #expect(Q.queries(after).isEmpty, "loads once per change")
    }

    /// A browser left alone reads nothing, yet follows a sync run in another terminal: every
    /// few seconds it asks the store whether it changed.
    @Test func anIdleBrowserFollowsASyncElsewhere() throws {
        let clock = Self.clock()
        var (state, store, directory) = try Q.openWithClock(Q.many(30), clock: clock)
        defer { directory.remove() }
        try Self.syncElsewhere(store.url, number: 31, at: clock.now)
        clock.advance(by: 1)
        #expect(Q.queries(state.apply(.tick(clock.now))).isEmpty)
        #expect(state.pushed?.title == "Users · 1 of 30")

        clock.advance(by: BrowserScreen.staleReloadInterval)
        let look = Q.queries(state.apply(.tick(clock.now)))
        #expect(look.map(\.channel) == [.storeChanges])
        let reload = Q.queries(state.apply(.storeQueryFinished(try #require(look.first).run())))
        #expect(reload.map(\.channel) == [.usersTable])
        SynchronousQueries.run(reload.map(Effect.storeQuery), in: &state)
        #expect(state.pushed?.title == "Users · 1 of 31")
    }

    @Test func aStoreThatBecameUnreadableIsNotLoadedOnEveryTick() throws {
        let clock = Self.clock()
        var (state, store, directory) = try Q.openWithClock(Q.many(30), clock: clock)
        defer { directory.remove() }
        let vandal = try SQLiteDatabase(path: store.url.path)
        try vandal.execute("DROP TABLE users")

        SynchronousQueries.handle(.character("2"), in: &state)  // sort: the table loads
        #expect(F.browser(state)?.table.error?.hasPrefix("Cannot read the user store") == true)
        for _ in 1...3 {
            clock.advance(by: BrowserScreen.staleReloadInterval + 1)
            // At most a look whether the store changed, which finds nothing new: no load.
            let looks = Q.queries(state.apply(.tick(clock.now)))
            #expect(looks.allSatisfy { $0.channel == .storeChanges })
            for look in looks {
                #expect(Q.queries(state.apply(.storeQueryFinished(look.run()))).isEmpty)
            }
        }
    }

    @Test func openChartsAreComputedAgainWithTheTableAndStayShownMeanwhile() throws {
        let clock = Self.clock()
        var (state, store, directory) = try Q.openWithClock(Q.many(30), clock: clock)
        defer { directory.remove() }
        SynchronousQueries.handle(.character("u"), in: &state)
        #expect(state.pushed?.title == "Users · utilization · 30 users")

        try Self.syncElsewhere(store.url, number: 31, at: clock.now)
        _ = try store.userCount()  // a read on the browser's connection sees the commit
        let reload = Q.queries(state.apply(.tick(clock.now)))
        #expect(reload.map(\.channel) == [.usersTable, .browserUtilization])
        #expect(state.pushed?.title == "Users · utilization · computing…")
        let screen = state.render().text
        let active = screen.split(separator: "\n").first { $0.contains("ACTIVE  ") }
        #expect(active?.hasSuffix("30  100.0 %") == true, "the figures before the change")
        #expect(!screen.contains("Computing utilization"))
        #expect(state.handle(.enter).isEmpty, "bars wait for the new figures")

        SynchronousQueries.run(reload.map(Effect.storeQuery), in: &state)
        #expect(state.pushed?.title == "Users · utilization · 31 users")
    }

    /// Recounted charts keep the bar the user chose selected, though its new count moves
    /// it; Enter while they are recounted says why it waits.
    @Test func recountedChartsKeepTheChosenBar() throws {
        let clock = Self.clock()
        let users =
            Q.many(30)
            + (31...33).map {
                F.user($0, first: "S", last: "\($0)", login: "s\($0)@acme.com", status: "SUSPENDED")
            }
            + (34...35).map {
                F.user(
                    $0, first: "L", last: "\($0)", login: "l\($0)@acme.com", status: "LOCKED_OUT")
            }
        var (state, store, directory) = try Q.openWithClock(users, clock: clock)
        defer { directory.remove() }
        SynchronousQueries.handle(.character("u"), in: &state)
        F.press([.down, .down], in: &state)
        #expect(F.browser(state)?.utilization?.selectedBar?.label == "LOCKED_OUT")

        try Self.syncElsewhere(store.url, number: 36, count: 5, status: "LOCKED_OUT", at: clock.now)
        _ = try store.userCount()
        let recount = Q.queries(state.apply(.tick(clock.now)))
        #expect(recount.map(\.channel) == [.usersTable, .browserUtilization])
        #expect(state.handle(.enter).isEmpty)
        #expect(state.render().text.contains("Counting these figures again"))
        SynchronousQueries.run(recount.map(Effect.storeQuery), in: &state)
        let charts = try #require(F.browser(state)?.utilization)
        #expect(charts.allBars.prefix(3).map(\.label) == ["ACTIVE", "LOCKED_OUT", "SUSPENDED"])
        #expect(charts.selectedBar?.label == "LOCKED_OUT")
        #expect(charts.selectedBar?.count == 7)
    }

    /// Charts left for the table are not recounted with it: opening them counts afresh.
    @Test func chartsNotShownAreDroppedNotRecounted() throws {
        let clock = Self.clock()
        var (state, store, directory) = try Q.openWithClock(Q.many(30), clock: clock)
        defer { directory.remove() }
        SynchronousQueries.handle(.character("u"), in: &state)
        SynchronousQueries.handle(.escape, in: &state)
        #expect(F.browser(state)?.mode == .table)
        try Self.syncElsewhere(store.url, number: 31, at: clock.now)
        _ = try store.userCount()
        #expect(Q.queries(state.apply(.tick(clock.now))).map(\.channel) == [.usersTable])
        #expect(F.browser(state)?.utilization == nil)
    }

    /// The charts' figures are measured at the time the table's counts are, read under the
    /// store's lock: the hour can turn on the very call that computes them.
    @Test func chartsCountAtTheTablesTimeWhenTheHourTurnsOnTheirCall() throws {
        let clock = Self.clock()
        let users = (0..<100).map {
            F.user(
                $0 + 1, first: "User", last: String(format: "%04d", $0), login: "u\($0)@acme.com",
                lastLogin: clock.now.addingTimeInterval(-86_400 + Double($0) * 30))
        }
        let (seeded, directory) = try F.store(users)
        defer { directory.remove() }
        let store = try UserStore(url: seeded.url, now: { clock.now })
        #expect(try store.prepareForBrowsing())
        #expect(try store.count(.all) == 100)  // the store's answers begin now

        // Six days and 25 minutes on, half of them last logged in over 7 days before.
        clock.advance(by: 6 * 86_400 + 25 * 60)
        let query = StoreQuery(
            channel: .browserUtilization, generation: 1,
            work: .utilization(url: store.url, now: clock.now, shared: store))
        guard case .utilization(let figures) = query.run().value else {
            Issue.record("no figures")
            return
        }
        #expect(try store.count(LastLoginBucket.within7Days.filter) == 50)
        let bars = figures.sections.flatMap(\.bars)
        #expect(bars.first { $0.filter == BrowserFilter(lastLogin: .within7Days) }?.count == 50)
    }

    /// While text waits for the search index, the table still shows the filter before it:
    /// exporting then would write users the title does not describe.
    @Test func noExportWhileTheFilterWaitsForTheIndex() throws {
        let (store, directory) = try F.store(Q.many(120))
        defer { directory.remove() }
        var (state, preparing) = try Q.openWhileTheIndexLoads(store, directory: directory)
        F.press([.character("/")], in: &state)
        F.type("120", in: &state)
        SynchronousQueries.handle(.enter, in: &state)

        SynchronousQueries.handle(.character("e"), in: &state)
        #expect(F.browser(state)?.exportPrompt == nil)
        #expect(state.render().text.contains("The filter waits for the search index"))

        SynchronousQueries.run(state.apply(.storeQueryFinished(preparing.run())), in: &state)
        #expect(state.pushed?.title == "Users · 1 of 1 · filter: 120")
        SynchronousQueries.handle(.character("e"), in: &state)
        #expect(F.browser(state)?.exportPrompt == .chooseFormat)
    }

    /// Enter on the text the table already shows has nothing to wait for, even while the
    /// index is being built again.
    @Test func enterOnTheShownFilterDoesNotWaitForTheIndex() throws {
        let (store, directory) = try F.store(Q.many(120))
        defer { directory.remove() }
        var (state, opening) = Q.open(store, directory: directory, liveFilterLimit: 100)
        SynchronousQueries.run(opening.map(Effect.storeQuery), in: &state)
        F.press([.character("/")], in: &state)
        F.type("12", in: &state)
        SynchronousQueries.handle(.enter, in: &state)
        #expect(state.pushed?.title == "Users · 1 of 3 · filter: 12")

        // A sync ends: the index is built again, and the table reloads.
        let finished = SyncOutcome.finished(users: 0, pages: 1, seconds: 1)
        let afterSync = Q.queries(state.apply(.syncFinished(finished)))
        #expect(afterSync.map(\.channel).contains(.browsingSnapshot))
        SynchronousQueries.run(
            afterSync.filter { $0.channel == .usersTable }.map(Effect.storeQuery), in: &state)

        F.press([.character("/")], in: &state)
        #expect(Q.queries(state.handle(.enter)).isEmpty)
        #expect(!state.render().text.contains("Filtering as soon as"))
        #expect(state.pushed?.title == "Users · 1 of 3 · filter: 12")
    }
}
