import Foundation
import OktaCore
import SimulatedOrg
import TerminalUI
import TestSupport
import Testing
import UserStore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The driver against the simulated org: real HTTP semantics through URLProtocol, real state
/// files in a temporary directory, no terminal.
@Suite struct AppDriverTests {
    let directory: TemporaryDirectory
    let org: SimulatedOrg
    let address: OrgAddress
    let driver: AppDriver
    let opened = Locked<[URL]>([])

    init() throws {
        directory = try TemporaryDirectory(prefix: "tui-driver")
        org = SimulatedOrg(.init(userCount: 450, seed: 7))
        address = try OrgAddress(parsing: org.configuration.host)
        let configuration = org.sessionConfiguration()
        let paths = StatePaths(home: directory.url)
        let opened = opened
        driver = AppDriver(
            context: AppContext(
                paths: paths, store: ConnectionStore(paths: paths),
                makeClient: { address, token in
                    OktaClient(org: address, token: token, sessionConfiguration: configuration)
                },
                openURL: { url in
                    opened.withLock { $0.append(url) }
                    return true
                }))
    }

    /// Runs one effect to completion and returns what it reported.
    func run(_ effect: Effect) async -> [AppEvent] {
        driver.perform(effect)
        await driver.waitUntilIdle()
        return driver.takeEvents()
    }

    func connect(_ token: String) async throws -> [AppEvent] {
        await run(.connect(org: address, token: try APIToken(parsing: token)))
    }

    @Test func connectingWithTheRightTokenSavesTheConnection() async throws {
        defer { directory.remove() }
        let events = try await connect(SimulatedOrg.demoToken)
        let progress = events.filter {
            if case .checkProgress = $0 { return true }
            return false
        }
        #expect(progress.count >= 4, "the checklist updates live")
        guard
            case .checkFinished(let outcome)? = events.first(where: {
                if case .checkFinished = $0 { return true }
                return false
            })
        else {
            Issue.record("no check result in \(events)")
            return
        }
        #expect(outcome.passed)
        #expect(outcome.lines.map(\.status) == [.pass, .pass, .pass, .pass])
        guard case .connectionSaved(let summary)? = events.last else {
            Issue.record("not saved: \(events)")
            return
        }
        #expect(summary.org == address)
        #expect(summary.ownerLogin == outcome.ownerLogin)
        #expect(driver.loadSummary()?.state == .connected)
        // After a restart (no check has run yet) the status screen still has the org's name.
        #expect(driver.loadSummary()?.orgName == org.configuration.companyName)
    }

    @Test func aRejectedTokenSavesNothingAndKeepsTheOldConnection() async throws {
        defer { directory.remove() }
        _ = try await connect(SimulatedOrg.demoToken)
        let before = try driver.context.store.load()
        let events = try await connect("00wrongTokenValue000000000000000000000000")
        guard case .checkFinished(let outcome)? = events.last else {
            Issue.record("expected the check result last, got \(events)")
            return
        }
        #expect(!outcome.passed)
        #expect(outcome.diagnosis?.tokenRejected == true)
        #expect(try driver.context.store.load() == before)
        #expect(try driver.context.store.token()?.secret == SimulatedOrg.demoToken)
    }

    @Test func syncReportsProgressAndRefreshesTheCounts() async throws {
        defer { directory.remove() }
        _ = try await connect(SimulatedOrg.demoToken)
        let events = await run(.startSync)
        let pages = events.compactMap { event -> SyncCounts? in
            if case .syncProgress(let counts) = event { return counts }
            return nil
        }
        #expect(pages.count >= 3)
        #expect(pages.last?.users == 450)
        let finished = events.contains {
            if case .syncFinished(
                .finished(users: 450, _, _, SyncChanges(added: 450, updated: 0, removed: 0))) = $0
            {
                return true
            }
            return false
        }
        #expect(finished)
        #expect(driver.loadSummary()?.userCount == 450)
        #expect(driver.loadSummary()?.lastSync != nil)
        #expect(driver.loadSummary()?.storeIsPartial == false)
    }

