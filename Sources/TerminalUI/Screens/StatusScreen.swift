import Foundation
import OktaCore

/// Step 4: the live connection checklist, then the connection and its actions.
///
/// When the full layout does not fit (60×18), the compact one keeps what the user acts on:
/// a finished checklist collapses to "✓ 4 checks passed · 0.15 s" plus every failed or
/// warned check with its message on lines of its own, the sync progress takes one or two
/// lines, and the buttons (wrapped onto two rows if need be), the sync progress and a
/// failure's diagnosis are drawn before the text above them is cut.
enum StatusScreen {
    /// Draws the body. `measuring` leaves out what depends on the controls (the buttons and
    /// the utilization panel), for `roomForPanel`.
    static func render(_ state: AppState, into writer: inout BodyWriter, measuring: Bool = false) {
        guard let run = state.check else {
            connection(state, checks: nil, into: &writer, measuring: measuring)
            return
        }
        if run.isRunning {
            checklist(run, state: state, into: &writer)
            writer.blank()
            writer.paragraph("Esc cancels the check.", style: .dim)
            return
        }
        if let outcome = run.outcome, !outcome.passed {
            writer.stack(
                top: { writer in checklist(run, state: state, into: &writer) },
                bottom: { writer in failure(outcome, run: run, state: state, into: &writer) })
            return
        }
        if run.saving || state.saved == nil {
            checklist(run, state: state, into: &writer)
            writer.blank()
        }
        if run.saving {
            writer.line("Saving the connection" + writer.glyphs.ellipsis)
            return
        }
        connection(state, checks: run, into: &writer, measuring: measuring)
    }

    /// The rows left for the utilization panel's charts at the current size: below the
    /// connection, the buttons, the panel's summary line and the blank lines between them.
    static func roomForPanel(_ state: AppState) -> Int {
        let body = Rect(top: 2, left: 2, width: state.columns - 4, height: state.rows - 5)
        var writer = BodyWriter(
            canvas: Canvas(columns: state.columns, rows: state.rows), area: body,
            environment: .unicode)
        render(state, into: &writer, measuring: true)
        let buttonsAndSummary = 4
        return body.top + body.height - writer.row - buttonsAndSummary
    }

    /// The checklist: a heading and a row per check, each message beside its check when it
    /// fits there and on lines of its own under it otherwise. Compact, a finished checklist
    /// collapses (`collapsedChecklist`) and a running one shows only the messages of failed
    /// or warned checks.
    private static func checklist(_ run: CheckRun, state: AppState, into writer: inout BodyWriter) {
        let lines = run.lines.isEmpty ? CheckLine.placeholders : run.lines
        if writer.compact, !run.isRunning {
            collapsedChecklist(
                lines, shownBelow: run.outcome?.diagnosis, state: state, into: &writer)
            return
        }
        let heading = run.isRunning ? "Checking " : "Checked "
        writer.line(heading + run.org.origin.absoluteString, style: .bold)
        for line in lines {
            let shown = !writer.compact || line.status == .fail || line.status == .warn
            checkRow(line, state: state, message: shown, into: &writer)
        }
    }

