import Foundation

/// Number and time formatting for the screens, independent of the process locale so that
/// fixtures are stable.
public enum Format {
    /// `1204` → `1,204`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// Seconds with two decimals: `0.12 s`.
    public static func seconds(_ value: Double) -> String {
        let hundredths = Int((max(0, value) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }

    /// `just now`, `5 min ago`, `3 h ago`, `12 d ago`; `never` for nil.
    public static func relative(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        let elapsed = now.timeIntervalSince(date)
        if elapsed < 60 { return "just now" }
        if elapsed < 3600 { return "\(Int(elapsed / 60)) min ago" }
        if elapsed < 86_400 { return "\(Int(elapsed / 3600)) h ago" }
        return "\(Int(elapsed / 86_400)) d ago"
    }

    /// Whole days between two dates (rounded down, at least 0).
    public static func days(from start: Date, to end: Date) -> Int {
        max(0, Int(end.timeIntervalSince(start) / 86_400))
    }
}
