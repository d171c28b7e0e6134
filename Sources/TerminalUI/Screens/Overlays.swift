/// "terminal too small (need WxH, have wxh)": shown instead of a screen that would not fit.
enum TooSmallScreen {
    static func render(into canvas: inout Canvas, environment: RenderEnvironment) {
        let need = "\(AppState.minimumColumns)x\(AppState.minimumRows)"
        let have = "\(canvas.columns)x\(canvas.rows)"
        let lines = environment.widths.wrap(
            "terminal too small (need \(need), have \(have))\n"
                + "Make the window larger, or press q to quit.", to: max(1, canvas.columns))
        let top = max(0, canvas.rows / 2 - lines.count / 2)
        for (offset, line) in lines.enumerated() {
            let width = environment.widths.width(of: line)
            canvas.put(
                line, row: top + offset, column: max(0, (canvas.columns - width) / 2),
                style: offset == 0 ? .bold : .plain, ellipsis: environment.glyphs.ellipsis)
        }
    }
}

/// The `?` overlay: every key that works here, from the key table.
enum HelpOverlay {
    static func render(
        contexts: [KeyContext], into canvas: inout Canvas, environment: RenderEnvironment
    ) {
        let width = min(canvas.columns - 4, 76)
        let left = (canvas.columns - width) / 2
        let top = 1
        let height = canvas.rows - 2
        clear(&canvas, top: top, left: 0, width: canvas.columns, height: height)
        canvas.box(
            top: top, left: left, height: height, width: width, glyphs: environment.glyphs)
        canvas.put(" Keys ", row: top, column: left + 2, style: .bold)
        var row = top + 1
        let last = top + height - 2
        // FIXME: the overlay does not scroll; it lists the keys of the screen below it, which
        // fit at 80x24, and cuts the list on smaller terminals (docs/keys.md has them all).
        for (heading, bindings) in KeyTable.helpSections(for: contexts) {
            guard row <= last else { break }
            canvas.put(heading, row: row, column: left + 2, style: .bold, limit: width - 4)
            row += 1
            for binding in bindings {
                guard row <= last else { break }
                canvas.put(
                    binding.label, row: row, column: left + 3, limit: 15,
                    ellipsis: environment.glyphs.ellipsis)
                canvas.put(
                    binding.help, row: row, column: left + 19, limit: width - 21,
                    ellipsis: environment.glyphs.ellipsis)
                row += 1
            }
        }
        canvas.put(" Esc closes ", row: top + height - 1, column: left + width - 14, style: .dim)
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
