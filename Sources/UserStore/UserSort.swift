/// The order of a users query: a column and a direction. Ties are broken by the store's row id,
/// so paging is stable.
public struct UserSort: Sendable, Hashable {
    /// The columns the browser and `okta-connect users --sort` can sort by.
    public enum Key: String, Sendable, CaseIterable {
        case name
        case login
        case status
        case lastLogin = "last-login"
        case created

        /// The indexed sort column in the users table (never NULL, so keyset paging works).
        var column: String {
            switch self {
            case .name: return "name_key"
            case .login: return "login_key"
            case .status: return "status"
            case .lastLogin: return "last_login_key"
            case .created: return "created_key"
            }
        }

        /// The index that orders by `column` then row id.
        var index: String {
            switch self {
            case .name: return "users_by_name"
            case .login: return "users_by_login"
            case .status: return "users_by_status"
            case .lastLogin: return "users_by_last_login"
            case .created: return "users_by_created"
            }
        }

        var isText: Bool { self == .name || self == .login || self == .status }
    }

    public var key: Key
    public var descending: Bool

    public init(_ key: Key = .name, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }

    /// The same column in the other direction.
    public var reversed: UserSort { UserSort(key, descending: !descending) }
}
