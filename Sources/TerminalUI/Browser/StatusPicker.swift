import UserStore

/// The status filter: a checklist of Okta's user statuses (and any other status found in the
/// store) with their counts; the table shows the checked ones. Unchecking DEPROVISIONED hides
/// deactivated users.
public struct StatusPicker: Sendable, Equatable {
    /// Okta's user statuses in lifecycle order.
    public static let oktaStatuses = UserFilter.oktaStatuses

    public struct Item: Sendable, Equatable {
        public var status: String
        /// Users in the status; nil until the counts arrive.
        public var count: Int?
        public var checked: Bool
    }

    public private(set) var items: [Item]
    public private(set) var selected = 0

    /// `current` is the table's status filter (nil: every status is shown); `counts` may
    /// come later through `setCounts` (they take a GROUP BY over every user).
    public init(counts: [StatusCount]?, current: Set<String>?) {
        items = Self.oktaStatuses.map { status in
            Item(status: status, count: nil, checked: current?.contains(status) ?? true)
        }
        if let counts { setCounts(counts, current: current) }
    }

    /// Fills in the counts, adding any status Okta's list lacks (checked unless `current`
    /// leaves it out).
    mutating func setCounts(_ counts: [StatusCount], current: Set<String>?) {
        let known = Dictionary(counts.map { ($0.status, $0.count) }) { first, _ in first }
        let listed = Set(items.map(\.status))
        let extra = counts.map(\.status).filter { !listed.contains($0) }.sorted()
        items += extra.map { Item(status: $0, count: nil, checked: current?.contains($0) ?? true) }
        for index in items.indices { items[index].count = known[items[index].status] ?? 0 }
    }

    /// The filter to apply: nil when every status is checked.
    public var statuses: Set<String>? {
        if items.allSatisfy(\.checked) { return nil }
        return Set(items.filter(\.checked).map(\.status))
    }

    mutating func move(by delta: Int) {
        selected = min(max(0, selected + delta), items.count - 1)
    }

    /// Selects the first status (Home, `g`).
    mutating func jumpToTop() {
        selected = 0
    }

    /// Selects the last status (End, `G`).
    mutating func jumpToEnd() {
        selected = max(0, items.count - 1)
    }

    mutating func toggle() {
        items[selected].checked.toggle()
    }

    /// Checks every status, or none when all are checked.
    mutating func toggleAll() {
        let value = !items.allSatisfy(\.checked)
        for index in items.indices { items[index].checked = value }
    }

    /// Draws the checklist in a box over the table.
    func render(into canvas: inout Canvas, area: Rect, environment: RenderEnvironment) {
        let width = min(area.width, 44)
        let height = min(area.height, items.count + 2)
        let left = area.left + (area.width - width) / 2
        let top = area.top + max(0, (area.height - height) / 2)
        for row in top..<(top + height) {
            canvas.fill(" ", row: row, column: left, width: width)
        }
        canvas.box(
            top: top, left: left, height: height, width: width, glyphs: environment.glyphs,
            style: .bold)
        canvas.put(" Show users in status ", row: top, column: left + 2, style: .bold)
        let room = height - 2
        let first = max(0, selected - room + 1)
        for (offset, item) in items.dropFirst(first).prefix(room).enumerated() {
            let index = first + offset
            let mark = item.checked ? "[x] " : "[ ] "
            let count = item.count.map(Format.count) ?? environment.glyphs.ellipsis
            let label = environment.widths.pad(mark + item.status, to: width - 6 - count.count)
            canvas.put(
                label + " " + count, row: top + 1 + offset, column: left + 2,
                style: index == selected ? .focus : .plain, limit: width - 4)
        }
    }
}