    /// "✓ 3 checks passed · 0.21 s", then each failed or warned check with its message
    /// (unless the diagnosis under the checklist says the same), then "- 2 checks not run"
    /// for those skipped after a failure.
    private static func collapsedChecklist(
        _ lines: [CheckLine], shownBelow diagnosis: Diagnosis?, state: AppState,
        into writer: inout BodyWriter
    ) {
        let glyphs = writer.glyphs
        let passed = lines.filter { $0.status == .pass }
        if !passed.isEmpty {
            var text = passed.count == 1 ? "1 check passed" : "\(passed.count) checks passed"
            let durations = passed.compactMap(\.duration)
            if !durations.isEmpty {
                text += " \(glyphs.separator) " + Format.seconds(durations.reduce(0, +))
            }
            guard let row = writer.claimRow() else { return }
            let left = writer.area.left
            writer.canvas.put(glyphs.pass, row: row, column: left + 1, style: .success)
            writer.canvas.put(
                text, row: row, column: left + 3, limit: writer.area.width - 3,
                ellipsis: glyphs.ellipsis)
        }
        for line in lines where line.status != .pass && line.status != .skipped {
            let repeated = diagnosis.map { repeats($0, line.message) } ?? false
            checkRow(line, state: state, message: !repeated, into: &writer)
        }
        let skipped = lines.filter { $0.status == .skipped }.count
        if skipped > 0, let row = writer.claimRow() {
            let left = writer.area.left
            writer.canvas.put(glyphs.skipped, row: row, column: left + 1, style: .dim)
            writer.canvas.put(
                skipped == 1 ? "1 check not run" : "\(skipped) checks not run", row: row,
                column: left + 3, style: .dim, limit: writer.area.width - 3)
        }
    }

    /// True when a check's message and the diagnosis start alike (both were made from the
    /// same error), so a screen short of rows shows the text once, in the diagnosis.
    private static func repeats(_ diagnosis: Diagnosis, _ message: String) -> Bool {
        func trimmed(_ text: String) -> String {
            var text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            while text.hasSuffix(".") { text.removeLast() }
            return text
        }
        let (shown, summary) = (trimmed(message), trimmed(diagnosis.summary))
        return !shown.isEmpty && !summary.isEmpty
            && (shown.hasPrefix(summary) || summary.hasPrefix(shown))
    }

    /// One check: its mark, title and duration, and with `message` its message beside it
    /// when it fits there, or wrapped on lines of its own under the title.
    private static func checkRow(
        _ line: CheckLine, state: AppState, message: Bool, into writer: inout BodyWriter
    ) {
        let glyphs = writer.glyphs
        guard let row = writer.claimRow() else { return }
        let (mark, style): (String, CellStyle) =
            switch line.status {
            case .pending: (glyphs.pending, .dim)
            case .running:
                (glyphs.spinner[state.tickCount % glyphs.spinner.count], .bold)
            case .pass: (glyphs.pass, .success)
            case .fail: (glyphs.fail, .failure)
            case .warn: (glyphs.warn, .warning)
            case .skipped: (glyphs.skipped, .dim)
            }
        let left = writer.area.left
        writer.canvas.put(mark, row: row, column: left + 1, style: style)
        writer.canvas.put(line.title, row: row, column: left + 3, limit: 26)
        let duration = line.duration.map(Format.seconds) ?? ""
        writer.canvas.put(
            writer.widths.pad("", to: max(0, 7 - duration.count)) + duration,
            row: row, column: left + 30, style: .dim)
        let text = SafeText.neutralized(line.message)
        guard message, !text.isEmpty else { return }
        let beside = writer.area.width - 39
        if writer.widths.width(of: glyphs.adapt(text)) <= beside {
            writer.canvas.put(text, row: row, column: left + 39, limit: beside)
        } else {
            writer.paragraph(text, indent: 3)
        }
    }

    private static func failure(
        _ outcome: CheckOutcome, run: CheckRun, state: AppState, into writer: inout BodyWriter
    ) {
        let diagnosis =
            outcome.diagnosis
            ?? Diagnosis(summary: "The check did not pass.", nextStep: "Try again.")
        writer.paragraph(diagnosis.summary, style: .failure)
        writer.paragraph(diagnosis.nextStep)
        if let requestId = diagnosis.requestId {
            writer.line("Okta request id: " + requestId, style: .dim)
        }
        if run.purpose == .reconnect, let saved = state.saved {
            writer.paragraph(
                "Your saved connection to \(saved.org.host) is unchanged.", style: .dim)
        }
        writer.gap()
        writer.buttons(state.controls.map { ($0.caption, $0 == state.focusedControl) })
    }

