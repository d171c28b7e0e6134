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

    @Test func browseFilterSortDetailExportAndSyncNow() throws {
        let home = try TemporaryDirectory(prefix: "e2e-browser")
        defer { home.remove() }
        let connect = try cli(
            ["connect", "--token-stdin"], home: home.url, stdin: Data(SimulatedOrg.demoToken.utf8))
        #expect(connect.status == 0, "\(connect.stderr)")
        let sync = try cli(["sync"], home: home.url)
        #expect(sync.status == 0, "\(sync.stderr)")

        let terminal = try TmuxSession(
            command: "\(binary) --demo --home \(home.url.path) browse", columns: 120, rows: 32)
        defer { terminal.close() }
        let opened = try terminal.waitFor("Users · 1 of 2,500")
        #expect(opened.contains("Name ↑"))
        #expect(opened.contains("users in the local store"))

        try terminal.send("/")
        try terminal.type("ali")
        let filtered = try terminal.waitFor("· filter: ali")
        #expect(!filtered.contains("of 2,500 "))
        try terminal.send("Enter")
        try terminal.send("4")
        try terminal.waitFor("Last login ↑")
        try terminal.send("4")
        try terminal.waitFor("Last login ↓")
        try terminal.send("j")
        let moved = try terminal.waitFor("Users · 2 of ")

        try terminal.send("Enter")
        let detail = try terminal.waitFor("Okta id")
        #expect(detail.contains("Users › "))
        #expect(detail.contains("Last login"))
        #expect(detail.contains("Profile"))
        try terminal.send("Escape")
        let back = try terminal.waitFor("Last login ↓")
        #expect(
            back.split(separator: "\n").first == moved.split(separator: "\n").first,
            "the same row is selected after the detail view")

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
}
