/// Writes the body of a screen top to bottom inside a rectangle, clipping at its bottom.
struct BodyWriter {
    var canvas: Canvas
    let area: Rect
    let environment: RenderEnvironment
    /// Leave out secondary text (introductions, blank lines) so that the fields, buttons and
    /// the demo hint fit a small terminal.
    let compact: Bool
    private(set) var row: Int
    /// Something did not fit below the area (the screen should be drawn compact).
    private(set) var overflowed = false
    /// Rows at the bottom of the area kept free for what `stack` draws last.
    private var reserved = 0
    /// Blank lines `gap()` may still add when compact (rows `stack` found to spare).
    private var spareGaps = 0

    init(canvas: Canvas, area: Rect, environment: RenderEnvironment, compact: Bool = false) {
        self.canvas = canvas
        self.area = area
        self.environment = environment
        self.compact = compact
        row = area.top
    }

    var glyphs: Glyphs { environment.glyphs }
    var widths: CellWidth { environment.widths }
    var hasRoom: Bool { row < area.top + area.height - reserved }

    /// The next row, for a caller that draws it itself; nil (and the writer marked as
    /// overflowed) when no row is left.
    mutating func claimRow() -> Int? {
        guard hasRoom else {
            overflowed = true
            return nil
        }
        row += 1
        return row - 1
    }

    /// Draws `top`, a blank line, then `bottom`. Compact, the rows `bottom` needs are kept
    /// free while `top` draws, so what must stay visible (the buttons, a diagnosis) is never
    /// pushed off the screen: `top` is cut instead. Rows left over become the blank line
    /// between the two first, then the `gap()`s inside them, top to bottom.
    mutating func stack(
        top: (inout BodyWriter) -> Void, bottom: (inout BodyWriter) -> Void
    ) {
        guard compact else {
            top(&self)
            blank()
            bottom(&self)
            return
        }
        let bottomRows = min(area.height, rows(of: bottom))
        let spare = area.top + area.height - row - rows(of: top) - bottomRows
        spareGaps = max(0, spare - 1)
        reserved = bottomRows
        let start = row
        top(&self)
        row = max(start, min(row, area.top + area.height - reserved))
        if row > start, hasRoom { row += 1 }
        reserved = 0
        bottom(&self)
        spareGaps = 0
    }

    /// The rows `draw` takes from the top of this area, compact and without spare gaps.
    private func rows(of draw: (inout BodyWriter) -> Void) -> Int {
        var scratch = BodyWriter(
            canvas: Canvas(
                columns: canvas.columns, rows: canvas.rows, widths: widths, glyphs: glyphs),
            area: area, environment: environment, compact: true)
        draw(&scratch)
        return scratch.row - area.top
    }

    /// One line, cut with an ellipsis when too long.
    mutating func line(_ text: String, style: CellStyle = .plain, indent: Int = 0) {
        guard hasRoom else {
            overflowed = true
            return
        }
        canvas.put(
            text, row: row, column: area.left + indent, style: style,
            limit: area.width - indent, ellipsis: glyphs.ellipsis)
        row += 1
    }

    /// A paragraph wrapped to the width; continuation lines get `hang` extra spaces.
    mutating func paragraph(
        _ text: String, style: CellStyle = .plain, indent: Int = 0, hang: Int = 0
    ) {
        let lines = widths.wrap(text, to: max(1, area.width - indent - hang))
        for (index, line) in lines.enumerated() {
            self.line(line, style: style, indent: indent + (index == 0 ? 0 : hang))
        }
    }

    /// Parts joined by `separator`, broken into lines only between parts (a part wider than
    /// the line is wrapped at its spaces), so "2 rate-limit waits (1.50 s)" stays together.
    /// Continuation lines get `hang` extra spaces.
    mutating func parts(
        _ parts: [String], separator: String, style: CellStyle = .plain, indent: Int = 0,
        hang: Int = 0
    ) {
        // A line broken after a part ends with the separator's mark (" ·") when it fits.
        let mark = String(separator.reversed().drop { $0 == " " }.reversed())
        var lines: [String] = []
        var current = ""
        for part in parts {
            let limit = max(1, area.width - indent - (lines.isEmpty ? 0 : hang))
            let joined = current.isEmpty ? part : current + separator + part
            if widths.width(of: joined) <= limit {
                current = joined
                continue
            }
            if !current.isEmpty {
                let marked = current + mark
                lines.append(widths.width(of: marked) <= limit ? marked : current)
                current = ""
            }
            var wrapped = widths.wrap(part, to: max(1, area.width - indent - hang))
            current = wrapped.popLast() ?? ""
            lines += wrapped
        }
        if !current.isEmpty { lines.append(current) }
        for (index, text) in lines.enumerated() {
            line(text, style: style, indent: indent + (index == 0 ? 0 : hang))
        }
    }

    /// A bulleted paragraph.
    mutating func bullet(_ text: String, indent: Int = 0) {
        let lines = widths.wrap(text, to: max(1, area.width - indent - 2))
        for (index, line) in lines.enumerated() {
            self.line((index == 0 ? glyphs.bullet + " " : "  ") + line, indent: indent)
        }
    }

    mutating func blank(_ count: Int = 1) { row += count }

    /// A blank line, left out when compact unless `stack` found rows to spare.
    mutating func gap() {
        if !compact {
            row += 1
        } else if spareGaps > 0 {
            spareGaps -= 1
            row += 1
        }
    }

    /// A row of buttons, `[ Caption ]`, the focused one in reverse video. Buttons that do not
    /// fit go on the next row (indented like the first) rather than being cut.
    mutating func buttons(_ items: [(String, Bool)], indent: Int = 0, lead: String = "") {
        guard hasRoom else {
            overflowed = overflowed || !items.isEmpty
            return
        }
        let start = area.left + indent
        var column = start
        if !lead.isEmpty {
            column += canvas.put(lead + " ", row: row, column: column, limit: area.width)
        }
        for (caption, focused) in items {
            let text = "[ " + caption + " ]"
            let width = widths.width(of: text)
            if column > start, column + width > area.left + area.width {
                row += 1
                column = start
                guard hasRoom else {
                    overflowed = true
                    return
                }
            }
            let room = area.left + area.width - column
            guard room > 0 else { break }
            column += canvas.put(
                text, row: row, column: column, style: focused ? .focus : .bold, limit: room)
            column += 2
        }
        row += 1
    }

    /// A labelled text field with a note under it; returns the cursor position when focused.
    mutating func field(
        label: String, field: TextField, focused: Bool, note: String?, noteStyle: CellStyle,
        indent: Int = 0, width: Int? = nil
    ) {
        line(label, style: .bold, indent: indent)
        guard hasRoom else {
            overflowed = true
            return
        }
        let boxWidth = min(width ?? 48, area.width - indent - 2)
        let (visible, cursorColumn) = field.visible(
            width: boxWidth, mask: glyphs.mask, widths: widths)
        let left = area.left + indent
        canvas.put("[", row: row, column: left, style: .dim)
        canvas.fill(
            " ", row: row, column: left + 1, width: boxWidth, style: focused ? .focus : .plain)
        canvas.put(
            visible, row: row, column: left + 1, style: focused ? .focus : .plain,
            limit: boxWidth)
        canvas.put("]", row: row, column: left + 1 + boxWidth, style: .dim)
        if focused { canvas.cursor = (row, left + 1 + cursorColumn) }
        row += 1
        if let note, !note.isEmpty {
            paragraph(note, style: noteStyle, indent: indent + 2)
        } else {
            gap()
        }
    }
}
