import Foundation
import OktaCore
import TestSupport
import Testing
import UserStore

@testable import TerminalUI

/// The browser's keys against a real store: moving, paging, sorting, filtering, the status and
/// inactivity filters, detail, utilization bars, and the position surviving all of them.
@Suite struct BrowserBehaviourTests {
    typealias F = BrowserFixtures

    @Test func movesPagesAndJumpsReadOnlyTheVisibleRows() throws {
        let many = F.many(300)
        let (store, directory) = try F.store(many)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        #expect(F.browser(state)?.table.rows.count == 17)
        #expect(state.pushed?.title == "Users · 1 of 300")

        F.press([.down, .character("j")], in: &state)
        #expect(F.browser(state)?.table.selected == 2)
        F.press([.character("k")], in: &state)
        #expect(F.browser(state)?.table.selected == 1)
        F.press([.pageDown], in: &state)
        #expect(F.browser(state)?.table.selected == 17)
        #expect(F.browser(state)?.table.top == 16)
        F.press([.control("f")], in: &state)
        #expect(F.browser(state)?.table.selected == 33)
        F.press([.control("b"), .pageUp], in: &state)
        #expect(F.browser(state)?.table.selected == 1)
        F.press([.character("G")], in: &state)
        let end = try #require(F.browser(state))
        #expect(end.table.selected == 299)
        #expect(end.table.top == 283)
        #expect(end.table.rows.count == 17)
        #expect(end.table.selectedUser?.displayName == "User 0300")
        #expect(state.pushed?.title == "Users · 300 of 300")
        #expect(state.render().text.contains("User 0300"))
        F.press([.home], in: &state)
        #expect(F.browser(state)?.table.selectedUser?.displayName == "User 0001")
        F.press([.end, .character("g")], in: &state)
        #expect(F.browser(state)?.table.selected == 0)
    }

    @Test func sameSortKeyReversesAndTheArrowMarksTheColumn() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        #expect(state.render().text.contains("Name ↑"))

        F.press([.character("4")], in: &state)
        var screen = try #require(F.browser(state))
        #expect(screen.table.sort == UserSort(.lastLogin))
        #expect(screen.table.rows.first?.lastLogin == nil)
        #expect(state.render().text.contains("Last login ↑"))
        #expect(!state.render().text.contains("Name ↑"))

        F.press([.character("4")], in: &state)
        screen = try #require(F.browser(state))
        #expect(screen.table.sort == UserSort(.lastLogin, descending: true))
        #expect(screen.table.rows.first?.login == "misaki.sato@acme.com")
        #expect(state.render().text.contains("Last login ↓"))

