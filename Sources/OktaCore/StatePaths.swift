import Foundation

/// Where okta-connect keeps its state.
///
/// `--home DIR` wins, then `$OKTA_CONNECT_HOME`; both hold everything in one directory. Without
/// them, settings and the token go to `$XDG_CONFIG_HOME/okta-connect` and synced data and logs to
/// `$XDG_DATA_HOME/okta-connect` (defaults `~/.config`, `~/.local/share`). `--demo` uses a
/// `demo` subdirectory of each, so trying the demo never touches a real connection.
public struct StatePaths: Sendable, Equatable {
    /// Holds `connection.json` and the `token` file (mode 0700).
    public var configDirectory: URL
    /// Holds the SQLite stores, the log and the invitation (mode 0700).
    public var dataDirectory: URL

    public init(configDirectory: URL, dataDirectory: URL) {
        self.configDirectory = configDirectory
        self.dataDirectory = dataDirectory
    }

    /// One directory for everything (tests, `--home`).
    public init(home: URL) {
        self.init(configDirectory: home, dataDirectory: home)
    }

    /// Resolves the directories from the options and environment, as documented above.
    public static func resolve(
        home: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        demo: Bool
    ) -> StatePaths {
        var paths: StatePaths
        if let home = home ?? environment["OKTA_CONNECT_HOME"].flatMap({ $0.isEmpty ? nil : $0 }) {
            paths = StatePaths(home: URL(fileURLWithPath: home, isDirectory: true))
        } else {
            let userHome =
                environment["HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            func xdg(_ variable: String, _ fallback: String) -> URL {
                if let value = environment[variable], value.hasPrefix("/") {
                    return URL(fileURLWithPath: value, isDirectory: true)
                }
                return userHome.appendingPathComponent(fallback, isDirectory: true)
            }
            paths = StatePaths(
                configDirectory: xdg("XDG_CONFIG_HOME", ".config")
                    .appendingPathComponent("okta-connect", isDirectory: true),
                dataDirectory: xdg("XDG_DATA_HOME", ".local/share")
                    .appendingPathComponent("okta-connect", isDirectory: true))
        }
        if demo {
            paths.configDirectory.appendPathComponent("demo", isDirectory: true)
            paths.dataDirectory.appendPathComponent("demo", isDirectory: true)
        }
        return paths
    }

    public var connectionFile: URL { configDirectory.appendingPathComponent("connection.json") }
    public var tokenFile: URL { configDirectory.appendingPathComponent("token") }
    public var logFile: URL { dataDirectory.appendingPathComponent("okta-connect.log") }
    public var invitationFile: URL {
        dataDirectory.appendingPathComponent("invitation-for-okta-admin.txt")
    }

    /// The SQLite store of one org: one file per org, named after its host (and port).
    public func databaseFile(for org: OrgAddress) -> URL {
        var name = org.host.replacingOccurrences(of: ":", with: "_")
        if let port = org.origin.port { name += "_\(port)" }
        return dataDirectory.appendingPathComponent("users-\(name).sqlite")
    }

    /// The store that `users`, `status` and the browser read: the saved org's, or without a
    /// saved connection the one written most recently (after `disconnect` without `--purge`,
    /// the synced users stay and can still be listed and browsed).
    public func databaseFileToRead(savedOrg: OrgAddress?) -> URL? {
        savedOrg.map(databaseFile(for:)) ?? latestDatabaseFile()
    }

    /// The store written most recently, whichever org it belongs to.
    public func latestDatabaseFile() -> URL? {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: dataDirectory.path)) ?? []
        // In WAL mode a sync's pages reach the main file only at checkpoints: the write-ahead
        // log's time counts too.
        func modified(_ url: URL) -> Date {
            [url.path, url.path + "-wal"].compactMap {
                try? manager.attributesOfItem(atPath: $0)[.modificationDate] as? Date
            }.max() ?? .distantPast
        }
        return names.filter { $0.hasPrefix("users-") && $0.hasSuffix(".sqlite") }
            .map { dataDirectory.appendingPathComponent($0) }
            .max { modified($0) < modified($1) }
    }

    /// Creates both directories with mode 0700 (and tightens them if they exist).
    public func createDirectories() throws {
        for directory in [configDirectory, dataDirectory] {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o700], ofItemAtPath: directory.path)
        }
    }
}
