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

    init(canvas: Canvas, area: Rect, environment: RenderEnvironment, compact: Bool = false) {
        self.canvas = canvas
        self.area = area
        self.environment = environment
        self.compact = compact
        row = area.top
    }

    var glyphs: Glyphs { environment.glyphs }
    var widths: CellWidth { environment.widths }
    var hasRoom: Bool { row < area.top + area.height }

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

    /// A bulleted paragraph.
    mutating func bullet(_ text: String, indent: Int = 0) {
        let lines = widths.wrap(text, to: max(1, area.width - indent - 2))
        for (index, line) in lines.enumerated() {
            self.line((index == 0 ? glyphs.bullet + " " : "  ") + line, indent: indent)
        }
    }

    mutating func blank(_ count: Int = 1) { row += count }

    /// A blank line, left out when compact.
    mutating func gap() {
        if !compact { row += 1 }
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
