import Foundation

/// Calendar-free UTC conversions for the fixed timestamp shapes Okta uses (`OktaDate`'s fast
/// path). Each function returns nil for anything outside its exact shape or range, so the
/// caller falls back to Foundation and behaviour stays the same.
public enum CivilTime {
    private static let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    /// `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ`.
    static func parseISO(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 20 || bytes.count == 24, bytes[4] == 0x2D, bytes[7] == 0x2D,
                bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A,
                bytes[bytes.count - 1] == 0x5A,
                let year = number(bytes, 0, 4), let month = number(bytes, 5, 2),
                let day = number(bytes, 8, 2), let hour = number(bytes, 11, 2),
                let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2)
            else { return nil }
            var millis = 0
            if bytes.count == 24 {
                guard bytes[19] == 0x2E, let fraction = number(bytes, 20, 3) else { return nil }
                millis = fraction
            }
            guard let seconds = epochSeconds(year, month, day, hour, minute, second) else {
                return nil
            }
            return date(seconds: seconds, millis: millis)
        }
    }

    /// `Tue, 01 Dec 2026 10:00:00 GMT`.
    static func parseHTTP(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 29, bytes[3] == 0x2C, bytes[4] == 0x20, bytes[7] == 0x20,
                bytes[11] == 0x20, bytes[16] == 0x20, bytes[19] == 0x3A, bytes[22] == 0x3A,
                bytes[25] == 0x20, bytes[26] == 0x47, bytes[27] == 0x4D, bytes[28] == 0x54,
                let day = number(bytes, 5, 2), let year = number(bytes, 12, 4),
                let hour = number(bytes, 17, 2), let minute = number(bytes, 20, 2),
                let second = number(bytes, 23, 2)
            else { return nil }
            let monthName = String(decoding: bytes[8..<11], as: UTF8.self)
            guard let monthIndex = months.firstIndex(of: monthName),
                let seconds = epochSeconds(year, monthIndex + 1, day, hour, minute, second)
            else { return nil }
            let days = Int(floorDivide(seconds, 86_400))
            let weekday = String(decoding: bytes[0..<3], as: UTF8.self)
            guard weekdays[((days % 7) + 7) % 7] == weekday else { return nil }
            return date(seconds: seconds, millis: 0)
        }
    }

    /// `2026-01-31T09:15:00.000Z` for years 1…9999.
    static func formatISO(_ date: Date) -> String? {
        guard let (seconds, millis) = split(date) else { return nil }
        let (year, month, day, hour, minute, second) = civil(seconds)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":"
            + pad(minute, 2) + ":" + pad(second, 2) + "." + pad(millis, 3) + "Z"
    }

    /// `Tue, 01 Dec 2026 10:00:00 GMT` for years 1…9999.
    static func formatHTTP(_ date: Date) -> String? {
        guard let (seconds, _) = split(date) else { return nil }
        let (year, month, day, hour, minute, second) = civil(seconds)
        let days = Int(floorDivide(seconds, 86_400))
        return weekdays[((days % 7) + 7) % 7] + ", " + pad(day, 2) + " " + months[month - 1]
            + " " + pad(year, 4) + " " + pad(hour, 2) + ":" + pad(minute, 2) + ":"
            + pad(second, 2) + " GMT"
    }

    // MARK: - Arithmetic

    /// Same construction as Foundation's parser up to sub-nanosecond rounding near 2001.
    private static func date(seconds: Int64, millis: Int) -> Date {
        Date(
            timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(millis) / 1000)
    }

    /// Whole epoch seconds and milliseconds, truncated the way Foundation's format style
    /// truncates them, or nil outside years 1…9999.
    private static func split(_ date: Date) -> (Int64, Int)? {
        let interval = date.timeIntervalSinceReferenceDate
        guard interval.isFinite, interval > -63_113_904_000, interval < 252_423_993_600 else {
            return nil
        }
        let whole = interval.rounded(.down)
        let millis = min(999, Int(((interval - whole) * 1000).rounded(.down)))
        return (Int64(whole) + 978_307_200, millis)
    }

    private static func epochSeconds(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int
    ) -> Int64? {
        guard year >= 1, (1...12).contains(month), day >= 1,
            day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = daysFromCivil(year, month, day)
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil (proleptic Gregorian), days since 1970-01-01.
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The UTC year, month, day, hour, minute and second of an epoch second (proleptic
    /// Gregorian calendar, Howard Hinnant's days-to-civil algorithm). The simulated org formats
    /// millions of timestamps with it too.
    public static func civil(_ seconds: Int64) -> (Int, Int, Int, Int, Int, Int) {
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int)
        -> Int?
    {
        var value = 0
        for index in start..<(start + count) {
            let digit = Int(bytes[index]) - 0x30
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width
            ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
