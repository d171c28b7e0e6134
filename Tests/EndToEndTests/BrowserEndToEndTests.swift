import Foundation
import OktaCore
import SimulatedOrg
import TestSupport
import Testing

/// The users browser in a real terminal (tmux) on the real binary: connect and sync the demo
/// org, open `okta-connect browse`, filter, sort, open a detail view, export, and compare the
/// exported file with what `okta-connect users` prints for the same view.
@Suite(.serialized) struct BrowserEndToEndTests {
    let binary = SpawnedProcess.oktaConnect

    func cli(_ arguments: [String], home: URL, stdin: Data = Data()) throws -> ProcessOutcome {
        try SpawnedProcess.run(
            binary, ["--demo", "--home", home.path] + arguments, stdin: stdin)
    }

    /// Connects the demo org with its token on stdin and syncs it, as a user would first.
    func connectAndSync(home: URL) throws {
        let connect = try cli(
            ["connect", "--token-stdin"], home: home, stdin: Data(SimulatedOrg.demoToken.utf8))
        #expect(connect.status == 0, "\(connect.stderr)")
        let sync = try cli(["sync"], home: home)
        #expect(sync.status == 0, "\(sync.stderr)")
    }

    @Test func browseFilterSortDetailExportAndSyncNow() throws {
        let home = try TemporaryDirectory(prefix: "e2e-browser")
        defer { home.remove() }
        try connectAndSync(home: home.url)

        let terminal = try TmuxSession(
            command: "\(binary) --demo --home \(home.url.path) browse", columns: 120, rows: 32)
        defer { terminal.close() }
        try terminal.waitFor(all: ["Users · 1 of 2,500", "Name ↑", "users in the local store"])

        try terminal.send("/")
        try terminal.type("ali")
        try terminal.waitFor("the filtered count") { screen in
            screen.contains("· filter: ali") && !screen.contains("of 2,500 ")
                && !screen.contains("counting")
        }
        try terminal.send("Enter")
        try terminal.send("4")
        try terminal.waitFor("Last login ↑")
        try terminal.send("4")
        // The sort keeps the selected user, so the row it lands on depends on the data: read
        // it once the sorted view is counted, then move one down from there.
        let sorted = try terminal.waitFor("the sorted view counted") { screen in
            screen.contains("Last login ↓") && Self.position(in: screen) != nil
        }
        let row = try #require(Self.position(in: sorted))
        try terminal.send("j")
        let moved = try terminal.waitFor("Users · \(row + 1) of ")

        try terminal.send("Enter")
        try terminal.waitFor(all: ["Okta id", "Users › ", "Last login", "Profile"])
        try terminal.send("Escape")
        let movedTitle = moved.split(separator: "\n").first
        // The same row is selected after the detail view.
        try terminal.waitFor("the table on the same row") { screen in
            screen.contains("Last login ↓") && screen.split(separator: "\n").first == movedTitle
        }

        try terminal.send("e")
        try terminal.waitFor("c CSV")
        try terminal.send("c")
        try terminal.waitFor("Exported ")
        let data = StatePaths.resolve(home: home.url.path, environment: [:], demo: true)
            .dataDirectory
        let exports = try FileManager.default.contentsOfDirectory(atPath: data.path)
            .filter { $0.hasPrefix("users-export-") && $0.hasSuffix(".csv") }
        #expect(exports.count == 1)
        let exported = try String(
            contentsOf: data.appendingPathComponent(try #require(exports.first)), encoding: .utf8)
        let expected = try cli(
            ["users", "--search", "ali", "--sort", "last-login", "--desc", "--format", "csv"],
            home: home.url)
        #expect(expected.status == 0)
        #expect(exported == expected.stdout)
        #expect(exported.split(separator: "\r\n").count > 2)

        try terminal.send("s")
        try terminal.waitFor("Sync finished", timeout: 60)
        try terminal.waitFor("Last sync just now")
        try terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func asciiTitlesUnderTheCLocale() throws {
        let home = try TemporaryDirectory(prefix: "e2e-browser")
        defer { home.remove() }
        try connectAndSync(home: home.url)
        let terminal = try TmuxSession(
            command: "\(binary) --demo --home \(home.url.path) browse", columns: 70, rows: 20,
            environment: ["LANG": "C", "LC_ALL": "C"])
        defer { terminal.close() }
        try terminal.waitFor(all: ["Users - 1 of 2,500", "Name ^", "users in the local store"])
        try terminal.send("u")
        try terminal.waitFor("Users - utilization - 2,500 users")
        try terminal.send("Escape")
        try terminal.send("?")
        try terminal.waitFor(all: ["+- Keys -", "^ / k"])
        try terminal.send("q")
        try terminal.waitForAbsence(of: "+- Keys -")
        // The app's own lines have no symbol left for the terminal to replace with `?` (user
        // data may: a control picture in a hostile name is not ASCII).
        let lines = terminal.capture().split(separator: "\n").map(String.init)
        let own = lines.prefix(3) + lines.filter { $0.contains("Last sync") }
        #expect(own.count == 4)
        #expect(own.allSatisfy { !$0.contains("?") }, "\(own)")
        try terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
    }

    /// `disconnect` says the synced users stay: `browse` still opens them, as `users` lists
    /// them, and Esc leads to setup.
    @Test func browseAfterDisconnectOpensTheUsersLeftInTheStore() throws {
        let home = try TemporaryDirectory(prefix: "e2e-browser")
        defer { home.remove() }
        try connectAndSync(home: home.url)
        let disconnect = try cli(["disconnect"], home: home.url)
        #expect(disconnect.status == 0)

        let terminal = try TmuxSession(
            command: "\(binary) --demo --home \(home.url.path) browse", columns: 100, rows: 30)
        defer { terminal.close() }
        try terminal.waitFor(all: ["Users · 1 of 2,500", "users in the local store"])
        try terminal.send("s")
        try terminal.waitFor("Not connected, so nothing to sync from: Esc, then Connect.")
        try terminal.send("Escape")
        try terminal.waitFor("Step 1 of 4")
        try terminal.send("q")
        #expect(try terminal.waitForExit() == 0)
    }

    /// The selected row number in a counted table's title ("Users · 12 of 53 · …").
    static func position(in screen: String) -> Int? {
        guard let title = screen.split(separator: "\n").first,
            let range = title.range(of: "Users · ")
        else { return nil }
        let rest = title[range.upperBound...]
        guard rest.contains(" of ") else { return nil }
        return Int(rest.prefix { $0.isNumber })
    }
}
