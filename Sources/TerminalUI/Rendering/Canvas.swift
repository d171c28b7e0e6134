import OktaCore

/// A grid of terminal cells that a screen draws into; the curses layer copies it out.
///
/// Each cell holds one grapheme cluster and its width. A wide character occupies its cell
/// and a continuation cell to its right (width 0), so column arithmetic always matches what
/// the terminal shows. Writes are clipped at the edges: drawing past them after a shrink is a
/// classic curses crash, and here it is simply impossible. Every string is neutralised on the
/// way in (`SafeText`), so control characters and escape sequences from Okta data can never
/// reach the terminal raw, whichever screen drew them.
public struct Canvas: Sendable, Equatable {
    /// One terminal cell.
    public struct Cell: Sendable, Equatable {
        /// The grapheme drawn in the cell; empty for the right half of a wide character.
        public var text: String
        /// 1 or 2 for a drawn cell, 0 for a continuation cell.
        public var width: Int
        public var style: CellStyle

        public static let blank = Cell(text: " ", width: 1, style: .plain)
    }

    /// A region that is a hyperlink (OSC 8) on terminals that support it.
    public struct Link: Sendable, Equatable {
        public var row: Int
        public var column: Int
        public var width: Int
        public var url: String

        public init(row: Int, column: Int, width: Int, url: String) {
            self.row = row
            self.column = column
            self.width = width
            self.url = url
        }
    }

    public let columns: Int
    public let rows: Int
    public let widths: CellWidth
    /// The symbol edition of the terminal; `put` writes every text in it (`Glyphs.adapt`).
    public let glyphs: Glyphs
    public private(set) var cells: [[Cell]]
    public private(set) var links: [Link] = []
    /// Where the terminal cursor should be shown (in a focused text field), or nil to hide it.
    public var cursor: (row: Int, column: Int)? {
        get { cursorPosition.map { ($0.row, $0.column) } }
        set { cursorPosition = newValue.map { CursorPosition(row: $0.row, column: $0.column) } }
    }
    private var cursorPosition: CursorPosition?

    private struct CursorPosition: Sendable, Equatable {
        var row: Int
        var column: Int
    }

    public init(
        columns: Int, rows: Int, widths: CellWidth = .standard, glyphs: Glyphs = .unicode
    ) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.widths = widths
        self.glyphs = glyphs
        cells = Array(
            repeating: Array(repeating: .blank, count: max(0, columns)), count: max(0, rows))
    }

    public static func == (lhs: Canvas, rhs: Canvas) -> Bool {
        lhs.columns == rhs.columns && lhs.rows == rhs.rows && lhs.cells == rhs.cells
            && lhs.links == rhs.links && lhs.cursorPosition == rhs.cursorPosition
    }

    /// Draws `text` at (`row`, `column`), at most `limit` cells wide (to the right edge by
    /// default), cutting with an ellipsis when it does not fit. Returns the cells used.
    @discardableResult
    public mutating func put(
        _ text: String, row: Int, column: Int, style: CellStyle = .plain, limit: Int? = nil,
        ellipsis: String = "…"
    ) -> Int {
        guard row >= 0, row < rows, column >= 0, column < columns else { return 0 }
        let room = min(columns - column, limit ?? Int.max)
        guard room > 0 else { return 0 }
        let fitted = widths.truncate(
            glyphs.adapt(SafeText.neutralized(text)), to: room, ellipsis: glyphs.adapt(ellipsis))
        var x = column
        for character in fitted {
            let cellWidth = widths.width(of: character)
            if x + cellWidth > columns { break }
            clearWide(row: row, column: x)
            if cellWidth == 2 { clearWide(row: row, column: x + 1) }
            cells[row][x] = Cell(text: String(character), width: cellWidth, style: style)
            if cellWidth == 2 { cells[row][x + 1] = Cell(text: "", width: 0, style: style) }
            x += cellWidth
        }
        return x - column
    }

    /// Draws `text` and records it as a hyperlink to `url`.
    @discardableResult
    public mutating func putLink(
        _ text: String, url: String, row: Int, column: Int, limit: Int? = nil
    ) -> Int {
        let used = put(text, row: row, column: column, style: .link, limit: limit)
        if used > 0 { links.append(Link(row: row, column: column, width: used, url: url)) }
        return used
    }

    /// Paints `style` over `width` cells, keeping their text (used for focus bars).
    public mutating func restyle(row: Int, column: Int, width: Int, style: CellStyle) {
        guard row >= 0, row < rows else { return }
        for x in max(0, column)..<min(columns, column + width) { cells[row][x].style = style }
    }

    /// Fills a row segment with one repeated single-cell glyph.
    public mutating func fill(
        _ glyph: String, row: Int, column: Int, width: Int, style: CellStyle = .plain
    ) {
        guard width > 0 else { return }
        put(
            String(repeating: glyph, count: width), row: row, column: column, style: style,
            limit: width)
    }

    /// Draws a box outline; the inside is left untouched.
    public mutating func box(
        top: Int, left: Int, height: Int, width: Int, glyphs: Glyphs, style: CellStyle = .dim
    ) {
        guard height >= 2, width >= 2 else { return }
        let inner = width - 2
        put(
            glyphs.topLeft + String(repeating: glyphs.horizontal, count: inner) + glyphs.topRight,
            row: top, column: left, style: style, limit: width)
        put(
            glyphs.bottomLeft + String(repeating: glyphs.horizontal, count: inner)
                + glyphs.bottomRight, row: top + height - 1, column: left, style: style,
            limit: width)
        for y in (top + 1)..<(top + height - 1) {
            put(glyphs.vertical, row: y, column: left, style: style)
            put(glyphs.vertical, row: y, column: left + width - 1, style: style)
        }
    }

    /// The canvas as plain text, one line per row, trailing spaces removed: what a person
    /// (or `tmux capture-pane`) sees. Screen fixtures compare against this.
    public var text: String {
        cells.map { row in
            var line = ""
            for cell in row where cell.width > 0 { line += cell.text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// The same canvas with every non-ASCII cell replaced by `?` (per cell, so layout holds),
    /// for terminals whose locale is not UTF-8.
    public func asciiOnly() -> Canvas {
        var copy = self
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = copy.cells[y][x]
                guard cell.width == 0 || !cell.text.allSatisfy(\.isASCII) else { continue }
                copy.cells[y][x] = Cell(text: "?", width: 1, style: cell.style)
            }
        }
        return copy
    }

    /// Overwriting half of a wide character blanks its other half, so no orphan remains.
    private mutating func clearWide(row: Int, column: Int) {
        guard column < columns else { return }
        let cell = cells[row][column]
        if cell.width == 0, column > 0, cells[row][column - 1].width == 2 {
            cells[row][column - 1] = .blank
        }
        if cell.width == 2, column + 1 < columns { cells[row][column + 1] = .blank }
    }
}
