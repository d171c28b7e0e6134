import TerminalUI
import Testing

@Suite struct TextFieldTests {
    @Test func editsAtTheCursor() {
        var field = TextField(text: "acme")
        field.apply(.left)
        field.apply(.left)
        field.apply(.character("X"))
        #expect(field.text == "acXme")
        field.apply(.backspace)
        field.apply(.delete)
        #expect(field.text == "ace")
        field.apply(.home)
        field.apply(.character(">"))
        field.apply(.end)
        field.apply(.character("<"))
        #expect(field.text == ">ace<")
        field.apply(.control("u"))
        #expect(field.text.isEmpty)
    }

    @Test func pasteIsTrimmedAndStrippedOfControlCharacters() {
        var field = TextField()
        field.apply(.paste("  00abc\u{1B}def \n"))
        #expect(field.text == "00abcdef")
        #expect(field.apply(.character("\u{1B}")) == false || field.text == "00abcdef")
        // A line break or tab inside is kept visible as a space, never joined away.
        var broken = TextField()
        broken.apply(.paste("00abc\r\ndef\tghi\n"))
        #expect(broken.text == "00abc def ghi")
    }

    @Test func maskedFieldNeverShowsTheText() {
        var field = TextField(isMasked: true)
        field.apply(.paste("secret-token"))
        let (shown, cursor) = field.visible(width: 20, mask: "•", widths: .standard)
        #expect(shown == String(repeating: "•", count: 12))
        #expect(cursor == 12)
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        let field = TextField(text: "abcdefghijklmnop")
        let (shown, cursor) = field.visible(width: 6, mask: "•", widths: .standard)
        #expect(shown == "lmnop")
        #expect(cursor == 5)
    }
}

@Suite struct PasteAssemblerTests {
    @Test func bracketedPasteArrivesAsOneKey() {
        var assembler = PasteAssembler()
        #expect(assembler.feed(.key(.character("x"))) == .character("x"))
        #expect(assembler.feed(.pasteStart) == nil)
        #expect(assembler.feed(.key(.character("0"))) == nil)
        #expect(assembler.feed(.key(.character("q"))) == nil)
        #expect(assembler.feed(.key(.enter)) == nil)
        #expect(assembler.isCollecting)
        #expect(assembler.feed(.pasteEnd) == .paste("0q\n"))
        #expect(!assembler.isCollecting)
        #expect(assembler.feed(.key(.enter)) == .enter)
    }
}
