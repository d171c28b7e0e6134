import Foundation
import OktaCore

/// Step 4: the live connection checklist, then the connection and its actions.
enum StatusScreen {
    /// Draws the body. `measuring` leaves out what depends on the controls (the buttons and
    /// the utilization panel), for `roomForPanel`.
    static func render(_ state: AppState, into writer: inout BodyWriter, measuring: Bool = false) {
        if let run = state.check {
            checklist(run, state: state, into: &writer)
            writer.blank()
            if run.isRunning {
                writer.paragraph("Esc cancels the check.", style: .dim)
                return
            }
            if let outcome = run.outcome, !outcome.passed {
                failure(outcome, run: run, state: state, into: &writer)
                return
            }
            if run.saving {
                writer.line("Saving the connection" + writer.glyphs.ellipsis)
                return
            }
        }
        guard let saved = state.saved else {
            writer.paragraph("Not connected. Press Esc to go back to step 1.")
            return
        }
        connection(saved, state: state, into: &writer, measuring: measuring)
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

    private static func checklist(_ run: CheckRun, state: AppState, into writer: inout BodyWriter) {
        let glyphs = writer.glyphs
        let heading = run.isRunning ? "Checking " : "Checked "
        writer.line(heading + run.org.origin.absoluteString, style: .bold)
        let lines = run.lines.isEmpty ? CheckLine.placeholders : run.lines
        for line in lines {
            guard writer.hasRoom else { return }
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
            writer.canvas.put(mark, row: writer.row, column: left + 1, style: style)
            writer.canvas.put(line.title, row: writer.row, column: left + 3, limit: 26)
            let duration = line.duration.map(Format.seconds) ?? ""
            writer.canvas.put(
                writer.widths.pad("", to: max(0, 7 - duration.count)) + duration,
                row: writer.row, column: left + 30, style: .dim)
            // FIXME: long check messages are cut at the right edge (80 columns leave ~37
            // cells); the full text is in the log file and, for a failure, in the diagnosis.
            writer.canvas.put(
                line.message, row: writer.row, column: left + 39,
                limit: writer.area.width - 39, ellipsis: glyphs.ellipsis)
            writer.blank()
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
        writer.blank()
        writer.buttons(state.controls.map { ($0.caption, $0 == state.focusedControl) })
    }

    private static func connection(
        _ saved: ConnectionSummary, state: AppState, into writer: inout BodyWriter,
        measuring: Bool
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
        let users =
            saved.userCount.map { "\(Format.count($0)) users in the local store" }
            ?? "no users in the local store yet"
        writer.line(
            "Last sync: \(Format.relative(saved.lastSync, now: state.now)) \(glyphs.separator) "
                + users)
        writer.blank()
        if let sync = state.sync { progress(sync, state: state, into: &writer) }
        guard !measuring else { return }
        writer.buttons(
            state.controls.filter(\.isButton).map { ($0.caption, $0 == state.focusedControl) })
        utilizationPanel(state, into: &writer)
    }

    /// The one-line summary ("Unused seats: 312 of 2,104 (14.8 %)") and, where the terminal
    /// is tall enough, the charts with the focused bar marked.
    private static func utilizationPanel(_ state: AppState, into writer: inout BodyWriter) {
        let panel = state.panel
        guard state.hasPanel, let summary = panel.summary(glyphs: writer.glyphs)
        else { return }
        writer.blank()
        let failed = panel.figures == nil && panel.error != nil
        writer.line(summary, style: failed ? .failure : .bold)
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

    private static func progress(
        _ sync: SyncActivity, state: AppState, into writer: inout BodyWriter
    ) {
        let glyphs = writer.glyphs
        let users = sync.progress?.users ?? 0
        let pages = sync.progress?.pages ?? 0
        let waits = sync.progress?.rateLimitWaits ?? 0
        let waited = sync.progress?.waitSeconds ?? 0
        var counts =
            "\(Format.count(users)) users \(glyphs.separator) \(Format.count(pages)) pages "
            + "\(glyphs.separator) \(waits) rate-limit waits"
        if waited >= 0.1 { counts += " (" + Format.seconds(waited) + ")" }
        let countsWidth = writer.widths.width(of: counts)
        let barWidth = max(8, min(30, writer.area.width - 12 - countsWidth))
        let expected = sync.progress?.expectedTotal ?? sync.expectedUsers
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
        let bar = cells.joined()
        let label: String
        switch sync.outcome {
        case nil: label = sync.cancelling ? "Cancelling" : "Syncing"
        case .finished?: label = "Synced"
        case .failed?: label = "Sync failed"
        case .cancelled?: label = "Cancelled"
        }
        writer.line(writer.widths.pad(label, to: 11) + bar + " " + counts)
        if sync.isRunning {
            writer.line("Esc cancels; users synced so far are kept.", style: .dim)
        }
        writer.blank()
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
