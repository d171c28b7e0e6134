import Foundation
import TerminalUI
import Testing

@Suite struct KeyTableTests {
    @Test func lettersTypeWhileTypingAndCommandWhenNot() {
        #expect(KeyTable.action(for: .character("q"), in: [.typing, .setup]) == .editText)
        #expect(KeyTable.action(for: .character("q"), in: [.navigating, .setup]) == .quit)
        #expect(KeyTable.action(for: .control("c"), in: [.typing]) == .interrupt)
        #expect(KeyTable.action(for: .character("q"), in: [.tooSmall]) == .quit)
        #expect(KeyTable.action(for: .escape, in: [.busy, .navigating, .setup]) == .back)
        #expect(KeyTable.action(for: .paste("x"), in: [.typing]) == .pasteText)
        #expect(KeyTable.action(for: .paste("x"), in: [.navigating]) == nil)
    }

    @Test func footerComesFromTheTableWithHelpLast() {
        let footer = KeyTable.footer(for: [.navigating, .setup], width: 78)
        #expect(footer == "Tab next  Enter select  Esc back  q quit  ? help")
        let narrow = KeyTable.footer(for: [.navigating, .setup], width: 30)
        #expect(narrow.hasSuffix("? help"))
    }

    @Test func everyFooterBindingHasHelpText() {
        for binding in KeyTable.bindings {
            #expect(!binding.help.isEmpty)
            #expect(!binding.contexts.isEmpty)
        }
    }

    /// docs/keys.md (and README's key list, which is copied from it) must match the table.
    @Test func documentedKeyListMatchesTheTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let generated = KeyTable.markdown()
        let keysFile = root.appendingPathComponent("docs/keys.md")
        let expected =
            "# Keys\n\n<!-- generated from KeyTable; see KeyTableTests -->\n\n"
            + generated
        if ProcessInfo.processInfo.environment["UPDATE_DOCS"] == "1" {
            try expected.write(to: keysFile, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: keysFile, encoding: .utf8) == expected)
    }

    /// README's key list is docs/keys.md's tables between the two markers.
    @Test func readmeKeyListMatchesTheTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let generated = KeyTable.markdown()
        let readme = try String(
            contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = "<!-- keys:begin -->\n"
        let end = "<!-- keys:end -->"
        let section = readme.components(separatedBy: begin).dropFirst().first?
            .components(separatedBy: end).first
        let trimmed = section?.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            trimmed == generated.trimmingCharacters(in: .whitespacesAndNewlines),
            "README.md needs docs/keys.md's tables between \(begin) and \(end)")
    }
}
