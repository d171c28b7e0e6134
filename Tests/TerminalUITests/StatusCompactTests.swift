import Foundation
import OktaCore
import TestSupport
import Testing
import UserStore

@testable import TerminalUI

/// The status screen at the minimum size (60×18): a finished checklist collapses, the sync
/// progress takes one or two lines, and the buttons, the progress and a failure's diagnosis
/// always stay on screen. 80×24 keeps the full layout (ScreenFixtureTests).
@Suite struct StatusCompactTests {
    typealias G = ScreenGallery
    typealias F = BrowserFixtures

    static func small(_ state: AppState) -> AppState {
        var state = state
        state.resize(columns: AppState.minimumColumns, rows: AppState.minimumRows)
        return state
    }

    /// `s`, then the engine's reports up to the end of the sync.
    static func synced(_ state: AppState, users: Int = 2_500, pages: Int = 13) -> AppState {
        var state = state
        _ = state.handle(.character("s"))
        _ = state.apply(
            .syncProgress(
                SyncCounts(users: users, pages: pages, rateLimitWaits: 2, waitSeconds: 1.5)))
        let changes = SyncChanges(added: users, updated: 0, removed: 0)
        _ = state.apply(
            .syncFinished(.finished(users: users, pages: pages, seconds: 4, changes: changes)))
        return state
    }

    /// The check lines the demo org answers with: every check passes, every message is
    /// longer than the 17 cells left beside the check at 60 columns.
    static func demoLines() -> [CheckLine] {
        [
            CheckLine(
                title: "The address is an Okta org", status: .pass,
                message: "acme.okta.com is an Okta org (Identity Engine).", duration: 0.04),
            CheckLine(
                title: "The token is valid", status: .pass,
                message: "The token belongs to ada.lovelace@example.com.", duration: 0.03),
            CheckLine(
                title: "The token may list users", status: .pass,
                message: "The token may list users.", duration: 0.03),
            CheckLine(
                title: "Org details", status: .pass, message: "Org: Acme Corporation.",
                duration: 0.05),
        ]
    }

    /// Step 3 submitted and the check finished with `lines`.
    static func checked(_ lines: [CheckLine], passed: Bool, diagnosis: Diagnosis? = nil)
        -> AppState
    {
        var state = G.step3()
        _ = state.handle(.enter)
        _ = state.apply(
            .checkFinished(
                CheckOutcome(
                    passed: passed, lines: lines, ownerLogin: "admin@acme.com",
                    orgName: "Acme Corporation", diagnosis: diagnosis)))
        return state
    }

    /// The demo's passing check, saved.
    static func demoConnected() -> AppState {
        var state = checked(demoLines(), passed: true)
        var summary = G.connectedSummary()
        summary.lastSync = nil
        summary.userCount = nil
        summary.tokenLastUsed = G.now
        _ = state.apply(.connectionSaved(summary))
        return state
    }

    /// A re-check of the saved connection that fails with a message of its own (not the
    /// diagnosis's words), so both are shown; three buttons.
    static func recheckFailed() -> AppState {
        var state = G.savedStatus()
        _ = state.handle(.character("k"))
        var lines = G.passingLines()
        lines[2] = CheckLine(
            title: "The token may list users", status: .fail,
            message: "The token's admin may not list users (E0000006), which the sync needs. "
                + "Create the token as a Super Admin or Read-Only Admin, then Reconnect.",
            duration: 0.07)
        lines[3] = CheckLine(
            title: "Org details", status: .skipped, message: "Not run: an earlier check failed.")
        _ = state.apply(
            .checkFinished(
                CheckOutcome(
                    passed: false, lines: lines,
                    diagnosis: Diagnosis(
                        summary: "Okta refused: the admin role lacks a permission (E0000006).",
                        nextStep: "Use a token created by a Super Admin or Read-Only Admin.",
                        requestId: "Req0000006"))))
        return state
    }

    @Test func afterSyncNowTheButtonsStayAndTheChecklistCollapses() {
        let state = Self.small(Self.synced(G.connected()))
        #expect(state.render().text == Self.connectedAndSynced)
        #expect(state.controls == [.syncNow, .browse, .reconnect, .disconnect])
    }