    /// The saved connection (under the finished checklist, when a check just passed), then
    /// the sync progress, the buttons and the utilization panel.
    private static func connection(
        _ state: AppState, checks: CheckRun?, into writer: inout BodyWriter, measuring: Bool
    ) {
        guard let saved = state.saved else {
            writer.paragraph("Not connected. Press Esc to go back to step 1.")
            return
        }
        writer.stack(
            top: { writer in
                if let checks {
                    checklist(checks, state: state, into: &writer)
                    writer.gap()
                }
                connectionFacts(saved, state: state, into: &writer)
            },
            bottom: { writer in
                if let sync = state.sync { progress(sync, state: state, into: &writer) }
                guard !measuring else { return }
                writer.buttons(
                    state.controls.filter(\.isButton).map {
                        ($0.caption, $0 == state.focusedControl)
                    })
                utilizationPanel(state, into: &writer)
            })
    }

    /// Who is connected to which org, the last check, the token's age and the last sync.
    private static func connectionFacts(
        _ saved: ConnectionSummary, state: AppState, into writer: inout BodyWriter
    ) {
        let glyphs = writer.glyphs
        let orgText = saved.orgName.map { "\($0) (\(saved.org.host))" } ?? saved.org.host
        if saved.state == .expired {
            writer.paragraph(
                "Access expired: Okta rejected the saved token for \(orgText).",
                style: .failure)
            writer.paragraph(
                "Tokens expire after 30 days without use, or when revoked or their admin is "
                    + "deactivated. Create a new token and choose Reconnect.")
        } else {
            let who = saved.ownerLogin ?? "the token's owner"
            writer.paragraph(
                "Connected as \(who) to \(orgText)", style: .success)
        }
        if let checked = saved.lastChecked, state.check == nil {
            let result = saved.lastCheckPassed == false ? "failed" : "passed"
            writer.line("Last check: \(result) \(Format.relative(checked, now: state.now))")
        }
        tokenAge(saved, now: state.now, into: &writer)
        if saved.storeIsPartial, let count = saved.userCount {
            // `s` works only on a live connection with no sync running.
            let canSync = saved.state == .connected && state.sync?.isRunning != true
            writer.line(
                "Last sync: unfinished \(glyphs.separator) \(Format.counted(count, "user")) so "
                    + (canSync ? "far; press s to sync the rest" : "far"), style: .warning)
            return
        }
        let users =
            saved.userCount.map { "\(Format.counted($0, "user")) in the local store" }
            ?? "no users in the local store yet"
        writer.line(
            "Last sync: \(Format.relative(saved.lastSync, now: state.now)) \(glyphs.separator) "
                + users)
    }

    /// The one-line summary ("Unused seats: 312 of 2,104 (14.8 %)") and, where the terminal
    /// is tall enough, the charts with the focused bar marked.
    private static func utilizationPanel(_ state: AppState, into writer: inout BodyWriter) {
        let panel = state.panel
        guard state.hasPanel, var summary = panel.summary(glyphs: writer.glyphs)
        else { return }
        if state.saved?.storeIsPartial == true, panel.figures != nil {
            summary += " \(writer.glyphs.separator) of the users synced so far"
        }
        writer.gap()
        let failed = panel.figures == nil && panel.error != nil
        writer.parts(
            summary.components(separatedBy: " \(writer.glyphs.separator) "),
            separator: " \(writer.glyphs.separator) ", style: failed ? .failure : .bold, hang: 2)
        guard state.showsFullPanel, var figures = panel.figures else { return }
        writer.blank()
        if case .usageBar(let index)? = state.focusedControl {
            figures.selected = index
        } else {
            figures.selected = -1
        }
        let area = Rect(
            top: writer.row, left: writer.area.left, width: writer.area.width,
            height: writer.area.top + writer.area.height - writer.row)
        figures.render(into: &writer.canvas, area: area, environment: writer.environment)
    }

