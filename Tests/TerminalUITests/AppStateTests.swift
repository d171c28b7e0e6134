import Foundation
import OktaCore
import TerminalUI
import Testing

@Suite struct AppStateTests {
    typealias G = ScreenGallery

    @Test func startsAtStepOneWithoutAConnectionAndAtStatusWithOne() {
        #expect(AppState(saved: nil).step == .initiate)
        #expect(AppState(saved: G.connectedSummary()).step == .status)
    }

    @Test func walksTheFourStepsAndAsksToConnect() throws {
        var state = G.fresh()
        #expect(state.focusedControl == .connect)
        #expect(state.handle(.enter).isEmpty)
        #expect(state.step == .logIn)
        #expect(state.focusedControl == .domain)
        G.type("acme-admin.okta.com/admin/dashboard", into: &state)
        #expect(state.typedOrg?.host == "acme.okta.com")
        _ = state.handle(.enter)
        #expect(state.step == .enterToken)
        #expect(state.focusedControl == .token)
        _ = state.handle(.paste("  \(G.token)\r\n"))
        #expect(state.token.text == G.token)
        let effects = state.handle(.enter)
        #expect(effects == [.connect(org: G.org, token: try APIToken(parsing: G.token))])
        #expect(state.step == .status)
        #expect(state.check?.isRunning == true)
    }

    @Test func lettersGoIntoFieldsNotCommands() {
        var state = G.step2()
        G.type("q?", into: &state)
        #expect(!state.hasQuit)
        #expect(state.overlay == nil)
        #expect(state.domain.text == "acmeq?")
    }

    @Test func invalidTokenIsExplainedAndNothingRuns() {
        var state = G.step2()
        _ = state.handle(.tab)
        _ = state.handle(.tab)
        _ = state.handle(.enter)
        G.type("{apiToken}", into: &state)
        #expect(state.handle(.enter).isEmpty)
        #expect(state.step == .enterToken)
        #expect(state.tokenError == APITokenError.placeholder.description)
    }

    /// A token pasted broken across two lines is refused as the command line refuses it,
    /// not silently joined.
    @Test func aTokenPastedAcrossTwoLinesIsExplained() {
        var state = G.step2()
        _ = state.handle(.tab)
        _ = state.handle(.tab)
        _ = state.handle(.enter)
        _ = state.handle(.paste("00abcdefghij0123456789\r\nklmnopqrstuvwxyz01234\n"))
        #expect(state.handle(.enter).isEmpty)
        #expect(state.step == .enterToken)
        #expect(state.tokenError == APITokenError.innerWhitespace.description)
    }

    @Test func escapeWhileCheckingCancelsAndKeepsWhatWasTyped() {
        var state = G.checking()
        #expect(state.handle(.escape) == [.cancelWork])
        #expect(state.step == .enterToken)
        #expect(state.token.text == G.token)
        #expect(state.domain.text == "acme")
        _ = state.apply(.checkFinished(CheckOutcome(passed: false, lines: [])))
        #expect(state.check == nil)
    }

    @Test func failureGoesBackToTheFieldsWithTheTyping() {
        var state = G.rejected()
        #expect(state.controls == [.editEntry, .tryAgain])
        _ = state.handle(.escape)
        #expect(state.step == .enterToken)
        #expect(state.token.text == G.token)
    }

    @Test func passingCheckWaitsForTheSaveThenClearsTheToken() {
        var state = G.step3()
        _ = state.handle(.enter)
        _ = state.apply(.checkFinished(CheckOutcome(passed: true, lines: G.passingLines())))
        #expect(state.check?.saving == true)
        #expect(state.controls.isEmpty)
        _ = state.apply(.connectionSaved(G.connectedSummary()))
        #expect(state.saved == G.connectedSummary())
        #expect(state.token.text.isEmpty)
        #expect(state.controls == [.syncNow, .browse, .reconnect, .disconnect])
    }

    @Test func reconnectFillsTheDomainAndEscLeavesTheSavedConnection() {
        var state = G.savedStatus()
        _ = state.handle(.character("r"))
        #expect(state.step == .enterToken)
        #expect(state.domain.text == "acme.okta.com")
        #expect(state.token.text.isEmpty)
        #expect(state.focusedControl == .token)
        _ = state.handle(.escape)
        #expect(state.step == .status)
        #expect(state.saved == G.connectedSummary())
    }

