import Foundation
import OktaCore
import TestSupport
import Testing
import UserStore

@testable import TerminalUI

/// The browser's store reads off the UI thread: a key only records the new filter or sort and
/// returns a query; the title says "counting…" until the result comes back; a result that was
/// superseded meanwhile is dropped; moves made while counting are replayed on the new rows.
@Suite struct BrowserQueryTests {
    typealias F = BrowserFixtures

    static func many(_ count: Int) -> [OktaUser] { F.many(count) }

    /// The store queries among `effects`.
    static func queries(_ effects: [Effect]) -> [StoreQuery] {
        effects.compactMap {
            if case .storeQuery(let query) = $0 { return query }
            return nil
        }
    }

    /// The browser pushed on an app, with the queries it asks for on opening (not run).
    static func open(
        _ store: UserStore, directory: TemporaryDirectory, liveFilterLimit: Int? = nil
    ) -> (AppState, [StoreQuery]) {
        var state = AppState(saved: nil, now: F.now, columns: 80, rows: 24)
        var screen = BrowserScreen(
            store: store, exportDirectory: directory.url, now: F.now, height: 17)
        if let liveFilterLimit { screen.liveFilterLimit = liveFilterLimit }
        let opening = queries(state.apply(.pushScreen(screen)))
        return (state, opening)
    }

    /// The browser on a store counted as large (over 100 users), its table loaded and its
    /// search index still being built: the returned build finishes it when run.
    static func openWhileTheIndexLoads(
        _ store: UserStore, directory: TemporaryDirectory
    ) throws -> (AppState, StoreQuery) {
        var (state, opening) = open(store, directory: directory, liveFilterLimit: 100)
        let preparing = try #require(opening.first { $0.channel == .browsingSnapshot })
        SynchronousQueries.run(
            opening.filter { $0.channel == .usersTable }.map(Effect.storeQuery), in: &state)
        return (state, preparing)
    }

