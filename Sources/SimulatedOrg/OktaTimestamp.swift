import OktaCore

/// Fast formatting of whole-second epoch times as Okta writes them (`2026-01-31T09:15:00.000Z`).
///
/// Serving a million users formats six million timestamps; a calendar-free conversion written
/// straight into the response bytes keeps that cheap. Tests check it against `OktaDate.format`.
enum OktaTimestamp {
    static func format(_ seconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        write(seconds, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func write(_ seconds: Int64, into bytes: inout [UInt8]) {
        let (year, month, day, hour, minute, second) = CivilTime.civil(seconds)
        digits(year, 4, &bytes)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2, &bytes)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2, &bytes)
        bytes.append(UInt8(ascii: "T"))
        digits(hour, 2, &bytes)
        bytes.append(UInt8(ascii: ":"))
        digits(minute, 2, &bytes)
        bytes.append(UInt8(ascii: ":"))
        digits(second, 2, &bytes)
        bytes.append(contentsOf: [UInt8(ascii: "."), 0x30, 0x30, 0x30, UInt8(ascii: "Z")])
    }

    /// `value` as exactly `width` decimal digits (zero-padded; years stay within 4 digits).
    private static func digits(_ value: Int, _ width: Int, _ bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(0x30 + UInt8(truncatingIfNeeded: rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
