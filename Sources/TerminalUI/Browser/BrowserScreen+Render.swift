import Foundation
import UserStore

extension BrowserScreen {
    /// Draws the body: the current view, a status line at its bottom, then any open picker
    /// or question on top. (`?` opens the app's help overlay, which `AppState` draws.)
    public func render(into canvas: inout Canvas, area: Rect, environment: RenderEnvironment) {
        guard area.height >= 3, area.width >= 10 else { return }
        let content = Rect(
            top: area.top, left: area.left, width: area.width, height: area.height - 1)
        viewport.record(
            height: content.height - 1, width: content.width, widths: environment.widths)
        switch mode {
        case .table:
            renderTable(into: &canvas, area: content, environment: environment)
        case .detail:
            detail?.render(into: &canvas, area: content, environment: environment)
        case .utilization:
            // Figures being computed again (the store changed) stay on screen meanwhile; the
            // title says "computing…" and their bars do not open until the new ones arrive.
            if let utilization {
                utilization.render(into: &canvas, area: content, environment: environment)
            } else {
                canvas.put(
                    "Computing utilization" + environment.glyphs.ellipsis, row: content.top,
                    column: content.left, style: .dim, limit: content.width)
            }
        }
        renderStatusLine(
            into: &canvas, row: area.top + area.height - 1, left: area.left, width: area.width,
            environment: environment)

        if let picker {
            picker.render(into: &canvas, area: content, environment: environment)
        }
        switch exportPrompt {
        case .chooseFormat?:
            renderExportChoice(into: &canvas, area: content, environment: environment)
        case .confirmOverwrite(_, let file)?:
            ConfirmOverlay.render(
                "\(file.lastPathComponent) already exists in \(exportDirectory.path). "
                    + "Replace it?", into: &canvas,
                environment: environment)
        case nil:
            break
        }
        if let quitQuestion {
            ConfirmOverlay.render(quitQuestion, into: &canvas, environment: environment)
        }
    }

    private func renderTable(
        into canvas: inout Canvas, area: Rect, environment: RenderEnvironment
    ) {
        let view = UsersTableView(width: area.width)
        view.drawHeader(
            sort: table.sort, into: &canvas, row: area.top, left: area.left,
            environment: environment)
        let firstRow = area.top + 1
        if let error = table.error {
            canvas.put(error, row: firstRow, column: area.left, style: .failure, limit: area.width)
            return
        }
        if table.isLoading, table.rows.isEmpty {
            canvas.put(
                "Counting" + environment.glyphs.ellipsis, row: firstRow + 1,
                column: area.left + 2, style: .dim, limit: area.width - 2)
            return
        }
        if table.total == 0, !table.isLoading {
            let text =
                storeTotal == 0
                ? "No users in the local store yet. Press s to sync now."
                : "No users match the filter. Esc clears it."
            canvas.put(text, row: firstRow + 1, column: area.left + 2, limit: area.width - 2)
            return
        }
        // While a new view loads, the previous rows stay, dimmed and without a selection.
        var shown = table
        shown.resize(height: area.height - 1)
        for (offset, user) in shown.rows.prefix(area.height - 1).enumerated() {
            view.drawRow(
                user, selected: !shown.isLoading && shown.top + offset == shown.selected,
                dimmed: shown.isLoading, now: now,
                into: &canvas, row: firstRow + offset, left: area.left, width: area.width,
                environment: environment)
        }
    }