    /// The token's last use, and the 30-day warning once it has been idle for over 25 days.
    private static func tokenAge(
        _ saved: ConnectionSummary, now: Date, into writer: inout BodyWriter
    ) {
        guard let used = saved.tokenLastUsed else { return }
        let days = Format.days(from: used, to: now)
        writer.line("Token last used \(Format.relative(used, now: now))")
        guard saved.state == .connected, days > 25 else { return }
        let left = 30 - days
        let text =
            left > 0
            ? "Okta deletes tokens unused for 30 days: this one expires in \(left) d unless "
                + "it is used. A sync uses it."
            : "The token was unused for \(days) days; Okta has probably deleted it. "
                + "Check again, or Reconnect with a new token."
        writer.paragraph(writer.glyphs.warn + " " + text, style: .warning, hang: 2)
    }

    /// The sync's bar and counts: one line when they fit side by side, the counts on a
    /// second line when not. Compact, a finished sync is one line without the bar and a
    /// running one leaves out the line about Esc (the footer says it).
    private static func progress(
        _ sync: SyncActivity, state: AppState, into writer: inout BodyWriter
    ) {
        let glyphs = writer.glyphs
        let users = sync.progress?.users ?? 0
        let pages = sync.progress?.pages ?? 0
        let waits = sync.progress?.rateLimitWaits ?? 0
        let waited = sync.progress?.waitSeconds ?? 0
        var parts = [
            Format.counted(users, "user"), Format.counted(pages, "page"),
            Format.counted(waits, "rate-limit wait"),
        ]
        if waited >= 0.1 { parts[2] += " (" + Format.seconds(waited) + ")" }
        let separator = " \(glyphs.separator) "
        let counts = parts.joined(separator: separator)
        let label: String
        switch sync.outcome {
        case nil: label = sync.cancelling ? "Cancelling" : "Syncing"
        case .finished?: label = "Synced"
        case .failed?: label = "Sync failed"
        case .cancelled?: label = "Cancelled"
        }
        if writer.compact, !sync.isRunning {
            parts[0] = label + " " + parts[0]
            writer.parts(parts, separator: separator, hang: 2)
            return
        }
        let countsWidth = writer.widths.width(of: counts)
        let oneLine = 12 + 8 + countsWidth <= writer.area.width
        let barWidth = max(8, min(30, writer.area.width - 12 - (oneLine ? countsWidth : 0)))
        // Once pages arrive, only the engine's total counts: the store's count may be what an
        // interrupted first sync left (600 of 2,500), which would fill the bar at once.
        let expected = sync.progress == nil ? sync.expectedUsers : sync.progress?.expectedTotal
        var cells = Array(repeating: glyphs.barEmpty, count: barWidth)
        if case .finished = sync.outcome {
            cells = Array(repeating: glyphs.barFull, count: barWidth)
        } else if let expected, expected > 0 {
            let filled = min(barWidth - 1, users * barWidth / expected)
            for index in 0..<filled { cells[index] = glyphs.barFull }
        } else if sync.isRunning {
            // No total known: a block that moves, rather than a made-up percentage.
            for offset in 0..<3 { cells[(state.tickCount + offset) % barWidth] = glyphs.barFull }
        }
        let bar = writer.widths.pad(label, to: 11) + cells.joined()
        if oneLine {
            writer.line(bar + " " + counts)
        } else {
            writer.line(bar)
            // Under the bar when they fit there, else from the left edge.
            let indent = countsWidth <= writer.area.width - 11 ? 11 : 0
            writer.parts(parts, separator: separator, indent: indent, hang: 2)
        }
        if sync.isRunning, !writer.compact {
            writer.line("Esc cancels; users synced so far are kept.", style: .dim)
        }
        writer.gap()
    }
}

extension CheckLine {
    /// The four checks before the first progress report arrives.
    static let placeholders = [
        CheckLine(title: "Okta org answers", status: .running),
        CheckLine(title: "Token accepted", status: .pending),
        CheckLine(title: "May list users", status: .pending),
        CheckLine(title: "Org details", status: .pending),
    ]
}
