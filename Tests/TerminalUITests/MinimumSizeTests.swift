import Foundation
import OktaCore
import TerminalUI
import Testing

/// At the documented minimum size every setup screen shows all its actions, the focused
/// field and, in demo mode, the hint a first-time user needs to finish step 3.
@Suite struct MinimumSizeTests {
    typealias G = ScreenGallery
    static let demo = DemoHint(
        domain: "acme.okta.com", token: "00dEmO7sIm4ulAtEd9oRg2tOkEn5nOt8rEaL1xYz3Q")

    static func small(_ state: AppState, demo: Bool = true) -> AppState {
        var state = state
        if demo { state.demo = Self.demo }
        state.resize(columns: AppState.minimumColumns, rows: AppState.minimumRows)
        return state
    }

    static func reconnecting() -> AppState {
        var state = G.savedStatus()
        _ = state.handle(.character("r"))
        return state
    }

    static let cases: [(String, AppState)] = [
        ("initiate", small(G.fresh())),
        ("initiateWithInvitation", small(G.invitation())),
        ("logIn", small(G.step2())),
        ("enterToken", small(G.step3())),
        ("reconnecting", small(reconnecting())),
        ("connected", small(G.connected(), demo: false)),
        ("savedConnection", small(G.savedStatus(), demo: false)),
        ("tokenRejected", small(G.rejected())),
        ("syncedAfterConnecting", small(StatusCompactTests.synced(G.connected()), demo: false)),
        ("recheckFailed", small(StatusCompactTests.recheckFailed(), demo: false)),
    ]

    @Test(arguments: cases.map(\.0))
    func everyActionIsVisible(name: String) throws {
        let state = try #require(Self.cases.first { $0.0 == name }?.1)
        #expect(!state.isTooSmall)
        let text = state.render().text
        for control in state.controls where control.isButton {
            #expect(text.contains("[ \(control.caption) ]"), "\(control) missing:\n\(text)")
        }
    }

    @Test func theDemoHintAndTheFocusedFieldStayVisible() {
        for state in [Self.small(G.step3()), Self.small(Self.reconnecting())] {
            let canvas = state.render()
            #expect(canvas.text.contains("Demo: org acme.okta.com, token"), "\(canvas.text)")
            #expect(
                canvas.text.contains("00dEmO7sIm4ulAtEd9oRg2tOkEn5nOt8rEaL1xYz3Q"),
                "the demo token:\n\(canvas.text)")
            #expect(canvas.cursor != nil, "the focused field is drawn")
        }
        let step1 = Self.small(G.fresh()).render().text
        #expect(step1.contains("Demo mode: a simulated org (acme.okta.com); nothing"))
        #expect(step1.contains("leaves this machine."))
    }

    @Test func theTokensPageAddressIsNotCut() {
        let text = Self.small(G.step3()).render().text
        #expect(text.contains("https://acme-admin.okta.com/admin/access/api/tokens"), "\(text)")
    }
}