    /// What an interrupted first sync left is shown as "so far", never as the org.
    @Test func anUnfinishedFirstSyncIsReportedAsPartial() async throws {
        defer { directory.remove() }
        _ = try await connect(SimulatedOrg.demoToken)
        let store = try UserStore(url: driver.context.paths.databaseFile(for: address))
        let first = try store.beginRun(mode: .full, at: Date())
        _ = try store.storePage(
            (1...3).map {
                BrowserFixtures.user($0, first: "Early", last: "User", login: "u\($0)@acme.com")
            }, run: first, at: Date())
        try store.finishRun(first, outcome: .interrupted, requests: 1, rateLimited: 0, at: Date())

        var summary = try #require(driver.loadSummary())
        #expect(summary.storeIsPartial)
        #expect(summary.userCount == 3)
        var state = AppState(saved: summary, now: Date())
        let text = state.render().text
        #expect(text.contains("Last sync: unfinished · 3 users so far; press s to sync the rest"))
        // No advice to press a key that does nothing: while a sync runs, or when expired.
        _ = state.handle(.character("s"))
        #expect(state.render().text.contains("Last sync: unfinished · 3 users so far\n"))
        var expired = summary
        expired.state = .expired
        let expiredText = AppState(saved: expired, now: Date()).render().text
        #expect(expiredText.contains("Last sync: unfinished · 3 users so far\n"))

        _ = await run(.startSync)
        summary = try #require(driver.loadSummary())
        #expect(!summary.storeIsPartial)
        state = AppState(saved: summary, now: Date())
        #expect(!state.render().text.contains("so far"))
    }

    @Test func cancellingACheckSavesNothing() async throws {
        defer { directory.remove() }
        let slow = SimulatedOrg(.init(userCount: 10, latency: .milliseconds(200)))
        let configuration = slow.sessionConfiguration()
        let paths = StatePaths(home: directory.url.appendingPathComponent("slow"))
        let slowDriver = AppDriver(
            context: AppContext(
                paths: paths, store: ConnectionStore(paths: paths),
                makeClient: { address, token in
                    OktaClient(org: address, token: token, sessionConfiguration: configuration)
                }))
        slowDriver.perform(
            .connect(
                org: try OrgAddress(parsing: slow.configuration.host),
                token: try APIToken(parsing: SimulatedOrg.demoToken)))
        slowDriver.perform(.cancelWork)
        await slowDriver.waitUntilIdle()
        let finished = slowDriver.takeEvents().compactMap { event -> CheckOutcome? in
            if case .checkFinished(let outcome) = event { return outcome }
            return nil
        }
        #expect(finished.count == 1)
        #expect(finished.first?.passed == false)
        #expect(try slowDriver.context.store.load() == nil)
    }

    @Test func invitationIsWrittenToTheStateDirectory() async throws {
        defer { directory.remove() }
        let text = Invitation.text(org: address)
        let events = await run(.writeInvitation(text))
        guard case .invitationWritten(let path, _)? = events.first else {
            Issue.record("not written: \(events)")
            return
        }
        #expect(path == driver.context.paths.invitationFile.path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func disconnectForgetsTheConnection() async throws {
        defer { directory.remove() }
        _ = try await connect(SimulatedOrg.demoToken)
        let events = await run(.disconnect)
        guard case .disconnected? = events.first else {
            Issue.record("not disconnected: \(events)")
            return
        }
        #expect(driver.loadSummary() == nil)
    }

    @Test func openURLGoesThroughTheInjectedOpener() async throws {
        defer { directory.remove() }
        let url = try #require(address.adminConsoleURL)
        _ = await run(.openURL(url))
        #expect(opened.withLock { $0 } == [url])
    }

    @Test func terminalEffectsAreLeftToTheTerminal() {
        defer { directory.remove() }
        #expect(!driver.perform(.quit))
        #expect(!driver.perform(.copyToClipboard("x")))
        #expect(!driver.perform(.repaint))
    }
}
