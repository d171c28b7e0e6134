import Foundation

/// A user as `GET /api/v1/users` returns it, decoded leniently.
///
/// Okta's status is an open set (`ACTIVATING` and new values appear), several dates are null or
/// missing for users who never activated or logged in, and profiles carry custom attributes of
/// any JSON type. Nothing here rejects a user for any of that.
public struct OktaUser: Sendable, Hashable, Codable {
    /// Okta's id, e.g. `00u1ab2cd3EF4gh5i6j7`.
    public var id: String
    /// The status exactly as Okta sent it (`ACTIVE`, `DEPROVISIONED`, …, or a newer value).
    public var status: String
    public var created: Date?
    public var activated: Date?
    public var statusChanged: Date?
    public var lastLogin: Date?
    public var lastUpdated: Date?
    public var passwordChanged: Date?
    /// Every profile attribute, default and custom, as Okta sent it.
    public var profile: [String: JSONValue]

    public init(
        id: String, status: String, created: Date? = nil, activated: Date? = nil,
        statusChanged: Date? = nil, lastLogin: Date? = nil, lastUpdated: Date? = nil,
        passwordChanged: Date? = nil, profile: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.status = status
        self.created = created
        self.activated = activated
        self.statusChanged = statusChanged
        self.lastLogin = lastLogin
        self.lastUpdated = lastUpdated
        self.passwordChanged = passwordChanged
        self.profile = profile
    }

    public var login: String? { profile["login"]?.stringValue }
    public var email: String? { profile["email"]?.stringValue }
    public var firstName: String? { profile["firstName"]?.stringValue }
    public var lastName: String? { profile["lastName"]?.stringValue }

    /// `displayName` when set, else first and last name, else the login.
    public var displayName: String {
        if let name = profile["displayName"]?.stringValue, !name.isEmpty { return name }
        let parts = [firstName, lastName].compactMap { $0 }.filter { !$0.isEmpty }
        if !parts.isEmpty { return parts.joined(separator: " ") }
        return login ?? id
    }

    enum CodingKeys: String, CodingKey {
        case id, status, created, activated, statusChanged, lastLogin, lastUpdated
        case passwordChanged, profile
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try container.decodeIfPresent(String.self, forKey: .status) ?? "UNKNOWN"
        created = Self.date(container, .created)
        activated = Self.date(container, .activated)
        statusChanged = Self.date(container, .statusChanged)
        lastLogin = Self.date(container, .lastLogin)
        lastUpdated = Self.date(container, .lastUpdated)
        passwordChanged = Self.date(container, .passwordChanged)
        profile =
            (try? container.decodeIfPresent([String: JSONValue].self, forKey: .profile)) ?? [:]
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        for (key, date) in [
            (CodingKeys.created, created), (.activated, activated),
            (.statusChanged, statusChanged), (.lastLogin, lastLogin),
            (.lastUpdated, lastUpdated), (.passwordChanged, passwordChanged),
        ] {
            if let date {
                try container.encode(OktaDate.format(date), forKey: key)
            } else {
                try container.encodeNil(forKey: key)
            }
        }
        try container.encode(profile, forKey: .profile)
    }

    /// A page of users decoded by `JSONValueParser` with the same leniency as `init(from:)`,
    /// about ten times faster than `JSONDecoder`. Nil when the body is not plain JSON or a user
    /// would fail to decode; the caller then uses `JSONDecoder`, which gives the exact error.
    static func decodeList(_ data: Data) -> [OktaUser]? {
        guard case .array(let items) = try? JSONValueParser.parse(data) else { return nil }
        var users: [OktaUser] = []
        users.reserveCapacity(items.count)
        for item in items {
            guard case .object(let fields) = item, case .string(let id)? = fields["id"] else {
                return nil
            }
            let status: String
            switch fields["status"] {
            case nil, .null?: status = "UNKNOWN"
            case .string(let text)?: status = text
            default: return nil
            }
            func date(_ key: String) -> Date? {
                guard case .string(let text)? = fields[key] else { return nil }
                return OktaDate.parse(text)
            }
            var profile: [String: JSONValue] = [:]
            if case .object(let members)? = fields["profile"] { profile = members }
            users.append(
                OktaUser(
                    id: id, status: status, created: date("created"),
                    activated: date("activated"), statusChanged: date("statusChanged"),
                    lastLogin: date("lastLogin"), lastUpdated: date("lastUpdated"),
                    passwordChanged: date("passwordChanged"), profile: profile))
        }
        return users
    }

    /// A date that is null, missing or malformed decodes as nil rather than failing the user.
    private static func date(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys)
        -> Date?
    {
        guard let text = try? container.decodeIfPresent(String.self, forKey: key) else {
            return nil
        }
        return OktaDate.parse(text)
    }
}
