import Foundation
import TerminalUI
import Testing

private typealias F = BrowserFixtures

/// Under a locale that is not UTF-8 every symbol the screens draw comes from the ASCII
/// glyph set: nothing is left for the terminal layer to replace with `?`.
@Suite struct ASCIIFallbackTests {
    typealias G = ScreenGallery

    static let setupStates: [(String, AppState)] =
        ScreenFixtureCases.all.filter {
            $0.0 != "cjkNameAndHostileOrgName"
        } + [("help", G.help())]

    @Test(arguments: setupStates.map(\.0))
    func setupScreensDrawOnlyASCII(name: String) throws {
        let state = try #require(Self.setupStates.first { $0.0 == name }?.1)
        let text = state.render(environment: .ascii).text
        let odd = text.filter { !$0.isASCII }
        #expect(odd.isEmpty, "non-ASCII \(odd) in:\n\(text)")
    }

    @Test func theBrowserTitlesUseTheASCIISeparator() throws {
        let (store, directory) = try F.store(F.people)
        defer { directory.remove() }
        var state = F.app(store, directory: directory)
        let title = { (state: AppState) in
            String(state.render(environment: .ascii).text.split(separator: "\n")[0])
        }
        #expect(title(state).hasPrefix(" Users - 1 of 10"))
        #expect(state.render(environment: .ascii).text.contains("Name ^"))
        F.press([.character("i")], in: &state)
        #expect(title(state).hasPrefix(" Users - 1 of 1 - never logged in"))
        F.press([.character("i"), .character("i"), .character("i"), .character("i")], in: &state)
        F.press([.character("u")], in: &state)
        #expect(title(state).hasPrefix(" Users - utilization - 10 users"))
        F.press([.escape, .enter], in: &state)
        #expect(title(state).hasPrefix(" Users > Alice Anderson"))
        let body = state.render(environment: .ascii).text
        #expect(body.contains("lines 1-"), "the detail's range uses an ASCII dash")
        F.press([.escape, .character("?")], in: &state)
        let help = state.render(environment: .ascii).text
        #expect(help.contains("^ / k"))
        #expect(help.filter { !$0.isASCII }.isEmpty, "\(help)")
    }

    @Test func adaptMapsOnlyForTheASCIIEdition() {
        #expect(Glyphs.unicode.adapt("Users · 1 of 2 › … ↑↓ –") == "Users · 1 of 2 › … ↑↓ –")
        #expect(Glyphs.ascii.adapt("Users · 1 of 2 › … ↑↓ –") == "Users - 1 of 2 > ... ^v -")
    }
}
