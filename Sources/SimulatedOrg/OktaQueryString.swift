import Foundation

/// Reads and writes URL query strings the way Okta's servers do.
///
/// Okta re-encodes the query of its `Link` URLs as a form: spaces become `+` and quotes `%22`
/// (`search=profile.lastName+eq+%22Smith%22`), and parameters come back sorted by name.
enum OktaQueryString {
    /// Parameters of `query` in order, with `+` read as a space and percent-escapes decoded.
    static func parse(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            return (name, value)
        }
    }

    /// Parameters sorted by name and form-encoded.
    static func encode(_ parameters: [(name: String, value: String)]) -> String {
        parameters.sorted { $0.name < $1.name }
            .map { encodeComponent($0.name) + "=" + encodeComponent($0.value) }
            .joined(separator: "&")
    }

    static func encodeComponent(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                encoded += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
