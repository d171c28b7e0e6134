import Foundation

/// RFC 8288 `Link` header values, as Okta uses them for pagination.
///
/// Okta sends `self` and `next` as two header fields; Foundation joins repeated fields with
/// `", "`. Next URLs may themselves contain commas (e.g. `fields=` projections), so the value is
/// split only on commas outside `<…>`.
public struct LinkHeader: Sendable, Equatable {
    /// One link: its target and its relation types.
    public struct Link: Sendable, Equatable {
        public var target: String
        public var relations: [String]
    }

    public var links: [Link]

    /// Parses one or more header field values (each may hold several links).
    public init(fieldValues: [String]) {
        links = fieldValues.flatMap(Self.parse(value:))
    }

    /// The first target whose relation is `relation`, verbatim as Okta sent it.
    public func target(for relation: String) -> String? {
        links.first { $0.relations.contains(relation.lowercased()) }?.target
    }

    /// The `rel="next"` URL, if any. An absent next link ends a listing.
    public var next: URL? { target(for: "next").flatMap { URL(string: $0) } }

    static func parse(value: String) -> [Link] {
        splitOutsideAngles(value).compactMap { element in
            let trimmed = element.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("<"), let close = trimmed.firstIndex(of: ">") else {
                return nil
            }
            let target = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            var relations: [String] = []
            for parameter in trimmed[trimmed.index(after: close)...].split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2,
                    pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "rel"
                else { continue }
                let raw = pair[1].trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                relations += raw.lowercased().split(separator: " ").map(String.init)
            }
            return Link(target: target, relations: relations)
        }
    }

    static func splitOutsideAngles(_ value: String) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var inQuotes = false
        var start = value.startIndex
        for index in value.indices {
            switch value[index] {
            case "<" where !inQuotes: depth += 1
            case ">" where !inQuotes: depth = max(0, depth - 1)
            case "\"" where depth == 0: inQuotes.toggle()
            case "," where depth == 0 && !inQuotes:
                parts.append(value[start..<index])
                start = value.index(after: index)
            default: break
            }
        }
        parts.append(value[start...])
        return parts
    }
}
