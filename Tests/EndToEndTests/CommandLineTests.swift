import Foundation
import OktaCore
import SimulatedOrg
import TestSupport
import Testing

/// The scriptable commands, run as the real binary against a simulated org served over real
/// loopback HTTP: exit codes, JSON contracts, saved state, and that the token never leaks.
@Suite struct CommandLineTests {
    static let token = "00CliTestTokenAbCdEfGhIjKlMnOpQrStUvWxYz42"

    /// A state directory, a simulated org on loopback and a way to run commands against both.
    final class Fixture {
        let home: TemporaryDirectory
        let server: SimulatedOrgServer
        var org: SimulatedOrg { server.org }
        var domain: String { server.baseURL.absoluteString }

        init(users: Int = 300, latency: Duration = .zero) throws {
            home = try TemporaryDirectory(prefix: "cli")
            server = SimulatedOrgServer(
                org: SimulatedOrg(
                    SimulatedOrg.Configuration(
                        userCount: users, seed: 7, token: CommandLineTests.token,
                        latency: latency)))
            try server.start()
        }

        deinit {
            server.stop()
            home.remove()
        }

        func spawn(_ arguments: [String], stdin: String = "") throws -> SpawnedProcess {
            try SpawnedProcess(
                SpawnedProcess.oktaConnect, arguments + ["--home", home.url.path],
                stdin: Data(stdin.utf8))
        }

        func run(_ arguments: [String], stdin: String = "") throws -> ProcessOutcome {
            try spawn(arguments, stdin: stdin).wait(timeout: 120)
        }

        func connect(token: String = CommandLineTests.token) throws -> ProcessOutcome {
            try run(["connect", "--domain", domain, "--token-stdin"], stdin: "  \(token)\n")
        }

        func json(_ outcome: ProcessOutcome) throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
            return try #require(object as? [String: Any])
        }