    @Test func aDemoCheckThatAllPassedIsOneLine() {
        let state = Self.small(Self.synced(Self.demoConnected()))
        #expect(state.render().text == Self.demoSynced)
    }

    @Test func aRunningSyncTakesTwoLines() {
        var state = Self.small(Self.demoConnected())
        _ = state.handle(.character("s"))
        _ = state.apply(
            .syncProgress(
                SyncCounts(
                    users: 1_200, pages: 6, rateLimitWaits: 1, waitSeconds: 1.5,
                    expectedTotal: 2_500)))
        #expect(state.render().text == Self.demoSyncing)
    }

    @Test func aRejectedTokenShowsItsDiagnosisOnceWithTheButtons() {
        #expect(Self.small(G.rejected()).render().text == Self.rejected)
    }

    @Test func aFailedCheckKeepsItsMessageTheDiagnosisAndEveryButton() {
        let state = Self.small(Self.recheckFailed())
        #expect(state.render().text == Self.recheckFailedText)
        #expect(state.controls == [.reconnect, .checkAgain, .disconnect])
    }

    /// However much text is above them, the buttons and the progress stay: the text above
    /// is cut from its end instead (here after a warned check's long message, a CJK name and
    /// the expiry warning of an idle token, the last sync line goes).
    @Test func theButtonsAndTheProgressWinOverTheTextAbove() {
        var state = G.cjkStatus()
        var lines = G.passingLines()
        lines[3].message =
            "The token works, but its admin role cannot read org settings (E0000006). "
            + "Syncing users is not affected."
        state.check = CheckRun(
            org: G.org, purpose: .recheck, lines: lines,
            outcome: CheckOutcome(passed: true, lines: lines))
        state = Self.small(Self.synced(state))
        let text = state.render().text
        #expect(text == Self.crowded)
        for control in state.controls {
            #expect(text.contains("[ \(control.caption) ]"), "\(control) missing")
        }
        #expect(!text.contains("Last sync"), "the end of the text above is cut")
    }

