import Foundation
import OktaCore
import SimulatedOrg
import TestSupport
import Testing

/// The saved connection: where it lives, file permissions, atomic writes, expiry, and that
/// the token is nowhere but the 0600 token file.
@Suite("Saved connection")
struct ConnectionStoreTests {
    static let secret = "00storeTokenValue_0123456789abcdefghSTUV"
    static let otherSecret = "00otherTokenValue_9876543210zyxwvutsEFGH"

    func mode(_ url: URL) throws -> Int {
        var info = stat()
        guard stat(url.path, &info) == 0 else { throw CocoaError(.fileNoSuchFile) }
        return Int(info.st_mode & 0o777)
    }

    func inode(_ url: URL) -> UInt64 {
        var info = stat()
        stat(url.path, &info)
        return UInt64(info.st_ino)
    }

    func connection(_ org: String = "https://acme.okta.com", used: Date? = nil) -> SavedConnection {
        SavedConnection(
            orgURL: URL(string: org)!,
            tokenOwner: TokenOwner(id: "00u1", login: "admin@example.com", displayName: "Ada"),
            tokenHint: try! APIToken(parsing: Self.secret).masked,
            connectedAt: Date(timeIntervalSince1970: 1_800_000_000), tokenLastUsed: used)
    }

    // MARK: StatePaths

    @Test func home_option_wins_over_environment() {
        let environment = [
            "OKTA_CONNECT_HOME": "/env/home", "XDG_CONFIG_HOME": "/xdg/config",
            "XDG_DATA_HOME": "/xdg/data", "HOME": "/home/ada",
        ]
        let paths = StatePaths.resolve(home: "/opt/state", environment: environment, demo: false)
        #expect(paths.configDirectory.path == "/opt/state")
        #expect(paths.dataDirectory.path == "/opt/state")
        #expect(paths.tokenFile.path == "/opt/state/token")
        #expect(paths.connectionFile.path == "/opt/state/connection.json")
        #expect(paths.logFile.path.hasPrefix("/opt/state/"))
    }

    @Test func environment_home_wins_over_xdg() {
        let environment = [
            "OKTA_CONNECT_HOME": "/env/home", "XDG_CONFIG_HOME": "/xdg/config", "HOME": "/home/ada",
        ]
        let paths = StatePaths.resolve(home: nil, environment: environment, demo: false)
        #expect(paths.configDirectory.path == "/env/home")
        #expect(paths.dataDirectory.path == "/env/home")
    }

    @Test func xdg_directories_and_their_defaults() {
        let explicit = StatePaths.resolve(
            home: nil,
            environment: [
                "XDG_CONFIG_HOME": "/xdg/config", "XDG_DATA_HOME": "/xdg/data",
                "HOME": "/home/ada", "OKTA_CONNECT_HOME": "",
            ],
            demo: false)
        #expect(explicit.configDirectory.path == "/xdg/config/okta-connect")
        #expect(explicit.dataDirectory.path == "/xdg/data/okta-connect")
        let defaults = StatePaths.resolve(
            home: nil, environment: ["HOME": "/home/ada", "XDG_CONFIG_HOME": "relative/dir"],
            demo: false)
        #expect(defaults.configDirectory.path == "/home/ada/.config/okta-connect")
        #expect(defaults.dataDirectory.path == "/home/ada/.local/share/okta-connect")
    }

    @Test func demo_uses_its_own_subdirectory() {
        let home = StatePaths.resolve(home: "/opt/state", environment: [:], demo: true)
        #expect(home.configDirectory.path == "/opt/state/demo")
        #expect(home.tokenFile.path == "/opt/state/demo/token")
        let xdg = StatePaths.resolve(home: nil, environment: ["HOME": "/home/ada"], demo: true)
        #expect(xdg.configDirectory.path == "/home/ada/.config/okta-connect/demo")
        #expect(xdg.dataDirectory.path == "/home/ada/.local/share/okta-connect/demo")
    }

