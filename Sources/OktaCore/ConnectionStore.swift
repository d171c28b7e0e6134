import Foundation

/// Whether a connection is saved and usable.
public enum ConnectionState: String, Sendable, Codable {
    case notConnected = "not_connected"
    case connected
    /// Okta rejected the token (E0000011); only a successful Reconnect clears this.
    case expired
}

/// The saved connection, without the token (which lives in its own 0600 file).
public struct SavedConnection: Sendable, Equatable, Codable {
    public var orgURL: URL
    public var tokenOwner: TokenOwner?
    public var state: ConnectionState
    /// Masked form of the token (last four characters), for screens.
    public var tokenHint: String
    public var connectedAt: Date
    public var lastChecked: Date?
    public var lastCheckPassed: Bool?
    public var lastCheckMessage: String?
    /// When Okta last accepted the token. Okta expires tokens unused for 30 days.
    public var tokenLastUsed: Date?
    /// The org's name as Okta gives it (`companyName` of `/api/v1/org`), when the token may
    /// read it; screens show it instead of the host. Absent in files saved before it existed.
    public var orgName: String?

    public init(
        orgURL: URL, tokenOwner: TokenOwner?, state: ConnectionState = .connected,
        tokenHint: String, connectedAt: Date, lastChecked: Date? = nil,
        lastCheckPassed: Bool? = nil, lastCheckMessage: String? = nil, tokenLastUsed: Date? = nil,
        orgName: String? = nil
    ) {
        self.orgName = orgName
        self.orgURL = orgURL
        self.tokenOwner = tokenOwner
        self.state = state
        self.tokenHint = tokenHint
        self.connectedAt = connectedAt
        self.lastChecked = lastChecked
        self.lastCheckPassed = lastCheckPassed
        self.lastCheckMessage = lastCheckMessage
        self.tokenLastUsed = tokenLastUsed
    }

    /// The org address (re-parsed from the saved canonical origin).
    public var org: OrgAddress? { try? OrgAddress(parsing: orgURL.absoluteString) }

    /// Days since Okta last accepted the token, when known.
    public func daysSinceTokenUse(now: Date) -> Int? {
        tokenLastUsed.map { Int(now.timeIntervalSince($0) / 86_400) }
    }

    /// A warning once the token has been idle for more than 25 days: Okta expires it at 30.
    public func expiryWarning(now: Date) -> String? {
        guard let days = daysSinceTokenUse(now: now), days > 25 else { return nil }
        if days >= 30 {
            return "The token was last used \(days) days ago; Okta expires tokens unused for 30 "
                + "days, so it has probably expired. Run okta-connect test; if Okta rejects it, "
                + "create a new token and reconnect."
        }
        let left = 30 - days
        return "The token was last used \(days) days ago; Okta expires tokens unused for 30 "
            + "days (\(left) left). Run a sync or test to keep it alive."
    }
}

/// Reads and writes the saved connection and its token.
///
/// The token file is mode 0600 inside a 0700 directory; every write goes to a temporary file
/// that is renamed into place, so a crash never leaves half a token or half a record. A failed
/// Reconnect writes nothing, so the old connection survives exactly as it was.
public struct ConnectionStore: Sendable {
    public let paths: StatePaths

    public init(paths: StatePaths) {
        self.paths = paths
    }

    /// The saved connection, or nil when none is saved.
    public func load() throws -> SavedConnection? {
        guard FileManager.default.fileExists(atPath: paths.connectionFile.path) else { return nil }
        let data = try Data(contentsOf: paths.connectionFile)
        return try Self.decoder.decode(SavedConnection.self, from: data)
    }

    /// The saved token, or nil when none is saved.
    public func token() throws -> APIToken? {
        guard FileManager.default.fileExists(atPath: paths.tokenFile.path) else { return nil }
        let text = try String(contentsOf: paths.tokenFile, encoding: .utf8)
        return try? APIToken(parsing: text)
    }

    /// The state of the saved connection.
    public func state() -> ConnectionState {
        guard let connection = try? load(), (try? token()) != nil else { return .notConnected }
        return connection.state
    }

    /// Saves a verified connection and its token, replacing any previous one.
    public func save(_ connection: SavedConnection, token: APIToken) throws {
        try paths.createDirectories()
        try Self.writeAtomically(Data(token.secret.utf8), to: paths.tokenFile)
        try persist(connection)
    }

    /// Changes the saved connection in place; does nothing when none is saved.
    public func update(_ change: (inout SavedConnection) -> Void) throws {
        guard var connection = try load() else { return }
        change(&connection)
        try persist(connection)
    }

    /// Records Okta's 401 E0000011: the connection stays expired until a Reconnect succeeds.
    public func markExpired(message: String? = nil, at date: Date = Date()) throws {
        try update {
            $0.state = .expired
            if let message {
                $0.lastCheckMessage = message
                $0.lastCheckPassed = false
                $0.lastChecked = date
            }
        }
    }

    /// Records that Okta accepted the token at `date`.
    public func recordTokenUse(at date: Date) throws {
        try update { connection in
            if connection.tokenLastUsed.map({ $0 < date }) ?? true {
                connection.tokenLastUsed = date
            }
        }
    }

    /// Forgets the token and connection; with `purge`, also every synced store.
    public func disconnect(purge: Bool) throws {
        let manager = FileManager.default
        for file in [paths.tokenFile, paths.connectionFile]
        where manager.fileExists(atPath: file.path) {
            try manager.removeItem(at: file)
        }
        guard purge, manager.fileExists(atPath: paths.dataDirectory.path) else { return }
        for name in try manager.contentsOfDirectory(atPath: paths.dataDirectory.path)
        where name.hasPrefix("users-") && name.contains(".sqlite") {
            try manager.removeItem(at: paths.dataDirectory.appendingPathComponent(name))
        }
    }

    private func persist(_ connection: SavedConnection) throws {
        try paths.createDirectories()
        try Self.writeAtomically(try Self.encoder.encode(connection), to: paths.connectionFile)
    }

    /// Writes `data` to a new 0600 file beside `url`, flushes it and renames it over `url`.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StateFileError(path: url.path, errno: errno) }
        let written = data.withUnsafeBytes { buffer in
            buffer.baseAddress.map { write(fd, $0, buffer.count) } ?? 0
        }
        let synced = fsync(fd)
        close(fd)
        guard written == data.count, synced == 0 else {
            unlink(temporary.path)
            throw StateFileError(path: url.path, errno: errno)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw StateFileError(path: url.path, errno: code)
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// A state file could not be written.
public struct StateFileError: Error, CustomStringConvertible {
    public var path: String
    public var errno: Int32

    public var description: String {
        "Cannot write \(path): \(String(cString: strerror(errno))). "
            + "Check that the state directory is writable (see --home)."
    }
}
