import Foundation
import OktaCore
import SimulatedOrg
import TestSupport
import Testing

@testable import UserStore

/// Progress events collected from the sync's callback.
final class ProgressLog: Sendable {
    let events = Locked<[SyncProgress]>([])
    func append(_ event: SyncProgress) { events.withLock { $0.append(event) } }
    var all: [SyncProgress] { events.withLock { $0 } }
}

@Suite("Sync against the simulated org")
struct SyncRunnerTests {
    /// The store holds exactly the org's users, field for field.
    func expectStoreEqualsOrg(_ fixture: SyncFixture) throws {
        let org = fixture.orgUsers()
        let stored = try fixture.storedUsers()
        #expect(stored.count == org.count)
        let sameIDs = Set(stored.keys) == Set(org.keys)
        #expect(sameIDs)
        for (id, expected) in org {
            guard let actual = stored[id] else { continue }
            #expect(actual.oktaUser == expected, "user \(id) differs")
            #expect(actual.removedAt == nil)
        }
    }

    /// Runs a sync in its own task and cancels that task (as the CLI's SIGINT handler does)
    /// while page `afterPages` is being handled.
    func cancelled(_ fixture: SyncFixture, afterPages pages: Int) async -> SyncSummary {
        let runner = fixture.runner()
        return await Task {
            await runner.run { event in
                if event.pages == pages { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }.value
    }

    @Test func fullSyncEqualsTheOrg() async throws {
        let fixture = try SyncFixture(users: 1_234)
        defer { fixture.directory.remove() }
        let progress = ProgressLog()
        let summary = await fixture.runner().run { progress.append($0) }

        #expect(summary.outcome == .completed)
        #expect(summary.exitStatus == .ok)
        #expect(summary.mode == .full)
        #expect(summary.added == 1_234)
        #expect(summary.total == 1_234)
        #expect(summary.pages == 7)
        #expect(summary.requests == 7)
        try expectStoreEqualsOrg(fixture)

        let statuses = Set(try fixture.store.statusCounts().map(\.status))
        #expect(statuses.contains("DEPROVISIONED"))
        #expect(statuses.count >= 5)
        let names = try fixture.storedUsers().values.map(\.displayName)
        #expect(names.contains { $0.unicodeScalars.contains { $0.value > 0x2E80 } })
        let custom = try fixture.storedUsers().values.flatMap(\.profile.keys)
        #expect(Set(custom).count > 10)

        let events = progress.all
        #expect(events.last?.users == 1_234)
        #expect(events.last?.pages == 7)
        #expect(events.allSatisfy { $0.percent == nil })
        #expect(events.last?.rateLimitLimit != nil)

        let again = ProgressLog()
        let second = await fixture.runner(full: true).run { again.append($0) }
        #expect(second.outcome == .completed)
        #expect(second.added == 0 && second.updated == 0 && second.removed == 0)
        #expect(again.all.last?.percent == 100)
        #expect(try fixture.store.lastSync()?.outcome == .completed)
    }

    @Test func incrementalSyncPicksUpAddedChangedAndDeactivatedUsers() async throws {
        let fixture = try SyncFixture(users: 500)
        defer { fixture.directory.remove() }
        #expect(await fixture.runner().run().outcome == .completed)

        fixture.clock.advance(by: 3_600)
        let ids = Array(fixture.orgUsers().keys.sorted().prefix(3))
        fixture.org.addUsers(4)
        #expect(fixture.org.updateProfile(ofUser: ids[0], ["department": .string("Moon base")]))
        #expect(fixture.org.deactivateUser(ids[1]))
        #expect(fixture.org.setStatus(ofUser: ids[2], to: "SUSPENDED"))

        let summary = await fixture.runner().run()
        #expect(summary.mode == .incremental)
        #expect(summary.outcome == .completed)
        #expect(summary.added == 4)
        #expect(summary.updated == 3)
        #expect(summary.removed == 0)
        #expect(summary.requests == 1)
        #expect(summary.total == 504)
        try expectStoreEqualsOrg(fixture)
        #expect(try fixture.store.user(id: ids[1])?.status == "DEPROVISIONED")
    }

    @Test func usersMissingFromACompleteFullSyncAreMarkedRemoved() async throws {
        let fixture = try SyncFixture(users: 450)
        defer { fixture.directory.remove() }
        let ghost = user(999_999, first: "Gone", last: "Ghost")
        let old = try fixture.store.beginRun(mode: .incremental, at: fixture.clock.now)
        _ = try fixture.store.storePage([ghost], run: old, at: fixture.clock.now)

        // An interrupted full sync marks nothing.
        let interrupted = await cancelled(fixture, afterPages: 1)
        #expect(interrupted.outcome == .interrupted)
        #expect(interrupted.removed == 0)
        #expect(try fixture.store.user(id: ghost.id)?.removedAt == nil)

        let complete = await fixture.runner().run()
        #expect(complete.mode == .full)
        #expect(complete.outcome == .completed)
        #expect(complete.removed == 1)
        #expect(complete.total == 450)
        #expect(try fixture.store.user(id: ghost.id)?.removedAt != nil)
        #expect(try fixture.store.count(UserFilter(includeRemoved: true)) == 451)
    }

    @Test func cancellationStopsAfterTheCurrentPageAndRecordsTheRun() async throws {
        let fixture = try SyncFixture(users: 600)
        defer { fixture.directory.remove() }
        let summary = await cancelled(fixture, afterPages: 2)
        #expect(summary.outcome == .interrupted)
        #expect(summary.exitStatus == .failure)
        #expect(summary.pages == 2)
        #expect(try fixture.store.userCount() == 400)
        let run = try #require(try fixture.store.lastSync())
        #expect(run.outcome == .interrupted)
        #expect(run.pages == 2)
        #expect(run.endedAt != nil)

        let next = await fixture.runner().run()
        #expect(next.mode == .full)
        #expect(next.outcome == .completed)
        #expect(next.added == 200)
        try expectStoreEqualsOrg(fixture)
    }

    @Test func rateLimitStormEndsComplete() async throws {
        let fixture = try SyncFixture(
            users: 600, rateLimit: RateLimitRule(limit: 6, windowSeconds: 10), maxAttempts: 8)
        defer { fixture.directory.remove() }
        fixture.org.rejectNextRequestsForConcurrency(3)
        let summary = await fixture.runner().run()
        #expect(summary.outcome == .completed)
        #expect(summary.rateLimited >= 3)
        #expect(summary.requests >= 3 + 3)
        try expectStoreEqualsOrg(fixture)
    }

    @Test(arguments: [
        TransientFailure.internalServerError, .badGateway, .serviceUnavailable, .gatewayTimeout,
        .droppedConnection,
    ])
    func transientFailuresMidSyncLoseNothing(failure: TransientFailure) async throws {
        let fixture = try SyncFixture(users: 600)
        defer { fixture.directory.remove() }
        let org = fixture.org
        let once = FirstTime()
        let summary = await fixture.runner().run { event in
            if event.pages == 2, once() { org.failNextRequests(2, with: failure) }
        }
        #expect(summary.outcome == .completed, "\(failure)")
        #expect(summary.requests >= 5)
        try expectStoreEqualsOrg(fixture)
    }

    @Test func truncatedPageIsRetried() async throws {
        let fixture = try SyncFixture(users: 600)
        defer { fixture.directory.remove() }
        let org = fixture.org
        let once = FirstTime()
        let summary = await fixture.runner().run { event in
            if event.pages == 1, once() { org.truncateNextUsersPages(1) }
        }
        #expect(summary.outcome == .completed)
        try expectStoreEqualsOrg(fixture)
    }

    @Test func persistentServerErrorsStopWithoutLosingStoredPages() async throws {
        let fixture = try SyncFixture(users: 800, maxAttempts: 2)
        defer { fixture.directory.remove() }
        let org = fixture.org
        let once = FirstTime()
        let summary = await fixture.runner().run { event in
            if event.pages == 3, once() { org.failNextRequests(50, with: .internalServerError) }
        }
        #expect(summary.outcome == .failed)
        #expect(summary.exitStatus == .oktaKeptFailing)
        #expect(summary.oktaError?.kind == .serverError)
        #expect(try fixture.store.userCount() >= 600)
        #expect(try fixture.store.lastSync()?.outcome == .failed)
        #expect(try fixture.store.lastCompletedFullSync() == nil)

        org.failNextRequests(0, with: .internalServerError)
        let drained = await drainFailures(fixture)
        #expect(drained.outcome == .completed)
        try expectStoreEqualsOrg(fixture)
    }

    /// Runs syncs until the org's queued failures are used up (each failed run consumes some).
    func drainFailures(_ fixture: SyncFixture) async -> SyncSummary {
        var summary = await fixture.runner().run()
        var attempts = 0
        while summary.outcome != .completed, attempts < 40 {
            summary = await fixture.runner().run()
            attempts += 1
        }
        return summary
    }

    @Test func tokenRejectedMidSyncKeepsPagesAndExitsFour() async throws {
        let fixture = try SyncFixture(users: 700)
        defer { fixture.directory.remove() }
        fixture.org.expireToken(afterRequests: 3)
        let summary = await fixture.runner().run()
        #expect(summary.outcome == .tokenRejected)
        #expect(summary.tokenRejected)
        #expect(summary.exitStatus == .tokenRejected)
        #expect(summary.exitStatus.rawValue == 4)
        #expect(summary.oktaError?.errorCode == "E0000011")
        #expect(summary.removed == 0)
        #expect(try fixture.store.userCount() == 600)
        #expect(try fixture.store.lastSync()?.outcome == .tokenRejected)
        #expect(!summary.text.contains(fixture.org.configuration.token))
        #expect(!summary.json.contains(fixture.org.configuration.token))

        fixture.org.renewToken()
        let next = await fixture.runner().run()
        #expect(next.outcome == .completed)
        #expect(next.mode == .full)
        try expectStoreEqualsOrg(fixture)
    }

    @Test func oneOfAThingIsSingular() async throws {
        #expect(SyncProgress.counted(1, "page") == "1 page")
        #expect(SyncProgress.counted(0, "page") == "0 pages")
        #expect(SyncProgress.counted(1_204, "user") == "1,204 users")
        #expect(SyncProgress.counted(2, "entry", plural: "entries") == "2 entries")

        let fixture = try SyncFixture(users: 1)
        defer { fixture.directory.remove() }
        let recorder = ProgressLog()
        let summary = await fixture.runner().run(onProgress: recorder.append)
        let line = try #require(recorder.all.last?.line)
        #expect(line.contains("1 user, 1 page, "), "\(line)")
        #expect(summary.text.contains("total 1 user\n"), "\(summary.text)")
    }

    @Test func summaryJSONHasTheDocumentedKeys() async throws {
        let fixture = try SyncFixture(users: 300)
        defer { fixture.directory.remove() }
        let summary = await fixture.runner().run()
        let object = try JSONDecoder().decode(
            [String: JSONValue].self, from: Data(summary.json.utf8))
        for key in [
            "mode", "added", "updated", "removed", "total", "requests", "rateLimited",
            "seconds",
        ] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect(object["mode"] == .string("full"))
        #expect(object["added"] == .number(300))
        #expect(summary.text.contains("added 300"))
    }
}

/// True on the first call only: progress also arrives as a heartbeat while the client waits,
/// so "when page N is stored" must not fire again for the same page.
final class FirstTime: Sendable {
    private let fired = Locked(false)

    func callAsFunction() -> Bool {
        fired.withLock { fired in
            defer { fired = true }
            return !fired
        }
    }
}