    @Test func database_file_per_org() throws {
        let paths = StatePaths(home: URL(fileURLWithPath: "/s"))
        #expect(
            paths.databaseFile(for: try OrgAddress(parsing: "acme")).lastPathComponent
                == "users-acme.okta.com.sqlite")
        #expect(
            paths.databaseFile(for: try OrgAddress(parsing: "http://127.0.0.1:8123"))
                .lastPathComponent == "users-127.0.0.1_8123.sqlite")
        #expect(
            paths.databaseFile(for: try OrgAddress(parsing: "http://[::1]:81"))
                .lastPathComponent == "users-__1_81.sqlite")
    }

    // MARK: ConnectionStore

    @Test func save_writes_0600_token_in_0700_directories() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let paths = StatePaths(
            configDirectory: temp.url.appendingPathComponent("config/okta-connect"),
            dataDirectory: temp.url.appendingPathComponent("data/okta-connect"))
        let store = ConnectionStore(paths: paths)
        #expect(try store.load() == nil)
        #expect(try store.token() == nil)
        #expect(store.state() == .notConnected)

        try store.save(connection(), token: try APIToken(parsing: Self.secret))
        #expect(try mode(paths.tokenFile) == 0o600)
        #expect(try mode(paths.connectionFile) == 0o600)
        #expect(try mode(paths.configDirectory) == 0o700)
        #expect(try mode(paths.dataDirectory) == 0o700)
        #expect(try String(contentsOf: paths.tokenFile, encoding: .utf8) == Self.secret)
        #expect(try store.token()?.secret == Self.secret)
        #expect(try store.load() == connection())
        #expect(store.state() == .connected)
        #expect(temp.allFiles().allSatisfy { !$0.lastPathComponent.hasSuffix(".tmp") })
    }

    @Test func existing_loose_directory_is_tightened() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        chmod(temp.url.path, 0o755)
        let store = ConnectionStore(paths: StatePaths(home: temp.url))
        try store.save(connection(), token: try APIToken(parsing: Self.secret))
        #expect(try mode(temp.url) == 0o700)
    }

    @Test func writes_replace_files_atomically() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let store = ConnectionStore(paths: StatePaths(home: temp.url))
        try store.save(connection(), token: try APIToken(parsing: Self.secret))
        let before = (inode(store.paths.tokenFile), inode(store.paths.connectionFile))
        try store.save(
            connection("https://beta.okta.com"), token: try APIToken(parsing: Self.otherSecret))
        let after = (inode(store.paths.tokenFile), inode(store.paths.connectionFile))
        #expect(before.0 != after.0)
        #expect(before.1 != after.1)
        #expect(try store.token()?.secret == Self.otherSecret)
        #expect(try store.load()?.orgURL.absoluteString == "https://beta.okta.com")
        #expect(try mode(store.paths.tokenFile) == 0o600)
        #expect(temp.allFiles().map(\.lastPathComponent).sorted() == ["connection.json", "token"])
    }

    @Test func mark_expired_and_record_use() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let store = ConnectionStore(paths: StatePaths(home: temp.url))
        let used = Date(timeIntervalSince1970: 1_800_000_000)
        try store.save(connection(used: used), token: try APIToken(parsing: Self.secret))
        try store.recordTokenUse(at: used.addingTimeInterval(-60))
        #expect(try store.load()?.tokenLastUsed == used)
        try store.recordTokenUse(at: used.addingTimeInterval(3600))
        #expect(try store.load()?.tokenLastUsed == used.addingTimeInterval(3600))
        try store.markExpired(message: "Okta rejected the API token (E0000011).", at: used)
        #expect(store.state() == .expired)
        #expect(try store.load()?.lastCheckPassed == false)
    }

    @Test func disconnect_keeps_data_and_purge_removes_it() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let store = ConnectionStore(paths: StatePaths(home: temp.url))
        try store.save(connection(), token: try APIToken(parsing: Self.secret))
        let database = store.paths.databaseFile(for: try OrgAddress(parsing: "acme"))
        try Data("db".utf8).write(to: database)
        try Data("wal".utf8).write(to: URL(fileURLWithPath: database.path + "-wal"))
        try Data("log".utf8).write(to: store.paths.logFile)

        try store.disconnect(purge: false)
        #expect(store.state() == .notConnected)
        #expect(!FileManager.default.fileExists(atPath: store.paths.tokenFile.path))
        #expect(!FileManager.default.fileExists(atPath: store.paths.connectionFile.path))
        #expect(FileManager.default.fileExists(atPath: database.path))

        try store.save(connection(), token: try APIToken(parsing: Self.secret))
        try store.disconnect(purge: true)
        #expect(!FileManager.default.fileExists(atPath: database.path))
        #expect(!FileManager.default.fileExists(atPath: database.path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: store.paths.tokenFile.path))
    }

    @Test(arguments: [(20, false), (25, false), (26, true), (29, true), (31, true)])
    func expiry_warning_after_25_idle_days(days: Int, warns: Bool) {
        let used = Date(timeIntervalSince1970: 1_800_000_000)
        let now = used.addingTimeInterval(Double(days) * 86_400 + 3600)
        let warning = connection(used: used).expiryWarning(now: now)
        #expect((warning != nil) == warns)
        if let warning {
            #expect(warning.contains("\(days) days ago"))
            if days < 30 {
                #expect(warning.contains("\(30 - days) left"))
            } else {
                #expect(warning.contains("probably expired"))
            }
        }
        #expect(connection(used: nil).expiryWarning(now: now) == nil)
    }

    // MARK: ConnectionService against the simulated org

    func service(for org: SimulatedOrg, temp: TemporaryDirectory, clock: TestClock)
        -> ConnectionService
    {
        let store = ConnectionStore(paths: StatePaths(home: temp.url))
        return ConnectionService(store: store, clock: clock) { address, token in
            OktaClient(
                org: address, token: token, sessionConfiguration: org.sessionConfiguration(),
                clock: clock, logger: FileLog(url: store.paths.logFile), random: { 0.5 })
        }
    }

    func simulated(_ configure: (SimulatedOrg) -> Void = { _ in }) -> SimulatedOrg {
        let org = SimulatedOrg(.init(userCount: 12, seed: 3, token: Self.secret))
        configure(org)
        return org
    }

    @Test func connect_success_saves_the_connection() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let org = simulated()
        let clock = TestClock()
        let service = service(for: org, temp: temp, clock: clock)
        let address = try OrgAddress(parsing: org.configuration.host)
        let report = try await service.connect(
            org: address, token: try APIToken(parsing: Self.secret))
        #expect(report.ok)
        let saved = try #require(try service.store.load())
        #expect(saved.orgURL == address.origin)
        #expect(saved.state == .connected)
        #expect(saved.tokenOwner?.login == org.tokenOwner.login)
        #expect(saved.lastCheckPassed == true)
        #expect(saved.lastChecked == clock.now)
        #expect(saved.tokenLastUsed != nil)
        #expect(saved.tokenHint == "••••••••STUV")
        #expect(saved.orgName == org.configuration.companyName)
        #expect(try service.store.token()?.secret == Self.secret)
        #expect(try mode(service.store.paths.tokenFile) == 0o600)
        try assertTokenOnlyInTokenFile(temp, secrets: [Self.secret])
    }

    @Test func the_org_name_is_kept_and_a_file_saved_without_it_still_loads() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let org = simulated()
        let clock = TestClock()
        let service = service(for: org, temp: temp, clock: clock)
        let address = try OrgAddress(parsing: org.configuration.host)
        _ = try await service.connect(org: address, token: try APIToken(parsing: Self.secret))

        // A connection file written before the org's name was saved.
        let file = service.store.paths.connectionFile
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        #expect(object["orgName"] as? String == org.configuration.companyName)
        object["orgName"] = nil
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        #expect(try service.store.load()?.orgName == nil)
        #expect(try service.store.load()?.state == .connected)

        // The next check learns it again.
        _ = try await service.test()
        #expect(try service.store.load()?.orgName == org.configuration.companyName)
    }

    @Test func failed_reconnect_leaves_everything_byte_identical() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let org = simulated()
        let service = service(for: org, temp: temp, clock: TestClock())
        let address = try OrgAddress(parsing: org.configuration.host)
        _ = try await service.connect(org: address, token: try APIToken(parsing: Self.secret))
        let tokenBytes = try Data(contentsOf: service.store.paths.tokenFile)
        let connectionBytes = try Data(contentsOf: service.store.paths.connectionFile)

        let wrong = try await service.connect(
            org: address, token: try APIToken(parsing: Self.otherSecret))
        #expect(!wrong.ok)
        #expect(wrong.exitStatus == .tokenRejected)
        org.servesHTML = true
        let html = try await service.connect(
            org: address, token: try APIToken(parsing: Self.secret))
        #expect(html.exitStatus == .orgUnreachable)

        #expect(try Data(contentsOf: service.store.paths.tokenFile) == tokenBytes)
        #expect(try Data(contentsOf: service.store.paths.connectionFile) == connectionBytes)
        try assertTokenOnlyInTokenFile(temp, secrets: [Self.secret, Self.otherSecret])
    }

    @Test func test_with_rejected_token_marks_expired_until_reconnect() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let org = simulated()
        let clock = TestClock()
        let service = service(for: org, temp: temp, clock: clock)
        let address = try OrgAddress(parsing: org.configuration.host)
        _ = try await service.connect(org: address, token: try APIToken(parsing: Self.secret))

        org.expireToken(afterRequests: 0)
        clock.advance(by: 3600)
        let report = try #require(try await service.test())
        #expect(report.exitStatus == .tokenRejected)
        let expired = try #require(try service.store.load())
        #expect(expired.state == .expired)
        #expect(service.store.state() == .expired)
        #expect(expired.lastCheckPassed == false)
        #expect(expired.lastChecked == clock.now)
        #expect(expired.lastCheckMessage?.contains("E0000011") == true)

        org.renewToken()
        let stillExpired = try #require(try await service.test())
        #expect(stillExpired.ok)
        #expect(service.store.state() == .expired)

        _ = try await service.connect(org: address, token: try APIToken(parsing: Self.secret))
        #expect(service.store.state() == .connected)
        try assertTokenOnlyInTokenFile(temp, secrets: [Self.secret])
    }

    @Test func test_without_a_saved_connection_returns_nil() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let service = service(for: simulated(), temp: temp, clock: TestClock())
        #expect(try await service.test() == nil)
    }

    @Test func test_records_token_use_for_the_expiry_warning() async throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let org = simulated()
        let clock = TestClock()
        let service = service(for: org, temp: temp, clock: clock)
        _ = try await service.connect(
            org: try OrgAddress(parsing: org.configuration.host),
            token: try APIToken(parsing: Self.secret))
        clock.advance(by: 27 * 86_400)
        #expect(try service.store.load()?.expiryWarning(now: clock.now) != nil)
        _ = try await service.test()
        #expect(try service.store.load()?.expiryWarning(now: clock.now) == nil)
        #expect(try service.store.load()?.tokenLastUsed == clock.now)
    }

    /// Every file under the state directory except `token` is searched for every secret.
    func assertTokenOnlyInTokenFile(_ temp: TemporaryDirectory, secrets: [String]) throws {
        let files = temp.allFiles()
        #expect(files.contains { $0.lastPathComponent == "connection.json" })
        for file in files where file.lastPathComponent != "token" {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            for secret in secrets {
                #expect(!text.contains(secret), "token found in \(file.lastPathComponent)")
                #expect(!text.contains(String(secret.prefix(12))))
            }
        }
    }
}
