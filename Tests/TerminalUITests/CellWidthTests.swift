import TerminalUI
import Testing

@Suite struct CellWidthTests {
    let widths = CellWidth.standard

    @Test(arguments: [
        ("a", 1), ("é", 1), ("中", 2), ("漢字", 4), ("ｶ", 1), ("Ａ", 2), ("한", 2), ("🚀", 2),
        ("✓", 1), ("•", 1), ("e\u{301}", 1), ("👍🏽", 2), ("", 0),
    ])
    func measuresCells(text: String, expected: Int) {
        #expect(widths.width(of: text) == expected)
    }

    @Test func combiningMarkAndZeroWidthScalarsTakeNoCell() {
        #expect(CellWidth.unicodeWidth("\u{301}") == 0)
        #expect(CellWidth.unicodeWidth("\u{200B}") == 0)
        #expect(CellWidth.unicodeWidth("\u{FE0F}") == 0)
        #expect(CellWidth.unicodeWidth("\u{4E2D}") == 2)
    }

    @Test func truncatesWithoutSplittingAWideCharacter() {
        #expect(widths.truncate("漢字テスト", to: 5) == "漢字…")
        #expect(widths.truncate("abcdef", to: 6) == "abcdef")
        #expect(widths.truncate("abcdefg", to: 6) == "abcde…")
        #expect(widths.prefix("漢字", cells: 3) == "漢")
    }

    @Test func wrapsAtSpacesAndSplitsOverlongWords() {
        #expect(widths.wrap("one two three four", to: 9) == ["one two", "three", "four"])
        #expect(widths.wrap("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
        #expect(widths.wrap("中文 字符串测试", to: 6) == ["中文", "字符串", "测试"])
    }

    @Test func injectedWidthFunctionIsUsed() {
        let allNarrow = CellWidth { _ in 1 }
        #expect(allNarrow.width(of: "漢字") == 2)
    }
}
