import Foundation
import OktaCore

/// What the screens show about the saved connection, read from the connection store and the
/// user store by the driver (the screens never touch files).
public struct ConnectionSummary: Sendable, Equatable {
    /// Whether the saved token still works, as far as okta-connect knows.
    public enum State: Sendable, Equatable {
        case connected
        /// Okta rejected the token (expired after 30 days unused, or revoked).
        case expired
    }

    public var org: OrgAddress
    public var state: State
    public var ownerLogin: String?
    public var ownerDisplayName: String?
    public var orgName: String?
    public var connectedAt: Date?
    public var lastChecked: Date?
    public var lastCheckPassed: Bool?
    public var lastCheckMessage: String?
    /// When okta-connect last used the token successfully; Okta revokes tokens unused for
    /// 30 days.
    public var tokenLastUsed: Date?
    public var lastSync: Date?
    public var userCount: Int?
    /// No full sync has run to its end: the store holds only the users an interrupted
    /// first sync got to, so counts and figures describe part of the org.
    public var storeIsPartial = false
    /// The org's user store file, when one exists (the utilization panel reads it).
    public var databaseURL: URL?

    public init(
        org: OrgAddress, state: State = .connected, ownerLogin: String? = nil,
        ownerDisplayName: String? = nil, orgName: String? = nil, connectedAt: Date? = nil,
        lastChecked: Date? = nil, lastCheckPassed: Bool? = nil, lastCheckMessage: String? = nil,
        tokenLastUsed: Date? = nil, lastSync: Date? = nil, userCount: Int? = nil,
        databaseURL: URL? = nil
    ) {
        self.org = org
        self.state = state
        self.ownerLogin = ownerLogin
        self.ownerDisplayName = ownerDisplayName
        self.orgName = orgName
        self.connectedAt = connectedAt
        self.lastChecked = lastChecked
        self.lastCheckPassed = lastCheckPassed
        self.lastCheckMessage = lastCheckMessage
        self.tokenLastUsed = tokenLastUsed
        self.lastSync = lastSync
        self.userCount = userCount
        self.databaseURL = databaseURL
    }
}
