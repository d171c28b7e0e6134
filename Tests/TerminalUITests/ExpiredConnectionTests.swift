import Foundation
import TerminalUI
import Testing

/// With an expired token the status screen offers only what can work: Reconnect, Check
/// again, Disconnect. The footer comes from the one key table, so `s` is not shown there.
@Suite struct ExpiredConnectionTests {
    typealias G = ScreenGallery

    static func expired() -> AppState {
        var summary = G.connectedSummary()
        summary.state = .expired
        return AppState(saved: summary, now: G.now)
    }

    @Test func theFooterDoesNotOfferSyncOrBrowse() {
        let state = Self.expired()
        #expect(state.keyContexts.contains(.expired))
        #expect(!state.keyContexts.contains(.connected))
        let lines = state.render().text.split(separator: "\n", omittingEmptySubsequences: false)
        let footer = String(lines.last ?? "")
        #expect(footer == " Tab next  Enter select  Esc back  q quit  ? help")
        #expect(state.render().text.contains("[ Reconnect ]  [ Check again ]  [ Disconnect ]"))
    }

    @Test func sDoesNothingButTheWorkingKeysDo() {
        var state = Self.expired()
        #expect(state.handle(.character("s")).isEmpty)
        #expect(state.sync == nil)
        var checking = Self.expired()
        #expect(checking.handle(.character("k")) == [.checkSaved])
        var reconnecting = Self.expired()
        _ = reconnecting.handle(.character("r"))
        #expect(reconnecting.step == .enterToken)
        var disconnecting = Self.expired()
        _ = disconnecting.handle(.character("d"))
        #expect(disconnecting.overlay == .confirmDisconnect)
    }

    @Test func aSyncRejectedByOktaHidesSyncFromTheFooter() {
        var state = G.syncing()
        _ = state.apply(
            .syncFinished(
                .failed(
                    Diagnosis(
                        summary: "Okta rejected the token.", nextStep: "Reconnect.",
                        tokenRejected: true))))
        #expect(state.saved?.state == .expired)
        #expect(!state.render().text.contains("s sync"))
        #expect(state.handle(.character("s")).isEmpty)
    }

    @Test func theHelpListsTheExpiredKeys() {
        var state = Self.expired()
        _ = state.handle(.character("?"))
        let text = state.render().text
        #expect(text.contains("Connection status (access expired)"))
        #expect(!text.contains("Sync now: copy"))
    }
}
