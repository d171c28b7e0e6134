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

    /// Whole days between two dates (rounded down, at least 0).
    public static func days(from start: Date, to end: Date) -> Int {
        max(0, Int(end.timeIntervalSince(start) / 86_400))
    }
}
