import Foundation
import OktaCore

/// The output of `okta-connect users` (and the browser's export): a table that fits the
/// terminal, RFC 4180 CSV safe to open in a spreadsheet, or a JSON array with full profiles.
public enum UsersReport {
    /// The output formats `--format` accepts.
    public enum Format: String, Sendable, CaseIterable {
        case table, csv, json
    }

    /// Printed instead of a table when the store has no users at all.
    public static let emptyStoreMessage = "no synced users yet — run okta-connect sync"

    /// The CSV columns, in order (the JSON keys besides `profile` are the same).
    public static let csvColumns = [
        "id", "status", "login", "email", "firstName", "lastName", "displayName", "lastLogin",
        "created", "lastUpdated", "activated", "statusChanged", "passwordChanged", "removedAt",
    ]

    /// Writes every user matching `filter` in `sort` order to `write`, streaming in batches so
    /// memory stays flat. `width` is the terminal width for tables. When the store holds no
    /// users at all, table output is the empty-store message.
    public static func render(
        store: UserStore, filter: UserFilter, sort: UserSort, format: Format, width: Int = 100,
        now: Date = Date(), write: (String) throws -> Void
    ) throws {
        switch format {
        case .table:
            if try store.userCount() == 0, try store.count(filter) == 0 {
                try write(emptyStoreMessage + "\n")
                return
            }
            let layout = TableLayout(width: width)
            try write(layout.header + "\n")
            var shown = 0
            try store.forEachUser(filter, sort: sort) { user in
                try write(layout.row(user, now: now) + "\n")
                shown += 1
            }
            let total = try store.userCount()
            try write("\(SyncProgress.grouped(shown)) of \(SyncProgress.grouped(total)) users\n")
        case .csv:
            try write(csvColumns.joined(separator: ",") + "\r\n")
            try store.forEachUser(filter, sort: sort) { user in
                try write(csvRow(user) + "\r\n")
            }
        case .json:
            try write("[")
            var first = true
            try store.forEachUser(filter, sort: sort) { user in
                try write((first ? "\n" : ",\n") + jsonObject(user))
                first = false
            }
            try write(first ? "]\n" : "\n]\n")
        }
    }

    /// The whole report as one string (tests, small outputs).
    public static func render(
        store: UserStore, filter: UserFilter, sort: UserSort, format: Format, width: Int = 100,
        now: Date = Date()
    ) throws -> String {
        var output = ""
        try render(
            store: store, filter: filter, sort: sort, format: format, width: width, now: now
        ) { output += $0 }
        return output
    }

    // MARK: CSV

    /// One CSV record: every cell formula-neutralised, then quoted per RFC 4180 when needed.
    public static func csvRow(_ user: StoredUser) -> String {
        csvValues(user).map { csvCell($0) }.joined(separator: ",")
    }

    static func csvValues(_ user: StoredUser) -> [String] {
        func date(_ value: Date?) -> String { value.map(OktaDate.format) ?? "" }
        return [
            user.id, user.status, user.login ?? "", user.email ?? "", user.firstName ?? "",
            user.lastName ?? "", user.displayName, date(user.lastLogin), date(user.created),
            date(user.lastUpdated), date(user.activated), date(user.statusChanged),
            date(user.passwordChanged), date(user.removedAt),
        ]
    }

    /// A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR first)
    /// gets a leading `'`; a cell with a comma, quote or line break is quoted, quotes doubled.
    public static func csvCell(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            cell = "'" + cell
        }
        let needsQuotes =
            cell.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || cell.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: JSON

    /// One user as a JSON object: the CSV fields plus `profile` with every attribute as stored.
    public static func jsonObject(_ user: StoredUser) -> String {
        var members: [(String, JSONValue)] = []
        let values = csvValues(user)
        for (column, value) in zip(csvColumns, values) {
            let isOptional = column != "id" && column != "status" && column != "displayName"
            members.append((column, value.isEmpty && isOptional ? .null : .string(value)))
        }
        var output = "  {"
        for (column, value) in members {
            ProfileJSON.writeString(column, into: &output)
            output += ":"
            ProfileJSON.write(value, into: &output)
            output += ","
        }
        output += "\"profile\":"
        ProfileJSON.write(.object(user.profile), into: &output)
        output += "}"
        return output
    }
}

/// Column widths for the users table at a given terminal width.
/// The columns of the `users` table for one terminal width. Name and login share what is left
/// after the fixed columns; on a narrow terminal the least important columns (Created, then
/// Last login, then Status) are dropped so that no line ever wraps.
struct TableLayout {
    /// The columns, most important first, with their fixed width (nil: shares the rest).
    private static let columns: [(title: String, width: Int?)] = [
        ("NAME", nil), ("LOGIN", nil), ("STATUS", 16), ("LAST LOGIN", 11), ("CREATED", 10),
    ]
    /// Name and login need at least this much between them to be readable.
    private static let minimumFlexible = 20

    let widths: [Int]

    init(width: Int) {
        var count = Self.columns.count
        func fixed(_ count: Int) -> Int {
            Self.columns.prefix(count).compactMap(\.width).reduce(0, +) + (count - 1)
        }
        // One column stays free: a line that fills the last column makes some terminals wrap.
        while count > 2, width - fixed(count) - 1 < Self.minimumFlexible { count -= 1 }
        let flexible = max(Self.minimumFlexible, width - fixed(count) - 1)
        let nameWidth = flexible * 2 / 5
        widths =
            [nameWidth, flexible - nameWidth]
            + Self.columns.prefix(count).dropFirst(2).compactMap(\.width)
    }

    var header: String {
        line(Self.columns.map(\.title))
    }

    func row(_ user: StoredUser, now: Date) -> String {
        let created = user.created.map { String(OktaDate.format($0).prefix(10)) } ?? ""
        return line([
            SafeText.neutralized(user.displayName),
            SafeText.neutralized(user.login ?? user.email ?? ""),
            SafeText.neutralized(user.status),
            RelativeAge.describe(user.lastLogin, now: now), created,
        ])
    }

    private func line(_ cells: [String]) -> String {
        let padded = zip(cells, widths).map { DisplayWidth.pad($0, to: $1) }
        var text = padded.joined(separator: " ")
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}

/// "3 d ago", "never": how long ago a date was, for tables.
public enum RelativeAge {
    /// A short description of how long before `now` the date was.
    public static func describe(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        let seconds = now.timeIntervalSince(date)
        if seconds < 60 { return "just now" }
        if seconds < 3_600 { return "\(Int(seconds / 60)) min ago" }
        if seconds < 86_400 { return "\(Int(seconds / 3_600)) h ago" }
        if seconds < 86_400 * 60 { return "\(Int(seconds / 86_400)) d ago" }
        if seconds < 86_400 * 730 { return "\(Int(seconds / (86_400 * 30))) mo ago" }
        return "\(Int(seconds / (86_400 * 365))) y ago"
    }
}
