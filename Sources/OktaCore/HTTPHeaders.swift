import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Response header fields with case-insensitive lookup and repeated fields kept apart where the
/// transport kept them (Foundation may already have joined them with `", "`).
public struct HTTPHeaders: Sendable, Equatable {
    public var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    public init(_ response: HTTPURLResponse) {
        fields = response.allHeaderFields.compactMap { key, value in
            guard let name = key as? String else { return nil }
            return (name, "\(value)")
        }
    }

    /// Every value of the field `name`.
    public func values(for name: String) -> [String] {
        let lowered = name.lowercased()
        return fields.filter { $0.name.lowercased() == lowered }.map(\.value)
    }

    /// The first value of the field `name`.
    public func value(for name: String) -> String? { values(for: name).first }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.map { "\($0.name.lowercased()):\($0.value)" }
            == rhs.fields.map { "\($0.name.lowercased()):\($0.value)" }
    }
}