    @Test func aFilterKeystrokeReturnsAtOnceAndTheCountFollows() throws {
        let (store, directory) = try F.store(Self.many(120))
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        F.press([.character("/")], in: &state)

        let first = Self.queries(state.handle(.character("1")))
        #expect(first.map(\.channel) == [.usersTable])
        #expect(state.pushed?.title == "Users · counting… · filter: 1")
        let typing = state.render().text
        #expect(typing.contains("/1"))
        #expect(typing.contains("User 0001"))

        let second = Self.queries(state.handle(.character("1")))
        #expect(state.pushed?.title == "Users · counting… · filter: 11")
        _ = state.apply(.storeQueryFinished(try #require(first.first).run()))
        #expect(state.pushed?.title == "Users · counting… · filter: 11")
        _ = state.apply(.storeQueryFinished(try #require(second.first).run()))
        #expect(state.pushed?.title == "Users · 1 of 11 · filter: 11")
        #expect(F.browser(state)?.table.total == (try store.count(UserFilter(text: "11"))))
    }

    @Test func theBrowserBuildsItsFilterSnapshotOnOpenAndAfterTheStoreChanges() throws {
        let (store, directory) = try F.store(Self.many(120))
        defer { directory.remove() }
        var (state, opening) = Self.open(store, directory: directory)
        #expect(opening.map(\.channel) == [.usersTable, .browsingSnapshot])
        // Until the first load, the footer does not claim an empty, never-synced store.
        let first = state.render().text
        #expect(first.contains("Reading the local store…"))
        #expect(!first.contains("Last sync never") && !first.contains("0 users"))
        #expect(!store.isPreparedForBrowsing)
        SynchronousQueries.run(opening.map(Effect.storeQuery), in: &state)
        #expect(store.isPreparedForBrowsing)
        // Keys do not rebuild a snapshot that is ready.
        #expect(Self.queries(state.handle(.character("2"))).map(\.channel) == [.usersTable])

        // Another process (a scheduled `okta-connect sync`) writes to the store.
        let writer = try UserStore(url: store.url, now: { F.now })
        let run = try writer.beginRun(mode: .incremental, at: F.now)
        _ = try writer.storePage(
            [F.user(500, first: "Newcomer", last: "Person", login: "new@acme.com")], run: run,
            at: F.now)
        try writer.finishRun(run, outcome: .completed, requests: 1, rateLimited: 0, at: F.now)

        let sort = Self.queries(state.handle(.character("1")))
        let afterLoad = state.apply(.storeQueryFinished(try #require(sort.first).run()))
        #expect(Self.queries(afterLoad).map(\.channel) == [.browsingSnapshot])
        #expect(state.pushed?.title == "Users · 1 of 121")
        SynchronousQueries.run(afterLoad, in: &state)
        #expect(store.isPreparedForBrowsing)
        F.press([.character("/")], in: &state)
        F.type("newcomer", in: &state)
        #expect(state.pushed?.title == "Users · 1 of 1 · filter: newcomer")
    }

    @Test func aFilterTypedWhileTheIndexLoadsAppliesWhenItIsReady() throws {
        let (store, directory) = try F.store(Self.many(120))
        defer { directory.remove() }
        // 120 users count as a large store here.
        var (state, preparing) = try Self.openWhileTheIndexLoads(store, directory: directory)
        #expect(state.pushed?.title == "Users · 1 of 120")

        // In a large store nothing is sent to SQL while the index loads: not a short text,
        // not a long one, not even on Enter (the filter applies when the index is ready).
        F.press([.character("/")], in: &state)
        #expect(Self.queries(state.handle(.character("1"))).isEmpty)
        #expect(state.render().text.contains("loading the search index…"))
        #expect(Self.queries(state.handle(.character("2"))).isEmpty)
        #expect(Self.queries(state.handle(.character("0"))).isEmpty)
        #expect(Self.queries(state.handle(.enter)).isEmpty)
        #expect(state.render().text.contains("Filtering as soon as the search index has loaded"))
        #expect(
            state.pushed?.title == "Users · 1 of 120 · filter: 120 (loading the search index…)")

        let ready = state.apply(.storeQueryFinished(preparing.run()))
        #expect(Self.queries(ready).map(\.channel) == [.usersTable])
        SynchronousQueries.run(ready, in: &state)
        #expect(state.pushed?.title == "Users · 1 of 1 · filter: 120")

        // Now every length is live.
        F.press([.character("/")], in: &state)
        F.press([.backspace, .backspace], in: &state)
        #expect(state.pushed?.title == "Users · 1 of 40 · filter: 1")
        #expect(try store.count(UserFilter(text: "1")) == 40)
        #expect(!state.render().text.contains("loading the search index"))
    }

    /// A text kept back by Enter until the index loads is the user's latest word only until
    /// they change the filter again: a later clear, Esc, status choice or new text wins.
    @Test func aLaterFilterChangeReplacesTextWaitingForTheIndex() throws {
        let (store, directory) = try F.store(Self.many(120))
        defer { directory.remove() }
        func waitingFor120() throws -> (AppState, StoreQuery) {
            var (state, preparing) = try Self.openWhileTheIndexLoads(store, directory: directory)
            F.press([.character("/")], in: &state)
            F.type("120", in: &state)
            #expect(Self.queries(state.handle(.enter)).isEmpty)
            // The title keeps saying what is pending after the notice has gone.
            SynchronousQueries.handle(.down, in: &state)
            #expect(
                state.pushed?.title
                    == "Users · 2 of 120 · filter: 120 (loading the search index…)")
            return (state, preparing)
        }

        // `c` clears every filter: the index arriving later does not bring "120" back.
        var (state, preparing) = try waitingFor120()
        SynchronousQueries.handle(.character("c"), in: &state)
        SynchronousQueries.run(state.apply(.storeQueryFinished(preparing.run())), in: &state)
        #expect(state.pushed?.title == "Users · 2 of 120")

        // Esc in the table drops the waiting text instead of closing the browser.
        (state, preparing) = try waitingFor120()
        SynchronousQueries.handle(.escape, in: &state)
        #expect(state.pushed?.title == "Users · 2 of 120")
        SynchronousQueries.run(state.apply(.storeQueryFinished(preparing.run())), in: &state)
        #expect(state.pushed?.title == "Users · 2 of 120")

        // A status or inactivity change adds to the waiting text instead of dropping it.
        (state, preparing) = try waitingFor120()
        SynchronousQueries.handle(.character("i"), in: &state)
        #expect(state.pushed?.title.hasSuffix("(loading the search index…)") == true)
        SynchronousQueries.run(state.apply(.storeQueryFinished(preparing.run())), in: &state)
        #expect(state.pushed?.title == "Users · 1 of 1 · filter: 120 · never logged in")

        // Reopening `/` edits the waiting text; what the field holds when the index loads
        // is what filters.
        (state, preparing) = try waitingFor120()
        F.press([.character("/")], in: &state)
        #expect(state.render().text.contains("/120"))
        F.press([.backspace, .backspace, .backspace], in: &state)
        F.type("7", in: &state)
        SynchronousQueries.run(state.apply(.storeQueryFinished(preparing.run())), in: &state)
        #expect(state.pushed?.title == "Users · 1 of 21 · filter: 7")
        #expect(try store.count(UserFilter(text: "7")) == 21)
    }

    /// A sync started here that ends while a build runs makes that build stale; nothing else
    /// is writing, so the next build starts at once instead of after the retry delay.
    @Test func aSyncEndingDuringABuildStartsTheNextBuildAtOnce() throws {
        let (store, directory) = try F.store(Self.many(120))
        defer { directory.remove() }
        var (state, opening) = Self.open(store, directory: directory)
        let build = try #require(opening.last)
        #expect(build.channel == .browsingSnapshot)
        SynchronousQueries.run([.storeQuery(try #require(opening.first))], in: &state)
        _ = state.handle(.character("s"))
        let afterSync = Self.queries(
            state.apply(.syncFinished(.finished(users: 120, pages: 1, seconds: 0.4))))
        #expect(!afterSync.map(\.channel).contains(.browsingSnapshot), "a build is running")
        SynchronousQueries.run(afterSync.map(Effect.storeQuery), in: &state)
        let abandoned = Self.queries(
            state.apply(
                .storeQueryFinished(
                    StoreQueryResult(
                        channel: .browsingSnapshot, generation: build.generation,
                        value: .prepared(false)))))
        #expect(abandoned.map(\.channel) == [.browsingSnapshot])
    }

    /// The browser pushed on an app over a store whose clock the test moves, with its
    /// opening queries (table and snapshot) answered.
    static func openWithClock(
        _ users: [OktaUser], clock: TestClock
    ) throws -> (AppState, UserStore, TemporaryDirectory) {
        let (seeded, directory) = try F.store(users)
        let store = try UserStore(url: seeded.url, now: { clock.now })
        var state = AppState(saved: nil, now: clock.now, columns: 80, rows: 24)
        let screen = BrowserScreen(
            store: store, exportDirectory: directory.url, now: clock.now, height: 17)
        SynchronousQueries.run(state.apply(.pushScreen(screen)), in: &state)
        return (state, store, directory)
    }

    /// A utilization bar counts what the table it opens will count, even when the screen's
    /// clock has moved on since the store's answers began (users crossed the 90-day mark).
    @Test func aBarCountsWhatTheTableItOpensCounts() throws {
        let clock = TestClock(start: F.now)
        let users = (1...20).map {
            F.user(
                $0, first: "User", last: String(format: "%04d", $0), login: "u\($0)@acme.com",
                lastLogin: F.now.addingTimeInterval(-90 * 86_400 + 600))
        }
        var (state, _, directory) = try Self.openWithClock(users, clock: clock)
        defer { directory.remove() }
        clock.advance(by: 20 * 60)  // still the same clock hour
        SynchronousQueries.apply(.tick(clock.now), in: &state)
        SynchronousQueries.handle(.character("u"), in: &state)
        SynchronousQueries.handle(.end, in: &state)
        let bar = try #require(F.browser(state)?.utilization?.selectedBar)
        #expect(bar.label == "not used in 90 d")
        SynchronousQueries.handle(.enter, in: &state)
        #expect(F.browser(state)?.table.total == bar.count)
        #expect(bar.count == 0, "as of when the store's answers began")
    }

    /// A count read just before the hour turns and rows read just after may disagree (users
    /// crossed a cutoff): the next tick loads the table again, so the count is redone.
    @Test func aCountFromTheLastHourIsRedoneOnTheNextTick() throws {
        let hourStart = (F.now.timeIntervalSince1970 / 3600).rounded(.up) * 3600
        let clock = TestClock(start: Date(timeIntervalSince1970: hourStart - 2))
        let users = (1...30).map {
            F.user(
                $0, first: "User", last: String(format: "%04d", $0), login: "u\($0)@acme.com",
                lastLogin: clock.now.addingTimeInterval(-86_400 + 1 + Double($0) * 0.05))
        }
        var (state, store, directory) = try Self.openWithClock(users, clock: clock)
        defer { directory.remove() }
        // All of them logged in within a day, until the hour turns.
        let recent = UserFilter(loggedInWithinDays: 1)
        #expect(try store.count(recent) == 30)
        #expect(Self.queries(state.apply(.tick(clock.now))).isEmpty)

        clock.advance(by: 4)  // the hour turns: the store measures from now on
        _ = try store.rows(.all, sort: UserSort(), offset: 0, limit: 1)
        let reload = Self.queries(state.apply(.tick(clock.now)))
        #expect(reload.map(\.channel) == [.usersTable])
        SynchronousQueries.run(reload.map(Effect.storeQuery), in: &state)
        #expect(Self.queries(state.apply(.tick(clock.now))).isEmpty, "loads once per change")
        #expect(try store.count(recent) == 0)
    }

    @Test func anAbandonedBuildWaitsBeforeTryingAgainAndAFailedOneWaitsForASync() throws {
        let (store, directory) = try F.store(Self.many(120))
        defer { directory.remove() }
        var (state, opening) = Self.open(store, directory: directory)
        let build = try #require(opening.last)
        #expect(build.channel == .browsingSnapshot)
        SynchronousQueries.run([.storeQuery(try #require(opening.first))], in: &state)

        func finished(_ value: StoreQueryResult.Value, generation: Int) -> [StoreQuery] {
            Self.queries(
                state.apply(
                    .storeQueryFinished(
                        StoreQueryResult(
                            channel: .browsingSnapshot, generation: generation, value: value))))
        }
        func tableLoad() throws -> [StoreQuery] {
            let sort = Self.queries(state.handle(.character("2")))
            return Self.queries(
                state.apply(.storeQueryFinished(try #require(sort.first).run())))
        }

        // The store changed during the build (another process syncing).
        #expect(finished(.prepared(false), generation: build.generation).isEmpty)
        #expect(try tableLoad().isEmpty, "no new build within the retry delay")
        #expect(Self.queries(state.apply(.tick(F.now.addingTimeInterval(3)))).isEmpty)
        let retry = Self.queries(state.apply(.tick(F.now.addingTimeInterval(11))))
        #expect(retry.map(\.channel) == [.browsingSnapshot])

        // A build that fails outright is not retried on loads or ticks …
        let second = try #require(retry.first)
        #expect(finished(.failed("disk error"), generation: second.generation).isEmpty)
        #expect(try tableLoad().isEmpty)
        #expect(Self.queries(state.apply(.tick(F.now.addingTimeInterval(60)))).isEmpty)
        // … until a sync finishes.
        let afterSync = Self.queries(
            state.apply(.syncFinished(.finished(users: 120, pages: 1, seconds: 1))))
        #expect(afterSync.map(\.channel).contains(.browsingSnapshot))
    }

    @Test func movesWhileCountingAreReplayedOnTheNewRows() throws {
        let (store, directory) = try F.store(Self.many(120))
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        let queries = Self.queries(state.handle(.character("3")))
        #expect(state.pushed?.title == "Users · counting…")
        F.press([.down, .down, .pageDown], in: &state)
        #expect(F.browser(state)?.table.selectedUser == nil)
        SynchronousQueries.run(queries.map(Effect.storeQuery), in: &state)
        let screen = try #require(F.browser(state))
        #expect(screen.table.sort.key == .status)
        #expect(screen.table.selected == 18)
        #expect(state.pushed?.title == "Users · 19 of 120")
    }

    @Test func theUtilizationViewSaysComputingUntilItsFiguresArrive() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        let queries = Self.queries(state.handle(.character("u")))
        #expect(queries.map(\.channel) == [.browserUtilization])
        #expect(state.pushed?.title == "Users · utilization · computing…")
        #expect(state.render().text.contains("Computing utilization…"))
        #expect(state.handle(.enter).isEmpty)
        SynchronousQueries.run(queries.map(Effect.storeQuery), in: &state)
        #expect(state.pushed?.title == "Users · utilization · 10 users")
    }

    @Test func theStatusPickerFillsInItsCounts() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        let queries = Self.queries(state.handle(.character("f")))
        #expect(F.browser(state)?.picker?.items.first?.count == nil)
        #expect(state.render().text.contains("[x] STAGED"))
        SynchronousQueries.run(queries.map(Effect.storeQuery), in: &state)
        let items = try #require(F.browser(state)?.picker?.items)
        #expect(items.first { $0.status == "ACTIVE" }?.count == 4)
        #expect(items.first { $0.status == "PROVISIONED" }?.count == 0)
    }

    @Test func theBrowserOpensOnTheRequestedView() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        let paths = StatePaths(home: directory.url)
        let request = AppContext.BrowserRequest(
            databaseURL: store.url, paths: paths, start: .utilization)
        var state = AppState(saved: ConnectionSummary(org: F.org), now: F.now)
        SynchronousQueries.apply(.pushScreen(BrowserScreen.open(request)), in: &state)
        #expect(F.browser(state)?.mode == .utilization)
        #expect(F.browser(state)?.utilization?.total == 10)

        var filtered = request
        filtered.start = .table(BrowserFilter(inactivity: .never))
        SynchronousQueries.apply(.pushScreen(BrowserScreen.open(filtered)), in: &state)
        #expect(state.pushed?.title == "Users · 1 of 1 · never logged in")
    }

    @Test func theRunnerPostsTheLatestQueryOfAChannelLast() throws {
        let (store, directory) = try F.store(Self.many(300))
        defer { directory.remove() }
        let posted = Locked<[StoreQueryResult]>([])
        let runner = StoreQueryRunner { event in
            if case .storeQueryFinished(let result) = event {
                posted.withLock { $0.append(result) }
            }
        }
        var table = UsersTableModel(store: store, height: 10)
        for text in ["us", "use", "user", "user 0", "user 02"] {
            runner.submit(table.setFilter(BrowserFilter(text: text))!)
        }
        runner.submit(
            StoreQuery(
                channel: .browserUtilization, generation: 1,
                work: .utilization(url: store.url, now: F.now)))
        runner.waitUntilIdle()
        let results = posted.withLock { $0 }
        let tables = results.filter { $0.channel == .usersTable }.map(\.generation)
        #expect(tables.last == table.generation)
        #expect(tables == tables.sorted())
        #expect(results.contains { $0.channel == .browserUtilization })
        guard
            case .usersTable(let loaded)? = results.last(where: { $0.channel == .usersTable })?
                .value
        else { return }
        let accepted = table.accept(loaded)
        #expect(accepted)
        #expect(table.total == 100)
    }

    @Test func theDriverRunsQueriesInTheBackgroundAndQueuesTheResult() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        let paths = StatePaths(home: directory.url)
        let driver = AppDriver(
            context: AppContext(
                paths: paths, store: ConnectionStore(paths: paths),
                makeClient: { org, token in OktaClient(org: org, token: token) }))
        var state = Self.status(store)
        let effects = state.start()
        for effect in effects { #expect(driver.perform(effect)) }
        driver.waitForQueries()
        for event in driver.takeEvents() { _ = state.apply(event) }
        #expect(state.panel.figures?.unusedSeats == 3)
        #expect(state.render().text.contains("Unused seats: 3 of 7 (42.9 %)"))
    }

    static func status(_ store: UserStore) -> AppState {
        StatusPanelTests.status(store, columns: 80, rows: 24)
    }
}