        F.press([.character("3")], in: &state)
        #expect(F.browser(state)?.table.rows.first?.status == "ACTIVE")
        F.press([.character("5"), .character("5")], in: &state)
        #expect(F.browser(state)?.table.rows.first?.login == "misaki.sato@acme.com")
    }

    @Test func liveFilterUpdatesAsTypedEnterKeepsEscClearsAndRestoresTheRow() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        F.press([.down, .down, .down], in: &state)
        #expect(F.browser(state)?.table.selectedUser?.displayName == "Dave Diaz")

        F.press([.character("/")], in: &state)
        #expect(state.keyContexts.first == .browserFilter)
        F.type("a", in: &state)
        #expect(F.browser(state)?.table.total == (try store.count(UserFilter(text: "a"))))
        F.type("Li", in: &state)
        #expect(F.browser(state)?.table.total == 1)
        #expect(state.pushed?.title == "Users · 1 of 1 · filter: aLi")
        let typing = state.render()
        #expect(typing.text.contains("/aLi"))
        #expect(typing.cursor != nil)

        F.press([.backspace, .backspace, .character("n")], in: &state)
        #expect(F.browser(state)?.table.filter.text == "an")
        let matches = try #require(F.browser(state)?.table.total)
        #expect(matches == (try store.count(UserFilter(text: "an"))))

        F.press([.enter], in: &state)
        #expect(state.keyContexts.first == .browser)
        #expect(state.pushed?.title.hasSuffix("filter: an") == true)
        F.press([.character("/"), .character("x"), .escape], in: &state)
        let cleared = try #require(F.browser(state))
        #expect(cleared.table.filter.isEmpty)
        #expect(cleared.table.selectedUser?.displayName == "Dave Diaz")
    }

    /// Filter to find someone, move to them, clear the filter: they are still selected,
    /// among everyone, though far below the first page; a new sort keeps them too.
    @Test func theUserMovedToStaysSelectedAcrossFiltersAndSorts() throws {
        let many = F.many(120)
        let (store, directory) = try F.store(many)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        F.press([.character("/")], in: &state)
        F.type("005", in: &state)
        F.press([.enter, .down, .down, .down], in: &state)
        #expect(F.browser(state)?.table.selectedUser?.displayName == "User 0052")
        #expect(state.pushed?.title == "Users · 4 of 11 · filter: 005")

        F.press([.character("c")], in: &state)
        #expect(F.browser(state)?.table.selectedUser?.displayName == "User 0052")
        #expect(state.pushed?.title == "Users · 52 of 120")
        // At the same screen row as before: the fourth.
        #expect(F.browser(state).map { $0.table.selected - $0.table.top } == 3)

        F.press([.character("2")], in: &state)
        let byLogin = try store.rows(.all, sort: UserSort(.login), offset: 0, limit: 200)
        let expected = try #require(byLogin.firstIndex { $0.displayName == "User 0052" })
        #expect(expected > 17, "beyond the first page, where the rows read would not find it")
        #expect(F.browser(state)?.table.selectedUser?.displayName == "User 0052")
        #expect(state.pushed?.title == "Users · \(expected + 1) of 120")
    }

    /// A store whose first full sync never finished holds only some of the org: the table,
    /// the charts and the export say so, as `users` and the status screen do.
    @Test func aStoreWithoutAFinishedSyncSaysItHoldsOnlySome() throws {
        let directory = try TemporaryDirectory(prefix: "browser-test")
        defer { directory.remove() }
        let store = try UserStore(
            url: directory.url.appendingPathComponent("users.sqlite"), now: { F.now })
        let run = try store.beginRun(mode: .full, at: F.daysAgo(0.1))
        _ = try store.storePage(F.people, run: run, at: F.daysAgo(0.1))
        var state = F.app(store, directory: directory)
        let screen = state.render().text
        #expect(screen.contains("Last sync unfinished · 10 users so far; s syncs the rest"))
        F.press([.character("e")], in: &state)
        #expect(state.render().text.contains("Export 10 users (of the users synced so far)"))
        F.press([.escape, .character("u")], in: &state)
        #expect(state.pushed?.title == "Users · utilization · 10 users so far")
    }

    /// A user found by filtering and opened in the detail view is chosen, as a move to them
    /// would: clearing the filter keeps them selected.
    @Test func theUserOpenedInTheDetailViewIsKeptWhenTheFilterIsCleared() throws {
        let many = F.many(120)
        let (store, directory) = try F.store(many)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        F.press([.down, .down], in: &state)
        F.press([.character("/")], in: &state)
        F.type("0077", in: &state)
        F.press([.enter, .enter, .escape, .character("c")], in: &state)
        #expect(F.browser(state)?.table.selectedUser?.displayName == "User 0077")
        #expect(state.pushed?.title == "Users · 77 of 120")
    }

    /// Below 74 columns the Created column is not drawn: sorting by it says so in the title,
    /// since no header can carry the arrow.
    @Test func aSortByAHiddenColumnIsNamedInTheTitle() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory, columns: 66, rows: 24)
        _ = state.render()
        F.press([.character("5")], in: &state)
        _ = state.render()
        let header = state.render().text.split(separator: "\n")[2]
        #expect(header.contains("Last login") && !header.contains("Created"), "\(header)")
        #expect(state.pushed?.title.hasSuffix(" · by Created ↑") == true)
        F.press([.character("5")], in: &state)
        #expect(state.pushed?.title.hasSuffix(" · by Created ↓") == true)
        state.resize(columns: 100, rows: 24)
        _ = state.render()
        #expect(state.render().text.contains("Created ↓"))
        #expect(state.pushed?.title.contains(" · by ") == false)
    }

    @Test func statusPickerHidesDeprovisionedAndInactivityCycles() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)

        F.press([.character("f")], in: &state)
        #expect(state.keyContexts == [.browserPicker])
        F.press(Array(repeating: Key.down, count: 7) + [.character(" "), .enter], in: &state)
        var screen = try #require(F.browser(state))
        #expect(screen.table.total == 9)
        #expect(screen.table.filter.statuses?.contains("DEPROVISIONED") == false)
        #expect(!state.render().text.contains("Carol Chen"))

        F.press([.character("f"), .character("a"), .enter], in: &state)
        screen = try #require(F.browser(state))
        #expect(screen.table.filter.statuses == nil)
        #expect(screen.table.total == 10)

        F.press([.character("i")], in: &state)
        #expect(F.browser(state)?.table.total == 1)
        #expect(state.pushed?.title == "Users · 1 of 1 · never logged in")
        F.press([.character("i")], in: &state)
        #expect(F.browser(state)?.table.total == 6)
        F.press([.character("i"), .character("i")], in: &state)
        #expect(F.browser(state)?.table.filter.inactivity == .days90)
        #expect(F.browser(state)?.table.total == 5)
        F.press([.character("i")], in: &state)
        #expect(F.browser(state)?.table.filter.isEmpty == true)

        F.press([.character("i"), .escape], in: &state)
        #expect(F.browser(state)?.table.filter.isEmpty == true)
        let effects = state.handle(.escape)
        #expect(effects.isEmpty)
        #expect(state.pushed == nil)
    }

    @Test func detailShowsEveryAttributeAndEscReturnsToTheSameRow() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory, columns: 120, rows: 40)
        F.press([.enter], in: &state)
        let screen = try #require(F.browser(state))
        #expect(screen.mode == .detail)
        let detail = try #require(screen.detail)
        let labels = detail.lines.map(\.label)
        for label in ["department", "costCenter", "entitlements", "manager", "bio", "Okta id"] {
            #expect(labels.contains(label))
        }
        #expect(detail.lines.contains { $0.label == "-" && $0.value == "github" })
        #expect(detail.lines.contains { $0.label == "name" && $0.value == "Bo" && $0.indent == 2 })
        #expect(state.render().text.contains("<b>bold</b> & <script>alert(1)</script>"))

        F.press([.pageDown, .escape], in: &state)
        let back = try #require(F.browser(state))
        #expect(back.mode == .table)
        #expect(back.table.selected == 0)
    }

    @Test func selectionSurvivesDetailAndResize() throws {
        let many = F.many(100)
        let (store, directory) = try F.store(many)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        F.press(Array(repeating: Key.down, count: 40), in: &state)
        F.press([.enter, .escape], in: &state)
        #expect(F.browser(state)?.table.selected == 40)

        state.resize(columns: 120, rows: 40)
        let wide = state.render().text
        #expect(wide.contains("User 0041"))
        F.press([.down], in: &state)
        let after = try #require(F.browser(state))
        #expect(after.table.height == 33)
        #expect(after.table.selected == 41)
        #expect(after.table.selectedUser?.displayName == "User 0042")

        state.resize(columns: 60, rows: 18)
        #expect(state.render().text.contains("User 0042"))
        F.press([.up], in: &state)
        #expect(F.browser(state)?.table.height == 11)
        #expect(F.browser(state)?.table.selectedUser?.displayName == "User 0041")
    }

    @Test func utilizationBarsOpenTheFilteredTable() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory, columns: 120, rows: 40)
        F.press([.character("u")], in: &state)
        let screen = try #require(F.browser(state))
        let utilization = try #require(screen.utilization)
        #expect(
            utilization.sections.map(\.title) == ["Users by status", "Last login", "License seats"])
        #expect(utilization.sections[1].bars.map(\.count) == [3, 1, 1, 4, 1])
        #expect(utilization.sections[2].bars.first?.count == 3)
        #expect(utilization.sections[2].whole == 7)

        let bars = utilization.allBars.count
        F.press(Array(repeating: Key.down, count: bars), in: &state)
        F.press([.enter], in: &state)
        let seats = try #require(F.browser(state))
        #expect(seats.mode == .table)
        #expect(seats.table.total == 3)
        #expect(
            Set(seats.table.rows.map(\.status)) == ["PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY"])

        F.press([.character("c"), .character("u"), .down, .down, .enter], in: &state)
        let locked = try #require(F.browser(state))
        #expect(locked.table.filter.statuses == ["LOCKED_OUT"])
        #expect(locked.table.rows.map(\.status) == ["LOCKED_OUT"])
    }

    @Test func syncNowAsksTheDriverAndFollowsProgress() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        #expect(state.handle(.character("s")) == [.startSync])
        #expect(state.keyContexts.first == .busy)
        #expect(state.handle(.character("s")).isEmpty)
        _ = state.apply(.syncProgress(SyncCounts(users: 1_200, pages: 6)))
        #expect(state.render().text.contains("Syncing… 1,200 users so far"))
        #expect(state.handle(.character("q")).isEmpty)
        #expect(state.render().text.contains("A sync is running. Quit and cancel it?"))
        #expect(state.handle(.character("n")).isEmpty)
        #expect(!state.hasQuit)
        #expect(state.handle(.escape) == [.cancelWork])
        _ = state.handle(.character("q"))
        SynchronousQueries.apply(.syncFinished(.cancelled), in: &state)
        // The sync ended first: the question still asks, without the cancelling.
        #expect(!state.render().text.contains("Quit and cancel it?"))
        #expect(state.render().text.contains("The sync has ended. Quit okta-connect?"))
        #expect(state.handle(.character("n")).isEmpty)
        #expect(state.keyContexts == [.browser])
        #expect(state.render().text.contains("Last sync 3 h ago"))
    }

    @Test func quitAndHelpWorkFromTheBrowser() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        F.press([.character("?")], in: &state)
        let help = state.render().text
        #expect(help.contains("Users browser"))
        #expect(help.contains("Jump to the last row"))
        F.press([.escape], in: &state)
        #expect(!state.render().text.contains("Jump to the last row"))
        #expect(state.handle(.character("q")) == [.quit])
        #expect(state.hasQuit)
    }

    @Test func everyBrowserActionHasAKeyInTheOneTable() {
        let browserContexts: [KeyContext] = [
            .browser, .browserFilter, .browserDetail, .browserUtilization, .browserPicker,
            .browserExport,
        ]
        let actions = Set(
            KeyTable.bindings.filter { !Set($0.contexts).isDisjoint(with: browserContexts) }
                .map(\.action))
        let needed: [Action] = [
            .moveUp, .moveDown, .pageUp, .pageDown, .jumpTop, .jumpBottom, .openDetail,
            .startFilter, .pickStatuses, .cycleInactivity, .sortBy, .clearFilters,
            .showUtilization, .exportView, .exportCSV, .exportJSON, .toggleItem, .toggleAll,
            .syncNow, .quit, .help, .back, .activate,
        ]
        for action in needed { #expect(actions.contains(action), "\(action)") }
        let footer = KeyTable.footer(for: [.browser], width: 78)
        #expect(
            footer
                == "Enter detail  / filter  f status  1-5 sort  u usage  e export  s sync  ? help")
        #expect(KeyTable.markdown().contains("**Users browser**"))
        #expect(KeyTable.action(for: .character("k"), in: [.browserFilter, .typing]) == .editText)
    }

    @Test func noKeyMeansTwoThingsInOneBrowserContext() {
        let contexts: [KeyContext] = [
            .browser, .browserFilter, .browserDetail, .browserUtilization, .browserPicker,
            .browserExport,
        ]
        for context in contexts {
            var seen: [Key: Action] = [:]
            for binding in KeyTable.bindings where binding.contexts.contains(context) {
                for key in binding.keys {
                    #expect(seen[key] == nil, "\(key.label) twice in \(context)")
                    seen[key] = binding.action
                }
            }
        }
    }

    @Test func aLongFilterKeepsEveryPartInTheTitleAndStopsBeforeTheAppName() throws {
        let long = String(repeating: "a-very-long-filter-", count: 3)
        var filter = BrowserFilter(statuses: ["ACTIVE", "LOCKED_OUT", "RECOVERY", "STAGED"])
        filter.text = long
        filter.inactivity = .days30
        #expect(
            filter.summary
                == "filter: a-very-long-filter-a-ve… · status: ACTIVE, LOCKED_OUT +2 · "
                + filter.inactivity!.label)
        // Too wide for the title: the same parts in fewer words.
        #expect(
            filter.summary(compact: true)
                == "/a-very-long… · 4 statuses · no login in 30 d")
        // Most of Okta's statuses: what is left out is the news.
        let allButOne = Set(UserFilter.oktaStatuses).subtracting(["DEPROVISIONED"])
        #expect(
            BrowserFilter(statuses: allButOne).summary == "status: all but DEPROVISIONED")
        #expect(BrowserFilter(statuses: allButOne).summary(compact: true) == "7 statuses")
        let allButTwo = allButOne.subtracting(["STAGED"])
        #expect(
            BrowserFilter(statuses: allButTwo).summary
                == "status: all but DEPROVISIONED, STAGED")
        #expect(BrowserFilter(statuses: allButTwo).summary(compact: true) == "6 statuses")
        // All of Okta's statuses, a store's own status left out: nothing to say "all but" of.
        let everyKnown = Set(UserFilter.oktaStatuses)
        #expect(
            BrowserFilter(statuses: everyKnown).summary == "status: ACTIVE, DEPROVISIONED +6")
        #expect(
            BrowserFilter(statuses: ["LOCKED_OUT"]).summary(compact: true) == "status: LOCKED_OUT")

        // At 80 columns the title says every part, and the app name stays whole.
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        F.press([.character("/")], in: &state)
        F.type(long, in: &state)
        F.press([.enter, .character("i"), .character("i")], in: &state)
        F.press([.character("f"), .character(" "), .enter], in: &state)
        let title = state.render().text.split(separator: "\n")[0]
        #expect(title.hasSuffix(" okta-connect"), "\(title)")
        #expect(title.contains("of 0 · /a-very-long… · 7 statuses · "), "\(title)")
        #expect(title.contains(" · no login in 30 d"), "\(title)")
        #expect(state.pushed?.title.contains("filter: a-very-long-filter-a-ve…") == true)
    }

    @Test func shortFiltersWaitForEnterOnlyInLargeStoresWithoutTheSnapshot() {
        let limit = BrowserScreen.shortFilterLiveLimit
        func waits(_ text: String, _ total: Int, prepared: Bool = false) -> Bool {
            BrowserScreen.waitsForMoreText(text, storeTotal: total, storeIsPrepared: prepared)
        }
        #expect(waits("li", limit + 1))
        #expect(waits(" a ", 1_000_000))
        #expect(!waits("ali", 1_000_000))
        #expect(!waits("", 1_000_000))
        #expect(!waits("li", limit))
        #expect(!waits("li", 1_000_000, prepared: true))
        #expect(!waits("a", 1_000_000, prepared: true))
    }
}
