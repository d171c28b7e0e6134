import Foundation
import OktaCore

/// A user as the local store keeps it: Okta's fields plus when this store first and last saw
/// the user and, when a complete full sync no longer returned it, when it was marked removed.
public struct StoredUser: Sendable, Hashable {
    public var id: String
    public var status: String
    public var login: String?
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    /// The name shown in tables: `displayName`, else first and last name, else the login.
    public var displayName: String
    public var created: Date?
    public var activated: Date?
    public var statusChanged: Date?
    public var lastLogin: Date?
    public var lastUpdated: Date?
    public var passwordChanged: Date?
    /// Every profile attribute; empty when the query asked for rows without profiles.
    public var profile: [String: JSONValue]
    public var firstSeen: Date
    public var lastSeen: Date
    /// Set when a complete full sync no longer returned the user (deleted in Okta).
    public var removedAt: Date?

    public init(
        id: String, status: String, login: String?, email: String?, firstName: String?,
        lastName: String?, displayName: String, created: Date?, activated: Date?,
        statusChanged: Date?, lastLogin: Date?, lastUpdated: Date?, passwordChanged: Date?,
        profile: [String: JSONValue], firstSeen: Date, lastSeen: Date, removedAt: Date?
    ) {
        self.id = id
        self.status = status
        self.login = login
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.created = created
        self.activated = activated
        self.statusChanged = statusChanged
        self.lastLogin = lastLogin
        self.lastUpdated = lastUpdated
        self.passwordChanged = passwordChanged
        self.profile = profile
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.removedAt = removedAt
    }

    /// The user as Okta would send it (without the store's own bookkeeping).
    public var oktaUser: OktaUser {
        OktaUser(
            id: id, status: status, created: created, activated: activated,
            statusChanged: statusChanged, lastLogin: lastLogin, lastUpdated: lastUpdated,
            passwordChanged: passwordChanged, profile: profile)
    }
}
