import Foundation
import OktaCore
import UserStore

/// Every attribute of one user as lines of label and value: status, ids, all dates absolute
/// and relative, the store's own dates, then every profile attribute (custom ones included),
/// with arrays and objects spread over indented lines so they stay readable.
///
/// Values are data: they are drawn through the canvas, which neutralises control characters,
/// and HTML in an attribute is simply shown as the text it is.
public struct UserDetail: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        /// Empty for a continuation line of a multi-line value.
        public var label: String
        public var value: String
        public var indent: Int
        public var isHeading: Bool

        init(_ label: String, _ value: String, indent: Int = 0, isHeading: Bool = false) {
            self.label = label
            self.value = value
            self.indent = indent
            self.isHeading = isHeading
        }
    }

    public let user: StoredUser
    public let lines: [Line]
    /// First line shown.
    public var scroll = 0

    public init(user: StoredUser, now: Date) {
        self.user = user
        lines = Self.lines(for: user, now: now)
    }

    static func lines(for user: StoredUser, now: Date) -> [Line] {
        func date(_ label: String, _ value: Date?) -> Line {
            guard let value else { return Line(label, "never") }
            return Line(
                label, absolute(value) + "  (" + RelativeAge.describe(value, now: now) + ")")
        }
        var lines: [Line] = [
            Line("Status", user.status),
            Line("Okta id", user.id),
            Line("Login", user.login ?? "—"),
            Line("Email", user.email ?? "—"),
        ]
        if let second = user.profile["secondEmail"]?.stringValue {
            lines.append(Line("Second email", second))
        }
        lines += [
            Line("Name", user.displayName),
            Line("", ""),
            Line("Dates", "", isHeading: true),
            date("Created", user.created),
            date("Activated", user.activated),
            date("Status changed", user.statusChanged),
            date("Last login", user.lastLogin),
            date("Last updated", user.lastUpdated),
            date("Password changed", user.passwordChanged),
            date("First synced", user.firstSeen),
            date("Last synced", user.lastSeen),
        ]
        if let removed = user.removedAt {
            lines.append(date("Removed in Okta", removed))
        }
        lines += [Line("", ""), Line("Profile", "", isHeading: true)]
        if user.profile.isEmpty { lines.append(Line("(none)", "")) }
        for key in user.profile.keys.sorted() {
            lines += valueLines(label: key, value: user.profile[key] ?? .null, indent: 0)
        }
        return lines
    }

    /// A scalar on one line; an array or object as a heading line with its members below.
    static func valueLines(label: String, value: JSONValue, indent: Int) -> [Line] {
        switch value {
        case .array(let items):
            if items.isEmpty { return [Line(label, "[]", indent: indent)] }
            var lines = [Line(label, "", indent: indent)]
            for item in items {
                lines += valueLines(label: "-", value: item, indent: indent + 2)
            }
            return lines
        case .object(let members):
            if members.isEmpty { return [Line(label, "{}", indent: indent)] }
            var lines = [Line(label, "", indent: indent)]
            for key in members.keys.sorted() {
                lines += valueLines(label: key, value: members[key] ?? .null, indent: indent + 2)
            }
            return lines
        case .null:
            return [Line(label, "null", indent: indent)]
        default:
            return [Line(label, value.displayText, indent: indent)]
        }
    }

    /// `2026-03-01 14:22 UTC`.
    static func absolute(_ date: Date) -> String {
        let text = OktaDate.format(date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }

    /// The lines as drawn in `width` cells: long values wrap onto continuation rows.
    func displayLines(width: Int, widths: CellWidth) -> [Line] {
        let valueWidth = max(8, width - Self.labelWidth(for: width))
        var result: [Line] = []
        for line in lines {
            let pieces = widths.wrap(SafeText.neutralized(line.value), to: valueWidth)
            guard pieces.count > 1, !line.isHeading else {
                result.append(line)
                continue
            }
            result.append(Line(line.label, pieces[0], indent: line.indent))
            for piece in pieces.dropFirst() { result.append(Line("", piece, indent: line.indent)) }
        }
        return result
    }

    static func labelWidth(for width: Int) -> Int { min(22, max(12, width / 4)) }

    /// Scrolls by `delta` rows within an area of `height` rows and `width` cells.
    mutating func scroll(by delta: Int, height: Int, width: Int, widths: CellWidth) {
        let count = displayLines(width: width, widths: widths).count
        scroll = min(max(0, scroll + delta), max(0, count - height))
    }

    func render(into canvas: inout Canvas, area: Rect, environment: RenderEnvironment) {
        let labelWidth = Self.labelWidth(for: area.width)
        let all = displayLines(width: area.width, widths: environment.widths)
        let first = min(scroll, max(0, all.count - area.height))
        for (offset, line) in all.dropFirst(first).prefix(area.height).enumerated() {
            let row = area.top + offset
            let left = area.left + line.indent
            if line.isHeading {
                canvas.put(line.label, row: row, column: area.left, style: .title)
                continue
            }
            canvas.put(
                line.label, row: row, column: left, style: .bold,
                limit: max(1, labelWidth - line.indent - 1), ellipsis: environment.glyphs.ellipsis)
            canvas.put(
                line.value, row: row, column: area.left + labelWidth,
                limit: area.width - labelWidth, ellipsis: environment.glyphs.ellipsis)
        }
    }
}