    @Test func failedReconnectSaysTheSavedConnectionIsUnchanged() {
        var state = G.savedStatus()
        _ = state.handle(.character("r"))
        _ = state.handle(.paste("00bad0token0value0000000000000000000000"))
        _ = state.handle(.enter)
        #expect(state.check?.purpose == .reconnect)
        _ = state.apply(
            .checkFinished(
                CheckOutcome(
                    passed: false, lines: [],
                    diagnosis: Diagnosis(
                        summary: "Okta rejected the token.", nextStep: "Reconnect.",
                        tokenRejected: true))))
        #expect(state.saved == G.connectedSummary())
        #expect(
            state.render().text.contains("Your saved connection to acme.okta.com is unchanged."))
    }

    @Test func disconnectAsksFirst() {
        var state = G.savedStatus()
        #expect(state.handle(.character("d")).isEmpty)
        #expect(state.overlay == .confirmDisconnect)
        #expect(state.handle(.character("n")).isEmpty)
        #expect(state.overlay == nil)
        _ = state.handle(.character("d"))
        #expect(state.handle(.character("y")) == [.disconnect])
        _ = state.apply(.disconnected)
        #expect(state.step == .initiate)
        #expect(state.saved == nil)
    }

    @Test func quitAsksWhileASyncRuns() {
        var idle = G.savedStatus()
        #expect(idle.handle(.character("q")) == [.quit])
        #expect(idle.hasQuit)
        var syncing = G.syncing()
        #expect(syncing.handle(.character("q")).isEmpty)
        #expect(!syncing.hasQuit)
        #expect(syncing.handle(.character("y")) == [.cancelWork, .quit])
        #expect(syncing.hasQuit)

        // The sync ends while the question is open: the user still asked to quit, but
        // nothing is cancelled any more, and the question says so.
        var finishing = G.syncing()
        _ = finishing.handle(.character("q"))
        #expect(finishing.overlay == .confirmQuit(AppState.quitDuringSync))
        _ = finishing.apply(.syncFinished(.finished(users: 2_500, pages: 13, seconds: 4.2)))
        #expect(finishing.overlay == .confirmQuit(AppState.quitAfterSync))
        #expect(finishing.render().text.contains("The sync has ended. Quit okta-connect?"))
        #expect(finishing.handle(.character("y")) == [.quit])
    }

    @Test func escapeOnStepOneAsksToQuit() {
        var state = G.fresh()
        _ = state.handle(.escape)
        #expect(state.overlay == .confirmQuit("Quit okta-connect?"))
        #expect(state.handle(.character("y")) == [.quit])
    }

    @Test func controlCQuitsFromAnywhereAndCancelsWork() {
        var state = G.checking()
        #expect(state.handle(.control("c")) == [.cancelWork, .quit])
        var typing = G.step2()
        #expect(typing.handle(.control("c")) == [.quit])
    }

    @Test func resizeKeepsInputAndTooSmallStillQuitsWithQ() {
        var state = G.step3()
        state.resize(columns: 59, rows: 24)
        #expect(state.isTooSmall)
        #expect(state.render().text.contains("need 60x18, have 59x24"))
        state.resize(columns: 100, rows: 30)
        #expect(state.token.text == G.token)
        #expect(state.domain.text == "acme")
        state.resize(columns: 40, rows: 10)
        #expect(state.handle(.character("q")) == [.quit])
    }

    @Test func inviteWritesTheInvitationWithTheOrgsTokenPage() {
        var state = G.fresh()
        _ = state.handle(.tab)
        let effects = state.handle(.enter)
        guard case .writeInvitation(let text)? = effects.first else {
            Issue.record("expected an invitation, got \(effects)")
            return
        }
        #expect(text.contains("Security > API > Tokens"))
        var known = G.savedStatus()
        _ = known.handle(.escape)
        _ = known.handle(.tab)
        guard case .writeInvitation(let withOrg)? = known.handle(.enter).first else {
            Issue.record("expected an invitation")
            return
        }
        #expect(withOrg.contains("https://acme-admin.okta.com/admin/access/api/tokens"))
        _ = known.apply(.invitationWritten(path: "/tmp/inv.txt", text: withOrg))
        #expect(known.handle(.character("c")) == [.copyToClipboard(withOrg)])
    }

    @Test func adminConsoleOpensOnlyWhenKnown() {
        var state = G.fresh()
        _ = state.handle(.enter)
        _ = state.handle(.tab)
        #expect(state.handle(.enter).isEmpty)
        #expect(state.message?.level == .warning)
        var known = G.step2()
        #expect(
            known.handle(.control("o"))
                == [.openURL(URL(string: "https://acme-admin.okta.com")!)])

        // The demo opens nothing: "nothing leaves this machine".
        var demo = G.step2()
        demo.demo = DemoHint(domain: "acme.okta.com", token: "00demo")
        #expect(demo.handle(.control("o")).isEmpty)
        #expect(
            demo.message?.text
                == "Demo mode: no browser is opened. With your org, this opens "
                + "https://acme-admin.okta.com.")
    }

    /// Esc on the connection status leads to step 1; Esc there returns to the status
    /// instead of leaving the user nowhere but Reconnect. Without a connection it asks to quit.
    @Test func escapeOnStepOneReturnsToTheStatusWhenConnected() {
        var state = G.savedStatus()
        #expect(state.step == .status)
        _ = state.handle(.escape)
        #expect(state.step == .initiate)
        _ = state.handle(.escape)
        #expect(state.step == .status)
        #expect(state.overlay == nil)

        var fresh = G.fresh()
        _ = fresh.handle(.escape)
        #expect(fresh.overlay == .confirmQuit("Quit okta-connect?"))
    }

    @Test func helpOverlayListsTheKeysOfTheScreenBelow() {
        let text = G.help().render().text
        #expect(text.contains("Sync now: copy the org's users into the local store"))
        var scrolled = G.help()
        _ = scrolled.handle(.end)
        #expect(scrolled.render().text.contains("Ctrl-C"))
        var state = G.help()
        _ = state.handle(.escape)
        #expect(state.overlay == nil)
    }

    @Test func syncProgressAndFinish() {
        var state = G.syncing()
        #expect(state.render().text.contains("1,200 users · 6 pages · 1 rate-limit wait"))
        let changes = SyncChanges(added: 1_200, updated: 5, removed: 1)
        _ = state.apply(
            .syncFinished(.finished(users: 2_500, pages: 13, seconds: 4.2, changes: changes)))
        #expect(
            state.message
                == Message(
                    "Sync finished: 1,200 added, 5 updated, 1 removed; 2,500 users in the store."))
        #expect(!state.isBusy)

        // An incremental sync that found nothing new says so, not how many users it received.
        var again = G.syncing()
        _ = again.apply(.syncFinished(.finished(users: 2_500, pages: 1, seconds: 0.2)))
        #expect(again.message == Message("Sync finished: no changes; 2,500 users in the store."))
    }

    /// The store holds what an interrupted first sync left (600 users) and no full sync
    /// ever completed: the bar must not take 600 for the org's size.
    @Test func aSyncWithoutAKnownTotalShowsNoMadeUpProgress() {
        var summary = G.connectedSummary()
        summary.lastSync = nil
        summary.userCount = 600
        var state = AppState(saved: summary, now: G.now)
        _ = state.handle(.character("s"))
        _ = state.apply(.syncProgress(SyncCounts(users: 400, pages: 2)))
        let line = state.render().text.split(separator: "\n").first { $0.contains("Syncing") }
        let filled = line.map { $0.filter { $0 == "█" }.count } ?? -1
        #expect(filled == 3, "a moving block of 3, not a filled bar: \(line ?? "")")
    }

    @Test func browseWithoutABrowserSaysSo() {
        var state = G.savedStatus()
        #expect(state.handle(.character("b")) == [.browseUsers(.allUsers)])
        _ = state.apply(.pushScreen(nil))
        #expect(state.message?.level == .warning)
    }
}
