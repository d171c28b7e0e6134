import OktaCore

/// Appends JSON text to a string in a fixed key order, the way Okta's responses read.
///
/// `JSONEncoder` sorts or shuffles keys and is slow for a million users; the simulated org needs
/// Okta's field order and speed, so it writes JSON itself.
struct JSONWriter {
    private(set) var text = ""

    init(capacity: Int = 1024) {
        text.reserveCapacity(capacity)
    }

    mutating func raw(_ fragment: String) {
        text += fragment
    }

    mutating func string(_ value: String) {
        text.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text.append("\"")
    }

    /// A `"key":` prefix, preceded by a comma unless `first`.
    mutating func key(_ name: String, first: Bool = false) {
        if !first { text.append(",") }
        string(name)
        text.append(":")
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { text += "null" }
    }

    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 {
                text += String(Int64(number))
            } else {
                text += String(number)
            }
        case .string(let string): self.string(string)
        case .array(let elements):
            text.append("[")
            for (position, element) in elements.enumerated() {
                if position > 0 { text.append(",") }
                self.value(element)
            }
            text.append("]")
        case .object(let members):
            text.append("{")
            for (position, name) in members.keys.sorted().enumerated() {
                key(name, first: position == 0)
                self.value(members[name] ?? .null)
            }
            text.append("}")
        }
    }
}
