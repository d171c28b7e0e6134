import Foundation

/// A strict single-pass JSON parser producing `JSONValue`, for decoding user pages quickly.
///
/// Foundation's `JSONDecoder` spends most of a sync's CPU time on `[String: JSONValue]`
/// profiles (a container and a coding path per value). This parser accepts only plain RFC 8259
/// JSON and throws on anything unusual (invalid UTF-8, lone surrogates, duplicate keys,
/// numbers a `Double` cannot hold); callers then fall back to `JSONDecoder`, so the result
/// for every input stays exactly what the `Codable` path gives.
struct JSONValueParser {
    struct Unsupported: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses a whole document; trailing non-whitespace is an error.
    static func parse(_ data: Data) throws -> JSONValue {
        try data.withUnsafeBytes { raw in
            var parser = JSONValueParser(raw.bindMemory(to: UInt8.self))
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            guard parser.index == parser.bytes.count else { throw Unsupported() }
            return value
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws -> JSONValue {
        guard depth < 512 else { throw Unsupported() }
        skipWhitespace()
        guard index < bytes.count else { throw Unsupported() }
        switch bytes[index] {
        case 0x7B: return .object(try object(depth: depth))
        case 0x5B: return .array(try array(depth: depth))
        case 0x22: return .string(try string())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        default: return .number(try number())
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Unsupported() }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != expected[offset] {
            throw Unsupported()
        }
        index += count
    }

    private mutating func object(depth: Int) throws -> [String: JSONValue] {
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x7D {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x22 else { throw Unsupported() }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x3A else { throw Unsupported() }
            index += 1
            let member = try value(depth: depth + 1)
            guard members.updateValue(member, forKey: key) == nil else { throw Unsupported() }
            skipWhitespace()
            guard index < bytes.count else { throw Unsupported() }
            if bytes[index] == 0x2C {
                index += 1
            } else if bytes[index] == 0x7D {
                index += 1
                return members
            } else {
                throw Unsupported()
            }
        }
    }

    private mutating func array(depth: Int) throws -> [JSONValue] {
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x5D {
            index += 1
            return items
        }
        while true {
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw Unsupported() }
            if bytes[index] == 0x2C {
                index += 1
            } else if bytes[index] == 0x5D {
                index += 1
                return items
            } else {
                throw Unsupported()
            }
        }
    }

    private mutating func string() throws -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw Unsupported()
                }
                return text
            }
            if byte == 0x5C { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw Unsupported() }
            index += 1
        }
        throw Unsupported()
    }

    /// The slow path for strings with backslash escapes.
    private mutating func escapedString(from start: Int) throws -> String {
        var output: [UInt8] = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x22:
                index += 1
                guard let text = String(validating: output, as: UTF8.self) else {
                    throw Unsupported()
                }
                return text
            case 0x5C:
                guard index + 1 < bytes.count else { throw Unsupported() }
                let escape = bytes[index + 1]
                index += 2
                switch escape {
                case 0x22, 0x5C, 0x2F: output.append(escape)
                case 0x62: output.append(0x08)
                case 0x66: output.append(0x0C)
                case 0x6E: output.append(0x0A)
                case 0x72: output.append(0x0D)
                case 0x74: output.append(0x09)
                case 0x75:
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == 0x5C,
                            bytes[index + 1] == 0x75
                        else { throw Unsupported() }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw Unsupported() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw Unsupported()
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Unsupported() }
                    output.append(contentsOf: String(Character(unicode)).utf8)
                default: throw Unsupported()
                }
            default:
                guard byte >= 0x20 else { throw Unsupported() }
                output.append(byte)
                index += 1
            }
        }
        throw Unsupported()
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw Unsupported() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw Unsupported()
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// A number in strict JSON grammar; small integers skip the text conversion.
    private mutating func number() throws -> Double {
        let start = index
        var integer: Int64 = 0
        var simple = true
        if index < bytes.count, bytes[index] == 0x2D { index += 1 }
        let digitsStart = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            integer = integer &* 10 &+ Int64(bytes[index] - 0x30)
            index += 1
        }
        let digitCount = index - digitsStart
        guard digitCount > 0 else { throw Unsupported() }
        if digitCount > 1, bytes[digitsStart] == 0x30 { throw Unsupported() }
        if digitCount > 15 { simple = false }
        if index < bytes.count, bytes[index] == 0x2E {
            simple = false
            index += 1
            let fractionStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > fractionStart else { throw Unsupported() }
        }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            simple = false
            index += 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            let exponentStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > exponentStart else { throw Unsupported() }
        }
        if simple {
            return bytes[start] == 0x2D ? -Double(integer) : Double(integer)
        }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        let text = String(decoding: slice, as: UTF8.self)
        guard let number = Double(text), number.isFinite else { throw Unsupported() }
        return number
    }
}
