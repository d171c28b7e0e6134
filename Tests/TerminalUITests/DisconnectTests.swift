import Foundation
import TerminalUI
import Testing

/// After Disconnect nothing is saved: step 1 reads as on a first start.
@Suite struct DisconnectTests {
    typealias G = ScreenGallery

    @Test func stepOneIsFreshAfterDisconnect() {
        var state = G.savedStatus()
        _ = state.handle(.escape)
        #expect(state.step == .initiate)
        #expect(state.render().text.contains("[ Reconnect ]"), "a connection is saved")
        _ = state.handle(.tab)
        _ = state.handle(.enter)
        _ = state.apply(.invitationWritten(path: "/tmp/invitation.txt", text: "Dear admin"))
        _ = state.apply(.copiedToClipboard)
        #expect(state.render().text.contains("Copied. Send it to your Okta admin."))

        _ = state.handle(.tab)
        _ = state.handle(.enter)
        #expect(state.step == .enterToken)
        _ = state.handle(.escape)
        #expect(state.step == .status)
        _ = state.handle(.character("d"))
        #expect(state.handle(.character("y")) == [.disconnect])
        _ = state.apply(.disconnected)

        let text = state.render().text
        #expect(state.step == .initiate)
        #expect(state.focusedControl == .connect)
        #expect(text.contains("State: Not connected"))
        #expect(text.contains("[ Connect ]"))
        #expect(!text.contains("Reconnect"))
        #expect(!text.contains("Invitation written"))
        #expect(!text.contains("Copied."))
        #expect(text.contains("Disconnected: the saved token was deleted."))
        #expect(state.domain.text.isEmpty)
        #expect(state.token.text.isEmpty)
        #expect(state.invitation == nil)
    }

    @Test func disconnectKeepsTheTerminalSizeAndDemoMode() {
        let demo = DemoHint(domain: "acme.okta.com", token: "00demo")
        var state = AppState(
            saved: G.connectedSummary(), demo: demo, now: G.now, columns: 100, rows: 30)
        _ = state.handle(.character("d"))
        _ = state.handle(.character("y"))
        _ = state.apply(.disconnected)
        #expect(state.columns == 100)
        #expect(state.rows == 30)
        #expect(state.demo == demo)
        #expect(state.render().text.contains("Demo mode: a simulated org (acme.okta.com)"))
    }
}
