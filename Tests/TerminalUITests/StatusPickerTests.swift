import TerminalUI
import Testing

private typealias F = BrowserFixtures

/// The status filter picker (`f` in the browser) moves like every other list.
@Suite struct StatusPickerTests {
    @Test func homeAndEndJumpToTheFirstAndLastStatus() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)

        F.press([.character("f"), .end], in: &state)
        let picker = try #require(F.browser(state)?.picker)
        #expect(picker.selected == picker.items.count - 1)
        #expect(picker.items[picker.selected].status == "DEPROVISIONED")

        F.press([.character(" "), .home, .enter], in: &state)
        let screen = try #require(F.browser(state))
        #expect(screen.table.filter.statuses?.contains("DEPROVISIONED") == false)
        #expect(screen.table.filter.statuses?.contains("STAGED") == true)
        #expect(screen.table.total == 9)
    }

    @Test func gAndShiftGMoveLikeHomeAndEnd() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        F.press([.character("f"), .character("G")], in: &state)
        let last = try #require(F.browser(state)?.picker)
        #expect(last.selected == last.items.count - 1)
        F.press([.character("g")], in: &state)
        #expect(F.browser(state)?.picker?.selected == 0)
    }
}