        /// Every byte the commands wrote to disk, except the token file itself.
        func stateFilesText() -> String {
            home.allFiles().filter { $0.lastPathComponent != "token" }
                .compactMap { try? Data(contentsOf: $0) }
                .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        }
    }

    @Test func connectWithAGoodTokenSavesTheConnection() throws {
        let fixture = try Fixture()
        let connect = try fixture.connect()
        #expect(connect.status == 0, "\(connect.stderr)")
        #expect(connect.stdout.contains("Connected as \(fixture.org.tokenOwner.login!)"))

        let status = try fixture.run(["status", "--json"])
        #expect(status.status == 0)
        let object = try fixture.json(status)
        #expect(object["state"] as? String == "connected")
        #expect(object["tokenOwner"] as? String == fixture.org.tokenOwner.login)
        #expect(object["orgUrl"] as? String == fixture.domain)
        #expect(object["orgName"] as? String == fixture.org.configuration.companyName)
        let text = try fixture.run(["status"])
        #expect(text.stdout.contains("(\(fixture.org.configuration.companyName))"))
        for key in ["lastChecked", "tokenLastUsed", "lastSync", "userCount"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }

        let tokenFile = fixture.home.url.appendingPathComponent("token")
        let attributes = try FileManager.default.attributesOfItem(atPath: tokenFile.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let directory = try FileManager.default.attributesOfItem(atPath: fixture.home.url.path)
        #expect((directory[.posixPermissions] as? Int) == 0o700)
        for outcome in [connect, status] {
            #expect(!outcome.stdout.contains(Self.token) && !outcome.stderr.contains(Self.token))
        }
        #expect(!fixture.stateFilesText().contains(Self.token))
    }

    @Test func aWrongTokenExitsFourAndSavesNothing() throws {
        let fixture = try Fixture()
        let wrong = "00WrongTokenWrongTokenWrongTokenWrongTok99"
        let connect = try fixture.connect(token: wrong)
        #expect(connect.status == 4)
        #expect(connect.stderr.contains("E0000011"))
        #expect(!connect.stderr.contains(wrong) && !connect.stdout.contains(wrong))
        let status = try fixture.run(["status", "--json"])
        #expect(status.status == 3)
        #expect(try fixture.json(status)["state"] as? String == "not_connected")

        // With --json the failed check is still one JSON document on stdout.
        let json = try fixture.run(
            ["connect", "--domain", fixture.domain, "--token-stdin", "--json"], stdin: wrong)
        #expect(json.status == 4)
        #expect(try fixture.json(json)["ok"] as? Bool == false)
        #expect(!json.stdout.contains(wrong) && !json.stderr.contains(wrong))
    }

    @Test func anHTMLServerIsNotAnOktaOrgAndNeverGetsTheToken() throws {
        let html = LoopbackHTTPServer { _ in
            .message(.html(200, "<html><body>Welcome to nginx!</body></html>"))
        }
        try html.start()
        defer { html.stop() }
        let home = try TemporaryDirectory(prefix: "cli-html")
        defer { home.remove() }
        let outcome = try SpawnedProcess.run(
            SpawnedProcess.oktaConnect,
            [
                "connect", "--domain", html.baseURL.absoluteString, "--token-stdin", "--home",
                home.url.path,
            ],
            stdin: Data(Self.token.utf8))
        #expect(outcome.status == 6)
        #expect(outcome.stderr.contains("not an Okta org"))
        #expect(html.requests.allSatisfy { $0.value(forHeader: "Authorization") == nil })
        #expect(!html.requests.isEmpty)
    }

    @Test func aTokenThatCannotReadTheOrgConnectsWithAWarning() throws {
        let fixture = try Fixture()
        fixture.org.isReadOnlyAdmin = true
        let connect = try fixture.run(
            ["connect", "--domain", fixture.domain, "--token-stdin", "--json"], stdin: Self.token)
        #expect(connect.status == 0, "\(connect.stderr)")
        let checks = try #require(try fixture.json(connect)["checks"] as? [[String: Any]])
        let results = checks.map { "\($0["name"]!)=\($0["result"]!)" }
        #expect(
            results == [
                "okta-org=pass", "token-owner=pass", "list-users=pass", "org-details=warn",
            ])
        #expect(checks.allSatisfy { ($0["requestId"] as? String)?.isEmpty == false })

        let test = try fixture.run(["test", "--json"])
        #expect(test.status == 0)
        #expect(try fixture.json(test)["ok"] as? Bool == true)
    }

    @Test func aTokenWhoseAdminCannotListUsersExitsFive() throws {
        let fixture = try Fixture()
        fixture.org.canListUsers = false
        let connect = try fixture.connect()
        #expect(connect.status == 5)
        #expect(connect.stdout.contains("may not list users"))
    }

    @Test func badInputIsRejectedBeforeAnyRequest() throws {
        let fixture = try Fixture()
        let inArgv = try fixture.run(["connect", "--domain", fixture.domain, "--token", "abc"])
        #expect(inArgv.status == 2)
        #expect(inArgv.stderr.contains("--token-stdin"))

        let placeholder = try fixture.run(
            ["connect", "--domain", "https://{yourOktaDomain}", "--token-stdin"],
            stdin: Self.token)
        #expect(placeholder.status == 2)
        #expect(placeholder.stderr.contains("placeholder"))

        let spaced = try fixture.run(
            ["connect", "--domain", fixture.domain, "--token-stdin"], stdin: "00abc def\n")
        #expect(spaced.status == 2)
        #expect(spaced.stderr.contains("space or line break"))

        let plainHTTP = try fixture.run(
            ["connect", "--domain", "http://acme.okta.com", "--token-stdin"], stdin: Self.token)
        #expect(plainHTTP.status == 2)

        for days in ["-1", "36501", "200000000000", "ninety"] {
            let outcome = try fixture.run(["users", "--inactive-days", days])
            #expect(outcome.status == 2, "\(days)")
            #expect(outcome.stderr.contains("from 0 to 36500"), "\(days)")
        }
        #expect(fixture.org.requestCount == 0)
    }

    /// An option the command does not take is a usage error, not silently ignored: a script
    /// asking `disconnect --json` for JSON, or `sync` for a status filter, learns at once.
    @Test func optionsOfAnotherCommandAreRejected() throws {
        let fixture = try Fixture()
        let cases: [([String], String)] = [
            (["disconnect", "--json"], "disconnect does not take --json; its options: --purge."),
            (["sync", "--status", "ACTIVE"], "sync does not take --status"),
            (["browse", "--format=csv"], "browse takes no option of its own, got --format."),
            (["--purge"], "--purge belongs to a command (disconnect)"),
            (["--json", "users", "--full"], "users does not take --full"),
        ]
        for (arguments, message) in cases {
            let outcome = try fixture.run(arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
        }
        #expect(
            try fixture.run(["--no-color", "status", "--json", "--rate-limit-share", "40"])
                .status == 3, "global options go with any command")
        let help = try fixture.run(["sync", "--purge", "--help"])
        #expect(help.status == 0, "--help answers whatever else is on the line")
        #expect(help.stdout.contains("okta-connect browse"))
        #expect(fixture.org.requestCount == 0)
    }

    @Test func commandsWithoutAConnectionExitThree() throws {
        let fixture = try Fixture()
        for command in [["test"], ["sync"], ["users"]] {
            let outcome = try fixture.run(command)
            #expect(outcome.status == 3, "\(command)")
            #expect(outcome.stderr.contains("Not connected"))
        }
    }

    @Test func syncThenListUsersInEveryFormat() throws {
        let fixture = try Fixture(users: 450)
        #expect(try fixture.connect().status == 0)

        let sync = try fixture.run(["sync", "--json"])
        #expect(sync.status == 0, "\(sync.stderr)")
        let summary = try fixture.json(sync)
        #expect(summary["mode"] as? String == "full")
        #expect(summary["added"] as? Int == 450)
        #expect(summary["total"] as? Int == 450)
        for key in ["updated", "removed", "requests", "rateLimited", "seconds"] {
            #expect(summary.keys.contains(key), "missing \(key)")
        }

        let json = try fixture.run(["users", "--format", "json", "--include-removed"])
        let users = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(users.count == 450)
        var expected: Set<String> = []
        fixture.org.forEachUser { expected.insert($0.id) }
        #expect(Set(users.compactMap { $0["id"] as? String }) == expected)

        let csv = try fixture.run(["users", "--format", "csv", "--status", "DEPROVISIONED"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("id,status,login,email,firstName,lastName"))
        let deprovisioned = csv.stdout.components(separatedBy: "\r\n").dropFirst()
            .filter { $0.contains(",DEPROVISIONED,") }
        #expect(!deprovisioned.isEmpty)

        // --json means the JSON report here too; against --format csv it is a usage error.
        let jsonFlag = try fixture.run(["users", "--json", "--include-removed"])
        #expect(jsonFlag.status == 0)
        #expect(jsonFlag.stdout == json.stdout)
        let conflicting = try fixture.run(["users", "--json", "--format", "csv"])
        #expect(conflicting.status == 2)
        #expect(conflicting.stdout.isEmpty)
        #expect(conflicting.stderr.contains("disagree"))

        // A status that is neither Okta's nor in the store is a typo, not "no such users".
        for (typed, hint) in [
            ("DEACTIVATED", "Deactivated users have the status DEPROVISIONED"),
            ("activ", "Okta's user statuses: STAGED, PROVISIONED, ACTIVE"),
        ] {
            let outcome = try fixture.run(["users", "--status", "ACTIVE", "--status", typed])
            #expect(outcome.status == 2, "\(typed)")
            #expect(outcome.stdout.isEmpty)
            #expect(outcome.stderr.contains("Unknown status \(typed.uppercased())"))
            #expect(outcome.stderr.contains(hint), "\(outcome.stderr)")
        }
        #expect(try fixture.run(["users", "--status", "locked_out"]).status == 0)

        let again = try fixture.run(["sync", "--json"])
        #expect(try fixture.json(again)["mode"] as? String == "incremental")

        let status = try fixture.json(try fixture.run(["status", "--json"]))
        #expect(status["userCount"] as? Int == 450)
        #expect(status["lastSync"] is String)
        #expect(status["storeIsPartial"] as? Bool == false)
        #expect(!csv.stderr.contains("so far"))
        #expect(!fixture.stateFilesText().contains(Self.token))
    }

    @Test func aTokenRejectedMidSyncKeepsPagesAndMarksTheConnectionExpired() throws {
        let fixture = try Fixture(users: 1_000)
        #expect(try fixture.connect().status == 0)
        fixture.org.expireToken(afterRequests: 3)
        let sync = try fixture.run(["sync", "--json"])
        #expect(sync.status == 4)
        #expect(try fixture.json(sync)["added"] as? Int == 600)

        let status = try fixture.run(["status", "--json"])
        #expect(status.status == 4)
        #expect(try fixture.json(status)["state"] as? String == "expired")
        // No sync has finished: everything drawn from the store says it is partial.
        #expect(try fixture.json(status)["storeIsPartial"] as? Bool == true)
        let statusText = try fixture.run(["status"])
        #expect(statusText.stdout.contains("Last sync:   unfinished; 600 users stored so far"))
        let users = try fixture.run(["users", "--format", "json"])
        #expect(users.status == 0)
        let listed = try JSONSerialization.jsonObject(with: Data(users.stdout.utf8)) as? [Any]
        #expect(listed?.count == 600)
        #expect(users.stderr.contains("holds only the 600 users synced so far"))
        #expect(try fixture.run(["sync"]).status == 4)
    }

    @Test func interruptedAndKilledSyncsLeaveAStoreTheNextSyncCompletes() throws {
        let fixture = try Fixture(users: 6_000, latency: .milliseconds(60))
        #expect(try fixture.connect().status == 0)

        let interrupted = try fixture.spawn(["sync", "--json"])
        usleep(600_000)
        interrupted.send(SIGINT)
        let stopped = interrupted.wait(timeout: 60)
        #expect(stopped.status == 1, "\(stopped.stderr)")
        let partial = try fixture.json(stopped)
        #expect(partial["removed"] as? Int == 0)
        let kept = try #require(partial["total"] as? Int)
        #expect(kept > 0 && kept < 6_000)

        let killed = try fixture.spawn(["sync", "--full"])
        usleep(600_000)
        killed.send(SIGKILL)
        #expect(killed.wait(timeout: 30).status == 128 + SIGKILL)

        let users = try fixture.run(["users", "--format", "csv", "--include-removed"])
        #expect(users.status == 0)
        #expect(users.stdout.components(separatedBy: "\r\n").count - 2 >= kept)

        let finish = try fixture.run(["sync", "--json"])
        #expect(finish.status == 0, "\(finish.stderr)")
        let summary = try fixture.json(finish)
        #expect(summary["mode"] as? String == "full")
        #expect(summary["total"] as? Int == 6_000)
    }

    @Test func disconnectForgetsTheTokenAndPurgeTheUsers() throws {
        let fixture = try Fixture(users: 50)
        #expect(try fixture.connect().status == 0)
        #expect(try fixture.run(["sync"]).status == 0)
        #expect(try fixture.run(["disconnect"]).status == 0)
        #expect(try fixture.run(["status"]).status == 3)
        let kept = try fixture.run(["users", "--format", "json"])
        #expect(kept.status == 0)
        #expect(kept.stdout.contains("\"id\""))
        #expect(try fixture.run(["disconnect", "--purge"]).status == 0)
        #expect(try fixture.run(["users"]).status == 3)
        #expect(
            !FileManager.default.fileExists(
                atPath: fixture.home.url.appendingPathComponent("token").path))
    }
}
