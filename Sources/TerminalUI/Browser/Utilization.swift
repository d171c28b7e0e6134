import Foundation
import UserStore

/// Utilization at a glance: users by status, by last login (7 / 30 / 90 days, older, never)
/// and the "license" view (seat-holding users not logged in for 90 days or never), drawn as
/// horizontal bars with counts and percentages. Each bar is selectable and opens the table
/// filtered to its users.
public struct Utilization: Sendable, Equatable {
    /// One selectable bar.
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var count: Int
        /// What the table shows when the bar is chosen.
        public var filter: BrowserFilter
    }

    /// A chart: a heading and its bars.
    public struct Section: Sendable, Equatable {
        public var title: String
        public var bars: [Bar]
        /// What 100 % is for this chart.
        public var whole: Int
        /// A sentence under the bars, if any.
        public var note: String?
    }

    public let sections: [Section]
    public let total: Int
    /// Users in the statuses that usually hold a seat.
    public let seatHolders: Int
    /// Seat holders who have not logged in for 90 days or never.
    public let unusedSeats: Int
    /// Index into `allBars`.
    public var selected = 0

    /// Reads the figures from the store: ~15 ms at a million users from the browsing
    /// snapshot, else five aggregate queries (about a second), so the screens compute it in
    /// the background (`StoreQuery`).
    public init(store: UserStore, now: Date) throws {
        self.init(figures: try store.usageFigures(now: now))
    }

    /// The charts of figures already read (`UserStore.usageFigures`).
    public init(figures: UsageFigures) {
        let total = figures.total
        let statuses = figures.statusCounts
        let buckets = figures.lastLogin
        let seatHolders = figures.seatHolders
        let unused = figures.unusedSeats
        self.total = total
        self.seatHolders = seatHolders
        unusedSeats = unused
        let byStatus = statuses.map {
            Bar(label: $0.status, count: $0.count, filter: BrowserFilter(statuses: [$0.status]))
        }
        let byLogin = LastLoginBucket.allCases.map { bucket in
            Bar(
                label: bucket.label, count: Self.count(of: bucket, in: buckets),
                filter: BrowserFilter(lastLogin: bucket))
        }
        let seats = Bar(
            label: "not used in 90 d", count: unused,
            filter: BrowserFilter(statuses: UserFilter.seatStatuses, inactivity: .days90))
        sections = [
            Section(title: "Users by status", bars: byStatus, whole: total),
            Section(title: "Last login", bars: byLogin, whole: total),
            Section(
                title: "License seats", bars: [seats], whole: seatHolders,
                note: "of \(Format.counted(seatHolders, "user")) in ACTIVE, PASSWORD_EXPIRED, "
                    + "RECOVERY or LOCKED_OUT, which usually hold a seat"),
        ]
    }

    static func count(of bucket: LastLoginBucket, in buckets: LastLoginBuckets) -> Int {
        switch bucket {
        case .within7Days: return buckets.within7Days
        case .within30Days: return buckets.within30Days
        case .within90Days: return buckets.within90Days
        case .older: return buckets.older
        case .never: return buckets.never
        }
    }

    public var allBars: [Bar] { sections.flatMap(\.bars) }

    /// The lines `render` draws when nothing is cut (headings, bars, notes, blanks).
    public var lineCount: Int { layout().count }

    public var selectedBar: Bar? {
        let bars = allBars
        return bars.indices.contains(selected) ? bars[selected] : nil
    }

    public mutating func move(by delta: Int) {
        let count = allBars.count
        guard count > 0 else { return }
        selected = min(max(0, selected + delta), count - 1)
    }

    /// `12.5 %`, one decimal, `0 %` of nothing.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0 %" }
        let tenths = Int((Double(part) * 1000 / Double(whole)).rounded())
        return "\(tenths / 10).\(tenths % 10) %"
    }

    static func leftPad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// The lines to draw; `selectable` holds the bar index of each bar line.
    private func layout() -> [(kind: LineKind, bar: Int?)] {
        var lines: [(LineKind, Int?)] = []
        var index = 0
        for (number, section) in sections.enumerated() {
            if number > 0 { lines.append((.blank, nil)) }
            lines.append((.heading(section.title), nil))
            for bar in section.bars {
                lines.append((.bar(bar, whole: section.whole), index))
                index += 1
            }
            if let note = section.note { lines.append((.note(note), nil)) }
        }
        return lines
    }

    private enum LineKind {
        case blank
        case heading(String)
        case bar(Bar, whole: Int)
        case note(String)
    }

    /// Draws the charts in `area`, scrolled so the selected bar is visible. The status screen
    /// can draw the same panel (with `selected` out of range, no bar is highlighted). When the
    /// charts do not fit, the blank lines between sections go first; if they still do not,
    /// the last row says which way the hidden lines are, so nothing disappears unannounced.
    public func render(into canvas: inout Canvas, area: Rect, environment: RenderEnvironment) {
        let glyphs = environment.glyphs
        if total == 0 {
            canvas.put(
                "No users in the local store yet. Press s to sync now.", row: area.top,
                column: area.left, limit: area.width)
            return
        }
        var lines = layout()
        if lines.count > area.height {
            lines.removeAll {
                if case .blank = $0.kind { return true }
                return false
            }
        }
        let scrolls = lines.count > area.height
        let height = scrolls ? max(1, area.height - 1) : area.height
        // The selected bar and the note under it (the license caption) stay in view.
        var shownLine = lines.firstIndex { $0.bar == selected } ?? 0
        while shownLine + 1 < lines.count, case .note = lines[shownLine + 1].kind {
            shownLine += 1
        }
        let first = shownLine >= height ? shownLine - height + 1 : 0
        let labelWidth = min(28, max(20, area.width / 4))
        let figures = 22
        let barWidth = max(4, area.width - labelWidth - figures - 2)
        if scrolls, area.height > 1 {
            let above = first > 0
            let below = first + height < lines.count
            let hint =
                above && below
                ? "\(glyphs.up)\(glyphs.down) more above and below"
                : above ? "\(glyphs.up) more above" : "\(glyphs.down) more below"
            canvas.put(
                hint, row: area.top + height, column: area.left + 2, style: .dim,
                limit: area.width - 2, ellipsis: glyphs.ellipsis)
        }
        for (offset, line) in lines.dropFirst(first).prefix(height).enumerated() {
            let row = area.top + offset
            switch line.kind {
            case .blank:
                continue
            case .heading(let title):
                canvas.put(title, row: row, column: area.left, style: .title, limit: area.width)
            case .note(let note):
                canvas.put(
                    note, row: row, column: area.left + 2, style: .dim, limit: area.width - 2,
                    ellipsis: glyphs.ellipsis)
            case .bar(let bar, let whole):
                let isSelected = line.bar == selected
                let filled =
                    whole > 0
                    ? Int((Double(bar.count) / Double(whole) * Double(barWidth)).rounded())
                    : 0
                let shown = bar.count > 0 ? max(1, filled) : 0
                let drawn =
                    String(repeating: glyphs.barFull, count: shown)
                    + String(repeating: glyphs.barEmpty, count: barWidth - shown)
                let label = environment.widths.pad(bar.label, to: labelWidth - 3)
                canvas.put(
                    (isSelected ? glyphs.arrow : " ") + " " + label, row: row, column: area.left,
                    style: isSelected ? .focus : .plain, limit: labelWidth - 1)
                canvas.put(drawn, row: row, column: area.left + labelWidth, limit: barWidth)
                let numbers =
                    Self.leftPad(Format.count(bar.count), 9) + "  "
                    + Self.leftPad(Self.percent(bar.count, of: whole), 7)
                canvas.put(
                    " " + numbers, row: row, column: area.left + labelWidth + barWidth,
                    style: isSelected ? .bold : .plain, limit: figures + 2)
            }
        }
    }
}
