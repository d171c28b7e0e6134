import Foundation
import UserStore

/// Number and time formatting for the screens, independent of the process locale so that
/// fixtures are stable.
public enum Format {
    /// `1204` → `1,204`: the same grouping as the commands' output.
    public static func count(_ value: Int) -> String {
        SyncProgress.grouped(value)
    }

    /// `1 page`, `3 pages`: a count with its noun, as the commands write it.
    public static func counted(_ value: Int, _ singular: String, plural: String? = nil)
        -> String
    {
        SyncProgress.counted(value, singular, plural: plural)
    }

    /// Seconds with two decimals: `0.12 s`.
    public static func seconds(_ value: Double) -> String {
        let hundredths = Int((max(0, value) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }

    /// `just now`, `5 min ago`, `3 h ago`, `12 d ago`, `13 mo ago`; `never` for nil: the same
    /// wording as the users table and the commands.
    public static func relative(_ date: Date?, now: Date) -> String {
        RelativeAge.describe(date, now: now)
    }

    /// `path` within `limit` cells, for a line that cannot wrap: the home directory as `~`,
    /// then directories from the second on replaced by `ellipsis`, so the file name (what
    /// tells one export from the next) is the last thing cut.
    public static func path(
        _ path: String, fitting limit: Int, home: String, ellipsis: String, widths: CellWidth
    ) -> String {
        var shown = path
        var home = home
        while home.count > 1, home.hasSuffix("/") { home.removeLast() }
        if !home.isEmpty, home != "/", shown == home || shown.hasPrefix(home + "/") {
            shown = "~" + shown.dropFirst(home.count)
        }
        guard widths.width(of: shown) > limit else { return shown }
        let parts = shown.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 2 else { return shown }
        // One more directory after the first part goes each time: ~/…/demo/x.csv, ~/…/x.csv.
        for dropped in 1..<(parts.count - 2) {
            let candidate = ([parts[0], ellipsis] + parts[(1 + dropped)...])
                .joined(separator: "/")
            if widths.width(of: candidate) <= limit { return candidate }
        }
        let shortest = [parts[0], ellipsis, parts[parts.count - 1]].joined(separator: "/")
        // An ASCII "..." can be longer than the one directory it replaces.
        return widths.width(of: shortest) < widths.width(of: shown) ? shortest : shown
    }

    /// Whole days between two dates (rounded down, at least 0).
    public static func days(from start: Date, to end: Date) -> Int {
        max(0, Int(end.timeIntervalSince(start) / 86_400))
    }
}
