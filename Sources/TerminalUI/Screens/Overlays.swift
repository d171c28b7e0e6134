/// "terminal too small (need WxH, have wxh)": shown instead of a screen that would not fit.
enum TooSmallScreen {
    static func render(into canvas: inout Canvas, environment: RenderEnvironment) {
        let need = "\(AppState.minimumColumns)x\(AppState.minimumRows)"
        let have = "\(canvas.columns)x\(canvas.rows)"
        // Short lines of their own, each centred: wrapping one long sentence left a word or
        // two alone, off-centre, on a line of its own.
        let lines = [
            "Terminal too small", "need \(need), have \(have)", "Make the window larger,",
            "or press q to quit.",
        ].flatMap { environment.widths.wrap($0, to: max(1, canvas.columns)) }
        let top = max(0, canvas.rows / 2 - lines.count / 2)
        for (offset, line) in lines.enumerated() {
            let width = environment.widths.width(of: line)
            canvas.put(
                line, row: top + offset, column: max(0, (canvas.columns - width) / 2),
                style: offset == 0 ? .bold : .plain, ellipsis: environment.glyphs.ellipsis)
        }
    }
}

/// The `?` overlay: every key that works here, from the key table. Long descriptions wrap
/// under their key; when the list is taller than the terminal it scrolls (`scroll` is the
/// first line shown) and the bottom border says which lines are shown.
enum HelpOverlay {
    /// Cells for the key column; longer key lists get a line of their own.
    static let keyColumn = 16

    /// The box: 76 cells wide at most, from the second row to the one above the footer.
    static func frame(columns: Int, rows: Int) -> Rect {
        let width = max(0, min(columns - 4, 76))
        return Rect(top: 1, left: (columns - width) / 2, width: width, height: max(0, rows - 2))
    }

    /// The lines of the list as drawn inside a box of `width` cells.
    static func lines(
        contexts: [KeyContext], width: Int, widths: CellWidth
    ) -> [(text: String, column: Int, style: CellStyle)] {
        var out: [(text: String, column: Int, style: CellStyle)] = []
        let inner = max(1, width - 4)
        let helpWidth = max(1, inner - 1 - keyColumn)
        for (heading, bindings) in KeyTable.helpSections(for: contexts) {
            for line in widths.wrap(heading, to: inner) { out.append((line, 0, .bold)) }
            for binding in bindings {
                let label = binding.label
                var help = widths.wrap(binding.help, to: helpWidth)
                if widths.width(of: label) >= keyColumn {
                    for line in widths.wrap(label, to: max(1, inner - 1)) {
                        out.append((line, 1, .plain))
                    }
                } else {
                    let first = help.isEmpty ? "" : help.removeFirst()
                    out.append((widths.pad(label, to: keyColumn) + first, 1, .plain))
                }
                for line in help { out.append((line, 1 + keyColumn, .plain)) }
            }
        }
        return out
    }

    /// How far the list can scroll at this size (0 when it fits).
    static func maxScroll(
        contexts: [KeyContext], columns: Int, rows: Int, widths: CellWidth
    ) -> Int {
        let box = frame(columns: columns, rows: rows)
        let count = lines(contexts: contexts, width: box.width, widths: widths).count
        return max(0, count - max(1, box.height - 2))
    }

    /// The lines one page moves.
    static func page(rows: Int) -> Int { max(1, frame(columns: 0, rows: rows).height - 3) }

    static func render(
        contexts: [KeyContext], scroll: Int, into canvas: inout Canvas,
        environment: RenderEnvironment
    ) {
        let box = frame(columns: canvas.columns, rows: canvas.rows)
        guard box.width >= 8, box.height >= 3 else { return }
        clear(&canvas, top: box.top, left: 0, width: canvas.columns, height: box.height)
        canvas.box(
            top: box.top, left: box.left, height: box.height, width: box.width,
            glyphs: environment.glyphs)
        canvas.put(" Keys ", row: box.top, column: box.left + 2, style: .bold)
        let all = lines(contexts: contexts, width: box.width, widths: environment.widths)
        let room = box.height - 2
        let first = min(max(0, scroll), max(0, all.count - room))
        for (offset, line) in all.dropFirst(first).prefix(room).enumerated() {
            canvas.put(
                line.text, row: box.top + 1 + offset, column: box.left + 2 + line.column,
                style: line.style, limit: box.width - 4 - line.column,
                ellipsis: environment.glyphs.ellipsis)
        }
        let bottom = box.top + box.height - 1
        let close = " Esc closes "
        let closeWidth = environment.widths.width(of: close)
        canvas.put(close, row: bottom, column: box.left + box.width - 2 - closeWidth, style: .dim)
        if all.count > room {
            let glyphs = environment.glyphs
            let last = min(all.count, first + room)
            let more =
                (first > 0 ? Key.up.label : " ") + (last < all.count ? Key.down.label : " ")
            canvas.put(
                " \(more) lines \(first + 1)-\(last) of \(all.count) ", row: bottom,
                column: box.left + 2, style: .bold,
                limit: box.width - 6 - closeWidth, ellipsis: glyphs.ellipsis)
        }
    }

    static func clear(_ canvas: inout Canvas, top: Int, left: Int, width: Int, height: Int) {
        for row in top..<(top + height) {
            canvas.fill(" ", row: row, column: left, width: width)
        }
    }
}

/// A yes/no question in a box over the screen.
enum ConfirmOverlay {
    static func render(
        _ question: String, into canvas: inout Canvas, environment: RenderEnvironment
    ) {
        let width = min(canvas.columns - 8, 60)
        let lines = environment.widths.wrap(question, to: width - 4)
        let height = lines.count + 4
        let left = (canvas.columns - width) / 2
        let top = max(2, (canvas.rows - height) / 2)
        HelpOverlay.clear(&canvas, top: top, left: left, width: width, height: height)
        canvas.box(
            top: top, left: left, height: height, width: width, glyphs: environment.glyphs,
            style: .bold)
        for (offset, line) in lines.enumerated() {
            canvas.put(
                line, row: top + 1 + offset, column: left + 2,
                style: .bold, limit: width - 4)
        }
        canvas.put("y yes   n no", row: top + height - 2, column: left + 2)
    }
}
