extension AppState {
    /// Draws the whole terminal: title bar, body, message line and key hints.
    public func render(environment: RenderEnvironment = .unicode) -> Canvas {
        var canvas = Canvas(
            columns: columns, rows: rows, widths: environment.widths, glyphs: environment.glyphs)
        if isTooSmall {
            TooSmallScreen.render(into: &canvas, environment: environment)
            return canvas
        }
        let glyphs = environment.glyphs
        let brand = demo == nil ? "okta-connect " : "okta-connect demo "
        let brandWidth = environment.widths.width(of: brand)
        let title =
            pushed?.title(fitting: columns - brandWidth - 2, widths: environment.widths)
            ?? "Step \(step.rawValue) of 4 \(glyphs.separator) \(step.title)"
        canvas.put(
            " " + title, row: 0, column: 0, style: .title, limit: columns - brandWidth - 1,
            ellipsis: glyphs.ellipsis)
        canvas.put(brand, row: 0, column: columns - brandWidth, style: .dim)
        canvas.fill(glyphs.horizontal, row: 1, column: 0, width: columns, style: .dim)
        canvas.fill(glyphs.horizontal, row: rows - 3, column: 0, width: columns, style: .dim)

        let body = Rect(top: 2, left: 2, width: columns - 4, height: rows - 5)
        if let pushed {
            pushed.render(into: &canvas, area: body, environment: environment)
        } else {
            // The full layout when it fits; otherwise the compact one, which leaves out
            // secondary text so the fields, every button, the demo hint, the sync progress
            // and a failure's diagnosis stay visible.
            var writer = renderSetup(canvas: canvas, body: body, environment: environment)
            if writer.overflowed {
                writer = renderSetup(
                    canvas: canvas, body: body, environment: environment, compact: true)
            }
            canvas = writer.canvas
        }

        if let message {
            let style: CellStyle =
                switch message.level {
                case .info: .plain
                case .warning: .warning
                case .error: .failure
                }
            let marker =
                switch message.level {
                case .info: ""
                case .warning: glyphs.warn + " "
                case .error: glyphs.fail + " "
                }
            canvas.put(
                " " + marker + message.text, row: rows - 2, column: 0,
                style: style, ellipsis: glyphs.ellipsis)
        }
        let hints = KeyTable.footer(
            for: keyContexts, width: columns - 2, widths: environment.widths,
            idle: idleActions)
        canvas.put(" " + hints, row: rows - 1, column: 0, style: .dim)

        switch overlay {
        case .help:
            canvas.cursor = nil
            HelpOverlay.render(
                contexts: helpContexts, scroll: helpScroll, into: &canvas,
                environment: environment)
        case .confirmQuit(let question):
            canvas.cursor = nil
            ConfirmOverlay.render(question, into: &canvas, environment: environment)
        case .confirmDisconnect:
            canvas.cursor = nil
            let host = saved?.org.host ?? "the org"
            ConfirmOverlay.render(
                "Disconnect from \(host)? The saved token is deleted; synced users stay.",
                into: &canvas, environment: environment)
        case nil:
            break
        }
        return canvas
    }

    private func renderSetup(
        canvas: Canvas, body: Rect, environment: RenderEnvironment, compact: Bool = false
    ) -> BodyWriter {
        var writer = BodyWriter(
            canvas: canvas, area: body, environment: environment, compact: compact)
        switch step {
        case .initiate: InitiateScreen.render(self, into: &writer)
        case .logIn: LogInScreen.render(self, into: &writer)
        case .enterToken: TokenScreen.render(self, into: &writer)
        case .status: StatusScreen.render(self, into: &writer)
        }
        return writer
    }

    /// Actions whose keys would do nothing now, left out of the footer: scrolling the help
    /// overlay down at its end (or when it fits), up at its top.
    var idleActions: Set<Action> {
        guard overlay == .help, !isTooSmall else { return [] }
        let limit = HelpOverlay.maxScroll(
            contexts: helpContexts, columns: columns, rows: rows, widths: .standard)
        let first = min(max(0, helpScroll), limit)
        var idle: Set<Action> = []
        if first >= limit { idle.formUnion([.moveDown, .pageDown, .jumpBottom]) }
        if first <= 0 { idle.formUnion([.moveUp, .pageUp, .jumpTop]) }
        return idle
    }

    /// The contexts the help overlay explains: those of the screen under it.
    var helpContexts: [KeyContext] {
        var copy = self
        copy.overlay = nil
        return copy.keyContexts
    }
}
