import TerminalUI
import Testing

@Suite struct CanvasTests {
    @Test func wideCharactersTakeTwoCellsAndAlign() {
        var canvas = Canvas(columns: 10, rows: 2)
        canvas.put("中a", row: 0, column: 0)
        canvas.put("ab|", row: 1, column: 0)
        #expect(canvas.cells[0][0].width == 2)
        #expect(canvas.cells[0][1].width == 0)
        #expect(canvas.cells[0][2].text == "a")
        #expect(canvas.text == "中a\nab|")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var canvas = Canvas(columns: 6, rows: 1)
        canvas.put("漢字", row: 0, column: 0)
        canvas.put("x", row: 0, column: 1)
        #expect(canvas.text == " x字")
    }

    @Test func writesAreClippedAtTheEdges() {
        var canvas = Canvas(columns: 5, rows: 1)
        #expect(canvas.put("abcdefgh", row: 0, column: 2) == 3)
        #expect(canvas.put("x", row: 3, column: 0) == 0)
        #expect(canvas.put("x", row: 0, column: -1) == 0)
        #expect(canvas.text == "  ab…")
        var narrow = Canvas(columns: 3, rows: 1)
        narrow.put("a漢字", row: 0, column: 0, ellipsis: "")
        #expect(narrow.text == "a漢")
    }

    @Test func escapeSequencesInDataAreNeutralised() {
        var canvas = Canvas(columns: 30, rows: 1)
        canvas.put("Eve\u{1B}[2J\u{07}\u{202E}evil", row: 0, column: 0)
        #expect(
            !canvas.cells[0].contains { cell in
                cell.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E }
            })
        #expect(canvas.text.hasPrefix("Eve␛[2J␇"))
    }

    @Test func asciiOnlyKeepsTheLayout() {
        var canvas = Canvas(columns: 8, rows: 1)
        canvas.put("a中✓b", row: 0, column: 0)
        #expect(canvas.asciiOnly().text == "a???b")
    }

    @Test func linksAreRecordedWhereTheyAreDrawn() {
        var canvas = Canvas(columns: 40, rows: 2)
        canvas.putLink(
            "https://acme-admin.okta.com", url: "https://acme-admin.okta.com",
            row: 1, column: 4)
        #expect(
            canvas.links == [
                Canvas.Link(
                    row: 1, column: 4, width: 27,
                    url: "https://acme-admin.okta.com")
            ])
    }
}

@Suite struct TerminalEscapesTests {
    @Test func osc52CarriesBase64SoTextCannotEndTheSequence() {
        let sequence = TerminalEscapes.copyToClipboard("a\u{07}b\u{1B}\\")
        #expect(sequence == "\u{1B}]52;c;YQdiG1w=\u{07}")
    }

    @Test func osc8RefusesURLsWithControlCharacters() {
        #expect(
            TerminalEscapes.hyperlink(url: "https://x\u{1B}]", text: "x", row: 0, column: 0)
                == nil)
        let link = TerminalEscapes.hyperlink(
            url: "https://acme-admin.okta.com", text: "console", row: 2, column: 5)
        #expect(
            link == "\u{1B}7\u{1B}[3;6H\u{1B}[0;4m\u{1B}]8;;https://acme-admin.okta.com"
                + "\u{1B}\\console\u{1B}]8;;\u{1B}\\\u{1B}8")
    }
}
