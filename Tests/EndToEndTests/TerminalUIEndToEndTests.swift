import Foundation
import OktaCore
import SimulatedOrg
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `okta-connect` binary in a real terminal (tmux), walked like a first-time user.
@Suite(.serialized) struct TerminalUIEndToEndTests {
    let binary = SpawnedProcess.oktaConnect

    /// The demo state directory under a test home, as the CLI resolves it.
    func demoStore(home: URL) -> ConnectionStore {
        ConnectionStore(
            paths: StatePaths.resolve(home: home.path, environment: [:], demo: true))
    }

    @Test func demoWalkthroughConnectsAndAFailedReconnectKeepsTheConnection() throws {
        let home = try TemporaryDirectory(prefix: "e2e-tui")
        defer { home.remove() }
        let terminal = try TmuxSession(
            command: "\(binary) --demo", environment: ["OKTA_CONNECT_HOME": home.url.path])
        defer { terminal.close() }

        try terminal.waitFor("Step 1 of 4 · Initiate")
        try terminal.waitFor("State: Not connected")
        try terminal.send("Enter")
        try terminal.waitFor("Step 2 of 4 · Log in to Okta")
        try terminal.type("acme.okta.com")
        try terminal.waitFor("› https://acme.okta.com")
        try terminal.waitFor("Admin console: https://acme-admin.okta.com")
        try terminal.send("Enter")
        try terminal.waitFor("Step 3 of 4 · Enter token and domain")
        try terminal.waitFor("Demo: org acme.okta.com, token \(SimulatedOrg.demoToken)")
        try terminal.paste("  \(SimulatedOrg.demoToken)\n")
        // The token field is masked.
        try terminal.waitFor("the masked token") { screen in
            screen.contains("42 characters, ends in Yz3Q") && !screen.contains("[00dEmO")
        }
        try terminal.send("Enter")
        try terminal.waitFor("Step 4 of 4 · Connection status")
        try terminal.waitFor(all: [
            "Connected as ada.lovelace@example.com", "✓ The token is valid",
            "[ Sync now ]  [ Browse users ]  [ Reconnect ]",
        ])

        try terminal.send("s")
        try terminal.waitFor("Sync finished: 2,500 added; 2,500 users in the store.", timeout: 60)
        try terminal.waitFor("Last sync: just now · 2,500 users in the local store")

        let store = demoStore(home: home.url)
        let saved = try #require(try store.load())
        let savedToken = try #require(try store.token())
        #expect(saved.tokenOwner?.login == "ada.lovelace@example.com")

        try terminal.send("r")
        try terminal.waitFor("Reconnecting: the saved token for acme.okta.com stays")
        try terminal.type("00thisTokenIsWrong0000000000000000000000")
        try terminal.send("Enter")
        try terminal.waitFor("Your saved connection to acme.okta.com is unchanged.")
        try terminal.waitFor("✗ The token is valid")
        #expect(try store.load() == saved)
        #expect(try store.token() == savedToken)

        try terminal.resize(columns: 100, rows: 30)
        try terminal.waitFor(String(repeating: "─", count: 100))
        try terminal.resize(columns: 50, rows: 12)
        try terminal.waitFor(all: ["Terminal too small", "need 60x18, have 50x12"])
        try terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
        #expect(!terminal.capture().contains("Terminal too small"), "the screen is restored")
    }

