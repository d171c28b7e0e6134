import Foundation
import TerminalUI
import Testing

private typealias F = BrowserFixtures

/// The `?` overlay wraps long descriptions and scrolls when the key list is taller than the
/// terminal, with an indicator of the lines shown.
@Suite struct HelpOverlayTests {
    typealias G = ScreenGallery

    static func help(columns: Int, rows: Int) -> AppState {
        var state = AppState(saved: G.connectedSummary(), now: G.now, columns: columns, rows: rows)
        _ = state.handle(.character("?"))
        return state
    }

    /// Every line of the overlay from the first to the last, scrolling with `j`.
    static func everyLine(of state: AppState) -> String {
        var state = state
        var seen: [String] = []
        for _ in 0..<200 {
            let rows = state.render().text.split(separator: "\n", omittingEmptySubsequences: false)
            seen += rows.dropFirst(2).prefix(max(0, state.rows - 5)).map(String.init)
            let before = state.helpScroll
            _ = state.handle(.character("j"))
            if state.helpScroll == before { break }
        }
        return seen.joined(separator: "\n")
    }

    @Test func longDescriptionsWrapInsteadOfBeingCut() {
        let state = Self.help(columns: 100, rows: 30)
        let text = Self.everyLine(of: state)
        #expect(!text.contains("…"), "nothing is cut:\n\(text)")
        #expect(text.contains("Reconnect with a new token (the saved one stays until"))
        #expect(text.contains("the new one works)"))
        #expect(text.contains("Ctrl-C"))
        #expect(text.contains("Repaint the whole screen"))
    }

    @Test func aTallListScrollsWithAnIndicatorAndEveryKeyCloses() throws {
        var state = Self.help(columns: 60, rows: 18)
        var text = state.render().text
        #expect(text.contains("lines 1-"))
        #expect(!text.contains("Repaint the whole screen"))
        _ = state.handle(.end)
        text = state.render().text
        #expect(text.contains("Repaint the whole screen"), "the end is reachable:\n\(text)")
        #expect(state.helpScroll > 0)
        let end = state.helpScroll
        _ = state.handle(.down)
        #expect(state.helpScroll == end, "no scrolling past the end")
        _ = state.handle(.character("k"))
        #expect(state.helpScroll == end - 1)
        _ = state.handle(.pageUp)
        #expect(state.helpScroll < end - 1)
        _ = state.handle(.home)
        #expect(state.helpScroll == 0)
        _ = state.handle(.pageDown)
        #expect(state.helpScroll > 0)

        for key in [Key.escape, .character("?"), .character("q")] {
            var open = Self.help(columns: 60, rows: 18)
            #expect(open.handle(key).isEmpty)
            #expect(open.overlay == nil)
            #expect(!open.hasQuit)
        }
        let footer = Self.footer(Self.help(columns: 80, rows: 24))
        #expect(footer.contains("Esc close"))
        #expect(footer.contains("scroll"))
    }

    /// The footer (last line) of `state` as drawn.
    static func footer(_ state: AppState) -> String {
        state.render().text.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// The footer lists a scroll key only when pressing it moves the list.
    @Test func theFooterListsOnlyScrollKeysThatWork() {
        let fits = Self.help(columns: 120, rows: 50)
        #expect(!fits.render().text.contains("lines 1-"), "the whole list fits at 120x50")
        #expect(Self.footer(fits) == " Esc close")
        var still = fits
        _ = still.handle(.down)
        _ = still.handle(.pageDown)
        #expect(still.helpScroll == 0, "nothing to scroll")

        var tall = Self.help(columns: 60, rows: 18)
        var footer = Self.footer(tall)
        #expect(footer.contains("↓ scroll"), "\(footer)")
        #expect(footer.contains("PgDn page down"), "\(footer)")
        #expect(!footer.contains("↑ scroll up"), "at the top: \(footer)")
        _ = tall.handle(.down)
        footer = Self.footer(tall)
        #expect(footer == " Esc close  ↓ scroll  ↑ scroll up  PgDn page down")
        _ = tall.handle(.end)
        footer = Self.footer(tall)
        #expect(footer == " Esc close  ↑ scroll up", "at the end: \(footer)")

        tall.resize(columns: 120, rows: 50)
        #expect(Self.footer(tall) == " Esc close", "a resize that makes it fit")
    }

    @Test func theBrowsersHelpReachesEverywhereAt70x20() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory, columns: 70, rows: 20)
        F.press([.character("?")], in: &state)
        #expect(state.overlay == .help)
        var text = state.render().text
        #expect(text.contains("Users browser"))
        #expect(!text.contains("Everywhere"))
        F.press([.end], in: &state)
        text = state.render().text
        #expect(text.contains("Everywhere"), "the last section is reachable:\n\(text)")
        #expect(text.contains("Repaint the whole screen"))
        F.press([.character("q")], in: &state)
        #expect(state.overlay == nil)
        #expect(!state.hasQuit, "q closes the help, it does not quit")
        #expect(F.browser(state) != nil)
    }

    /// The browser keeps no help state of its own: `?` opens the app's overlay, the table
    /// underneath stays as it was, and once the overlay closes the table's keys work again.
    @Test func theBrowserHasNoHelpOfItsOwn() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        var screen = try #require(F.browser(state))
        #expect(screen.handle(.character("?")).isEmpty)
        #expect(screen.keyContexts == [.browser])

        F.press([.character("?")], in: &state)
        #expect(state.overlay == .help)
        #expect(F.browser(state)?.keyContexts == [.browser])
        F.press([.escape, .character("j")], in: &state)
        #expect(state.overlay == nil)
        #expect(F.browser(state)?.table.selected == 1, "j moves the table, not a hidden help")
        #expect(state.pushed?.title == "Users · 2 of 10")
    }
}
