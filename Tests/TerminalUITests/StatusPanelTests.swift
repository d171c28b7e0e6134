import Foundation
import OktaCore
import TestSupport
import Testing
import UserStore

@testable import TerminalUI

/// The status screen's utilization panel: computed in the background from the local store,
/// a one-line summary at 80×24, the charts with selectable bars where the terminal is tall
/// enough, and `u` for the browser's full view.
@Suite struct StatusPanelTests {
    typealias F = BrowserFixtures

    /// The status screen of a connection whose store holds the ten fixture users.
    static func status(_ store: UserStore, columns: Int, rows: Int) -> AppState {
        let summary = ConnectionSummary(
            org: F.org, ownerLogin: "admin@acme.com", orgName: "Acme Corporation",
            tokenLastUsed: F.daysAgo(0.125), lastSync: F.daysAgo(0.125), userCount: 10,
            databaseURL: store.url)
        return AppState(saved: summary, now: F.now, columns: columns, rows: rows)
    }

    @Test func summaryLineAt80x24AndTheKeyOpensTheFullView() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = Self.status(store, columns: 80, rows: 24)
        let effects = state.start()
        #expect(effects.count == 1)
        #expect(state.render().text.contains("Utilization: computing…"))
        SynchronousQueries.run(effects, in: &state)
        #expect(state.render().text == Self.summary80)
        #expect(!state.showsFullPanel)
        #expect(state.controls == [.syncNow, .browse, .reconnect, .disconnect])
        #expect(state.handle(.character("u")) == [.browseUsers(.utilization)])
    }

    @Test func chartsAt120x40WithBarsThatOpenTheFilteredTable() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = Self.status(store, columns: 120, rows: 40)
        SynchronousQueries.run(state.start(), in: &state)
        #expect(state.showsFullPanel)
        #expect(state.render().text == Self.panel120)
        let bars = try #require(state.panel.figures?.allBars)
        #expect(state.controls.count == 4 + bars.count)

        for _ in 0..<4 { _ = state.handle(.tab) }
        #expect(state.focusedControl == .usageBar(0))
        #expect(state.render().text.contains("› ACTIVE"))
        #expect(state.handle(.enter) == [.browseUsers(.table(BrowserFilter(statuses: ["ACTIVE"])))])
        for _ in 1..<bars.count { _ = state.handle(.down) }
        #expect(state.focusedControl == .usageBar(bars.count - 1))
        #expect(
            state.handle(.enter) == [
                .browseUsers(
                    .table(BrowserFilter(statuses: UserFilter.seatStatuses, inactivity: .days90)))
            ])

        state.resize(columns: 80, rows: 24)
        #expect(!state.showsFullPanel)
        #expect(state.focusedControl == .disconnect)
    }

    @Test func onlyTheLatestFiguresAreShown() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = Self.status(store, columns: 120, rows: 40)
        guard case .storeQuery(let first)? = state.start().first else {
            Issue.record("no query")
            return
        }
        var refreshed = try #require(state.saved)
        refreshed.lastSync = F.now
        guard case .storeQuery(let second)? = state.apply(.summaryRefreshed(refreshed)).first
        else {
            Issue.record("a new sync asks for new figures")
            return
        }
        #expect(state.apply(.summaryRefreshed(refreshed)).isEmpty)
        _ = state.apply(.storeQueryFinished(first.run()))
        #expect(state.panel.isComputing)
        #expect(state.panel.figures == nil)
        _ = state.apply(.storeQueryFinished(second.run()))
        #expect(!state.panel.isComputing)
        #expect(state.panel.figures?.unusedSeats == 3)
    }

    @Test func noPanelWithoutSyncedUsers() throws {
        var state = AppState(
            saved: ConnectionSummary(org: F.org, ownerLogin: "admin@acme.com"), now: F.now,
            columns: 120, rows: 40)
        #expect(state.start().isEmpty)
        #expect(!state.keyContexts.contains(.usersSynced))
        #expect(state.handle(.character("u")).isEmpty)
        #expect(!state.render().text.contains("Unused seats"))
    }

    @Test func aStoreThatCannotBeReadSaysSo() throws {
        let directory = try TemporaryDirectory(prefix: "panel-test")
        defer { directory.remove() }
        let notADatabase = directory.url.appendingPathComponent("users.sqlite")
        try Data("not a database".utf8).write(to: notADatabase)
        var summary = ConnectionSummary(org: F.org, userCount: 5, databaseURL: notADatabase)
        summary.ownerLogin = "admin@acme.com"
        var state = AppState(saved: summary, now: F.now, columns: 80, rows: 24)
        SynchronousQueries.run(state.start(), in: &state)
        #expect(state.panel.error?.hasPrefix("Cannot read the user store") == true)
        #expect(state.render().text.contains("Cannot read the user store"))
    }

    static let summary80 =
        """
         Step 4 of 4 · Connection status                                   okta-connect
        ────────────────────────────────────────────────────────────────────────────────
          Connected as admin@acme.com to Acme Corporation (acme.okta.com)
          Token last used 3 h ago
          Last sync: 3 h ago · 10 users in the local store

          [ Sync now ]  [ Browse users ]  [ Reconnect ]  [ Disconnect ]

          Unused seats: 3 of 7 (42.9 %) · no login in 90 d or never












        ────────────────────────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  s sync  b browse  u usage  q quit  ? help
        """
    static let panel120 =
        """
         Step 4 of 4 · Connection status                                                                           okta-connect
        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
          Connected as admin@acme.com to Acme Corporation (acme.okta.com)
          Token last used 3 h ago
          Last sync: 3 h ago · 10 users in the local store

          [ Sync now ]  [ Browse users ]  [ Reconnect ]  [ Disconnect ]

          Unused seats: 3 of 7 (42.9 %) · no login in 90 d or never

          Users by status
            ACTIVE                    ██████████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         4   40.0 %
            DEPROVISIONED             ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            LOCKED_OUT                ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            PASSWORD_EXPIRED          ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            RECOVERY                  ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            STAGED                    ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            SUSPENDED                 ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %

          Last login
            within 7 d                ███████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         3   30.0 %
            7 to 30 d ago             ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            30 to 90 d ago            ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %
            over 90 d ago             ██████████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         4   40.0 %
            never                     ██████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         1   10.0 %

          License seats
            not used in 90 d          ███████████████████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░         3   42.9 %
            of 7 users in ACTIVE, PASSWORD_EXPIRED, RECOVERY or LOCKED_OUT, which usually hold a seat








        ────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  s sync  b browse  u usage  q quit  ? help
        """
}