    private func renderStatusLine(
        into canvas: inout Canvas, row: Int, left: Int, width: Int, environment: RenderEnvironment
    ) {
        let glyphs = environment.glyphs
        if let field = filterField {
            canvas.put("/", row: row, column: left, style: .bold)
            let (visible, cursor) = field.visible(
                width: width - 2, mask: glyphs.mask, widths: environment.widths)
            canvas.put(visible, row: row, column: left + 1, limit: width - 2)
            if isFilterPending {
                let used = environment.widths.width(of: visible) + 3
                let hint =
                    waitsForSnapshot(field.text)
                    ? "loading the search index\(glyphs.ellipsis)"
                    : "type 3 characters, or Enter, to filter \(Format.counted(storeTotal, "user"))"
                canvas.put(
                    hint,
                    row: row, column: left + used, style: .dim, limit: width - used,
                    ellipsis: glyphs.ellipsis)
            }
            canvas.cursor = (row, left + 1 + cursor)
            return
        }
        if let notice {
            var line = (notice.isError ? glyphs.fail + " " : "") + notice.text
            if let path = notice.path {
                let room = width - environment.widths.width(of: line + notice.afterPath)
                line +=
                    Format.path(
                        path, fitting: room, home: NSHomeDirectory(), ellipsis: glyphs.ellipsis,
                        widths: environment.widths) + notice.afterPath
            }
            canvas.put(
                line, row: row, column: left, style: notice.isError ? .failure : .bold,
                limit: width, ellipsis: glyphs.ellipsis)
            return
        }
        let separator = " " + glyphs.separator + " "
        var text: String
        if let synced = syncedSoFar {
            let spinner = glyphs.spinner[Int(now.timeIntervalSince1970) % glyphs.spinner.count]
            text = "\(spinner) Syncing\(glyphs.ellipsis) \(Format.counted(synced, "user")) so far"
        } else if !table.hasLoaded {
            // Not "never synced, 0 users": nothing has been read yet.
            canvas.put(
                "Reading the local store" + glyphs.ellipsis, row: row, column: left,
                style: .dim, limit: width, ellipsis: glyphs.ellipsis)
            return
        } else if table.storeIsPartial {
            text = "Last sync unfinished"
        } else {
            text = "Last sync " + Format.relative(lastSync, now: now)
        }
        switch mode {
        case .table where table.storeIsPartial:
            text += separator + Format.counted(storeTotal, "user") + " so far"
            if canSync { text += "; s syncs the rest" }
        case .table:
            text += separator + "\(Format.counted(storeTotal, "user")) in the local store"
        case .detail:
            text +=
                separator + "user \(Format.count(table.selected + 1)) of "
                + Format.count(table.total)
            if let detail {
                let count = detail.displayLines(width: width, widths: environment.widths).count
                let first = min(detail.scroll, max(0, count - viewport.height - 1))
                let last = min(count, first + viewport.height + 1)
                text += separator + "lines \(first + 1)–\(last) of \(count)"
            }
        case .utilization:
            break
        }
        canvas.put(
            text, row: row, column: left, style: .dim, limit: width, ellipsis: glyphs.ellipsis)
    }

    private func renderExportChoice(
        into canvas: inout Canvas, area: Rect, environment: RenderEnvironment
    ) {
        let glyphs = environment.glyphs
        var lines = [
            "Export " + Format.counted(table.total, "user")
                + (table.storeIsPartial ? " (of the users synced so far)" : "")
        ]
        let summary = table.filter.summary
        if !summary.isEmpty { lines.append("(" + summary + ")") }
        let sortTitle =
            UsersTableView(width: 120).columns.first { $0.key == table.sort.key }?
            .title ?? ""
        lines.append(
            "sorted by \(sortTitle)\(table.sort.descending ? ", descending" : ""), into")
        lines.append(exportDirectory.path)
        let choices = KeyTable.bindings.filter { $0.contexts.contains(.browserExport) }
            .map { $0.shortLabel + " " + $0.hint }.joined(separator: "   ")
        let width = min(area.width, 64)
        let wrapped = lines.flatMap { environment.widths.wrap($0, to: width - 4) }
        let height = min(area.height, wrapped.count + 4)
        let left = area.left + (area.width - width) / 2
        let top = area.top + max(0, (area.height - height) / 2)
        HelpOverlay.clear(&canvas, top: top, left: left, width: width, height: height)
        canvas.box(top: top, left: left, height: height, width: width, glyphs: glyphs, style: .bold)
        canvas.put(" Export ", row: top, column: left + 2, style: .bold)
        for (offset, line) in wrapped.prefix(height - 4).enumerated() {
            canvas.put(line, row: top + 1 + offset, column: left + 2, limit: width - 4)
        }
        canvas.put(choices, row: top + height - 2, column: left + 2, style: .bold, limit: width - 4)
    }
}

/// Shown instead of the browser when the store cannot be opened: the reason and what to do;
/// Esc goes back.
public struct BrowserUnavailableScreen: Screen {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var title: String { "Users" }
    public var keyContexts: [KeyContext] { [.browserDetail] }

    public func render(into canvas: inout Canvas, area: Rect, environment: RenderEnvironment) {
        let lines = environment.widths.wrap(reason, to: area.width)
        for (offset, line) in lines.prefix(area.height).enumerated() {
            canvas.put(line, row: area.top + offset, column: area.left, style: .failure)
        }
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        switch KeyTable.action(for: key, in: keyContexts) {
        case .back?: return [.closeScreen]
        case .quit?: return [.quit]
        default: return []
        }
    }
}