    @Test func escapeWhileReconnectingReturnsToTheSavedConnection() throws {
        let home = try TemporaryDirectory(prefix: "e2e-tui")
        defer { home.remove() }
        let connect = try SpawnedProcess.run(
            binary, ["connect", "--demo", "--token-stdin"],
            environment: ["OKTA_CONNECT_HOME": home.url.path],
            stdin: Data(SimulatedOrg.demoToken.utf8))
        #expect(connect.status == 0, "\(connect.stderr)")
        let terminal = try TmuxSession(
            command: "\(binary) --demo", environment: ["OKTA_CONNECT_HOME": home.url.path])
        defer { terminal.close() }

        try terminal.waitFor("Step 4 of 4 · Connection status")
        try terminal.waitFor("Connected as ada.lovelace@example.com")
        try terminal.send("r")
        try terminal.waitFor("Step 3 of 4")
        try terminal.type("00abc")
        try terminal.waitFor("5 characters")
        try terminal.resize(columns: 100, rows: 30)
        // Input survives the resize.
        try terminal.waitFor(all: [String(repeating: "─", count: 100), "5 characters"])
        try terminal.send("Escape")
        try terminal.waitFor("Reconnect cancelled; the saved connection is unchanged.")
        try terminal.send("C-c")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func sigtermEndsCleanlyAndRestoresTheTerminal() throws {
        let home = try TemporaryDirectory(prefix: "e2e-tui")
        defer { home.remove() }
        let terminal = try TmuxSession(
            command: "\(binary) --demo", environment: ["OKTA_CONNECT_HOME": home.url.path])
        defer { terminal.close() }
        try terminal.waitFor("Step 1 of 4 · Initiate")
        let pid = try #require(try terminal.commandPID())
        #expect(kill(pid, SIGTERM) == 0)
        #expect(try terminal.waitForExit() == 0)
        #expect(!terminal.capture().contains("Step 1 of 4"), "the screen is restored")
    }

    @Test func unknownTerminalTypeIsOneLineAndExitTwo() throws {
        let home = try TemporaryDirectory(prefix: "e2e-tui")
        defer { home.remove() }
        // tmux sets TERM for the pane itself, so the command line overrides it.
        let terminal = try TmuxSession(
            command: "TERM=no-such-terminal-xyz \(binary) --demo",
            environment: ["OKTA_CONNECT_HOME": home.url.path])
        defer { terminal.close() }
        #expect(try terminal.waitForExit() == 2)
        #expect(terminal.capture().contains("unknown terminal type 'no-such-terminal-xyz'"))
    }

    @Test func withoutATerminalItExitsTwo() throws {
        let home = try TemporaryDirectory(prefix: "e2e-tui")
        defer { home.remove() }
        let outcome = try SpawnedProcess.run(
            "/usr/bin/setsid", ["-w", binary, "--demo"],
            environment: ["OKTA_CONNECT_HOME": home.url.path],
            timeout: 20)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("needs an interactive terminal"))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func asciiFallbackWhenTheLocaleIsNotUTF8() throws {
        let home = try TemporaryDirectory(prefix: "e2e-tui")
        defer { home.remove() }
        let terminal = try TmuxSession(
            command: "\(binary) --demo",
            environment: ["OKTA_CONNECT_HOME": home.url.path, "LANG": "C", "LC_ALL": "C"])
        defer { terminal.close() }
        try terminal.waitFor("the ASCII step 1") { screen in
            screen.contains("Step 1 of 4 - Initiate") && screen.contains("+- Okta connection ---")
                && screen.contains("| State: Not connected") && !screen.contains("─")
        }
        try terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func noColorLeavesOnlyAttributes() throws {
        let home = try TemporaryDirectory(prefix: "e2e-tui")
        defer { home.remove() }
        let terminal = try TmuxSession(
            command: "\(binary) --demo",
            environment: ["OKTA_CONNECT_HOME": home.url.path, "NO_COLOR": "1"])
        defer { terminal.close() }
        try terminal.waitFor("State: Not connected")
        // Polled too: the focus may be drawn a moment after the text.
        var styled = ""
        try terminal.waitFor("focus in reverse video") { _ in
            styled = terminal.captureWithAttributes()
            return styled.contains("\u{1B}[7m") || styled.contains(";7m")
        }
        for colour in 31...37 {
            #expect(!styled.contains("\u{1B}[\(colour)m"), "no colour \(colour) under NO_COLOR")
        }
        try terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
    }
}