    /// The utilization summary wraps under the buttons instead of being cut.
    @Test func theUtilizationSummaryWrapsUnderTheButtons() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        let summary = ConnectionSummary(
            org: F.org, ownerLogin: "ada.lovelace@example.com", orgName: "Acme Corporation",
            tokenLastUsed: F.now, lastSync: F.now, userCount: 10, databaseURL: store.url)
        var state = Self.checked(Self.demoLines(), passed: true)
        state.now = F.now
        SynchronousQueries.apply(.connectionSaved(summary), in: &state)
        state = Self.small(Self.synced(state, users: 10, pages: 1))
        #expect(state.render().text == Self.withPanel)
    }

    /// At 80 columns a message too long for the space beside its check gets its own line
    /// instead of being cut.
    @Test func aLongMessageAt80ColumnsIsShownWhole() {
        let text = Self.demoConnected().render().text
        #expect(!text.contains("…"), "\(text)")
        #expect(text.contains("     The token belongs to ada.lovelace@example.com."), "\(text)")
        #expect(text.contains("   ✓ Org details                 0.05 s  Org: Acme Corporation."))
    }

    static let connectedAndSynced =
        """
         Step 4 of 4 · Connection status               okta-connect
        ────────────────────────────────────────────────────────────
           ✓ 3 checks passed · 0.30 s
           ! Org details                 0.05 s
             no permission to read org settings

          Connected as admin@acme.com to Acme Corporation
          (acme.okta.com)
          Token last used just now
          Last sync: never · no users in the local store yet

          Synced 2,500 users · 13 pages ·
            2 rate-limit waits (1.50 s)
          [ Sync now ]  [ Browse users ]  [ Reconnect ]
          [ Disconnect ]
        ────────────────────────────────────────────────────────────
         Sync finished: 2,500 added; 2,500 users in the store.
         Tab next  Enter select  Esc back  s sync  b browse  ? help
        """
    static let demoSynced =
        """
         Step 4 of 4 · Connection status               okta-connect
        ────────────────────────────────────────────────────────────
           ✓ 4 checks passed · 0.15 s

          Connected as admin@acme.com to Acme Corporation
          (acme.okta.com)
          Token last used just now
          Last sync: never · no users in the local store yet

          Synced 2,500 users · 13 pages ·
            2 rate-limit waits (1.50 s)
          [ Sync now ]  [ Browse users ]  [ Reconnect ]
          [ Disconnect ]


        ────────────────────────────────────────────────────────────
         Sync finished: 2,500 added; 2,500 users in the store.
         Tab next  Enter select  Esc back  s sync  b browse  ? help
        """
    static let demoSyncing =
        """
         Step 4 of 4 · Connection status               okta-connect
        ────────────────────────────────────────────────────────────
           ✓ 4 checks passed · 0.15 s

          Connected as admin@acme.com to Acme Corporation
          (acme.okta.com)
          Token last used just now
          Last sync: never · no users in the local store yet

          Syncing    ██████████████░░░░░░░░░░░░░░░░
          1,200 users · 6 pages · 1 rate-limit wait (1.50 s)




        ────────────────────────────────────────────────────────────

         Esc cancel  Tab next  Enter select  q quit  ? help
        """
    static let rejected =
        """
         Step 4 of 4 · Connection status               okta-connect
        ────────────────────────────────────────────────────────────
           ✓ 1 check passed · 0.12 s
           ✗ The token is valid          0.09 s
           - 2 checks not run

          Okta rejected the token (E0000011).
          It may have expired after 30 days without use, been
          revoked, or its admin was deactivated. Create a new
          token and choose Reconnect.
          Okta request id: XyZ123reqid

          [ Edit token and domain ]  [ Try again ]


        ────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  q quit  ? help
        """
    static let recheckFailedText =
        """
         Step 4 of 4 · Connection status               okta-connect
        ────────────────────────────────────────────────────────────
           ✓ 2 checks passed · 0.20 s
           ✗ The token may list users    0.07 s
             The token's admin may not list users (E0000006),
             which the sync needs. Create the token as a Super
             Admin or Read-Only Admin, then Reconnect.
           - 1 check not run

          Okta refused: the admin role lacks a permission
          (E0000006).
          Use a token created by a Super Admin or Read-Only Admin.
          Okta request id: Req0000006

          [ Reconnect ]  [ Check again ]  [ Disconnect ]
        ────────────────────────────────────────────────────────────

         Tab next  Enter select  Esc back  s sync  b browse  ? help
        """
    static let withPanel =
        """
         Step 4 of 4 · Connection status               okta-connect
        ────────────────────────────────────────────────────────────
           ✓ 4 checks passed · 0.15 s

          Connected as ada.lovelace@example.com to Acme
          Corporation (acme.okta.com)
          Token last used just now
          Last sync: just now · 10 users in the local store

          Synced 10 users · 1 page · 2 rate-limit waits (1.50 s)
          [ Sync now ]  [ Browse users ]  [ Reconnect ]
          [ Disconnect ]

          Unused seats: 3 of 7 (42.9 %) ·
            no login in 90 d or never
        ────────────────────────────────────────────────────────────
         Sync finished: 10 added; 10 users in the store.
         Tab next  Enter select  Esc back  s sync  b browse  ? help
        """
    static let crowded =
        """
         Step 4 of 4 · Connection status               okta-connect
        ────────────────────────────────────────────────────────────
           ✓ 3 checks passed · 0.30 s
           ! Org details                 0.05 s
             The token works, but its admin role cannot read org
             settings (E0000006). Syncing users is not affected.
          Connected as 管理员@例子.中国 to 株式会社アクメ␛[2J
          (acme.okta.com)
          Token last used 27 d ago
          ! Okta deletes tokens unused for 30 days: this one
            expires in 3 d unless it is used. A sync uses it.
          Synced 2,500 users · 13 pages ·
            2 rate-limit waits (1.50 s)
          [ Sync now ]  [ Browse users ]  [ Reconnect ]
          [ Disconnect ]
        ────────────────────────────────────────────────────────────
         Sync finished: 2,500 added; 2,500 users in the store.
         Tab next  Enter select  Esc back  s sync  b browse  ? help
        """
}
