import Foundation
import OktaCore

/// Syncs an org's users into a `UserStore`: full or incremental, page by page.
///
/// Full sync lists `GET /api/v1/users?filter=lastUpdated gt "1970-01-01T00:00:00.000Z"`. The
/// plain list omits DEPROVISIONED users and `search` stops after 50,000 results, while `filter`
/// returns every status without a cap (okta-api.md §2, trap 5); a `lastUpdated` bound is the
/// one filter that matches every user whatever its status, including statuses added later.
/// Incremental sync asks for `lastUpdated gt` the last completed run's high-water mark minus
/// `overlap`, because Okta's list is eventually consistent.
///
/// Each page is stored in its own transaction while `UserPages` already fetches the next one.
/// Cancelling the task stops after the current page; the run is recorded as interrupted and
/// marks nothing removed. An interrupted full sync is not resumed from its cursor: the next
/// run lists from the start again (already-stored users only get their "seen" time updated).
// FIXME: an interrupted full sync restarts from the first page instead of resuming from its
// last `next` link; resuming needs the cursor persisted per run and a rule for expired cursors.
// FIXME: a sync costs about 0.27 ms of CPU per user (~3.7k users/s CPU-wise on a 2-core
// machine, goal 10k; see docs/performance.md). SQLite is half of it: one transaction per page
// rewrites ~1,000 leaf pages of the five random-order browser indexes plus the FTS5 trigram
// segment each commit. Reaching the goal needs several pages per transaction during a full
// sync or the FTS index built in batches behind the rows, both a change to the contract.
public final class SyncRunner: Sendable {
    /// How a run is chosen and tuned.
    public struct Options: Sendable {
        /// Force a full sync even when an incremental one is possible (`--full`).
        public var forceFull = false
        /// How far before the high-water mark an incremental sync starts.
        public var overlap: TimeInterval = 300

        public init(forceFull: Bool = false, overlap: TimeInterval = 300) {
            self.forceFull = forceFull
            self.overlap = overlap
        }
    }

    /// The `filter` of a full sync: matches every user of every status.
    public static let fullSyncFilter = "lastUpdated gt \"1970-01-01T00:00:00.000Z\""

    let store: UserStore
    let client: OktaClient
    let clock: any OktaClock
    let options: Options

    public init(
        store: UserStore, client: OktaClient, clock: any OktaClock = SystemClock(),
        options: Options = Options()
    ) {
        self.store = store
        self.client = client
        self.clock = clock
        self.options = options
    }

    /// The mode `run` will use: full when forced or when no full sync has completed yet.
    public func plannedMode() throws -> SyncRun.Mode {
        if options.forceFull { return .full }
        return try store.lastCompletedFullSync() == nil ? .full : .incremental
    }

    /// Runs one sync and reports progress after every stored page. Never throws: every ending
    /// (completed, interrupted, token rejected, failed) is a summary the CLI maps to an exit
    /// status.
    public func run(onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async
        -> SyncSummary
    {
        let started = clock.now
        let baseline = client.statistics
        var summary = SyncSummary(
            mode: .full, outcome: .failed, added: 0, updated: 0, removed: 0, total: 0,
            pages: 0, requests: 0, rateLimited: 0, seconds: 0)
        var runID: Int64?
        do {
            let mode = try plannedMode()
            summary.mode = mode
            let previous = try store.lastCompletedSync()
            let expectedTotal = try store.lastCompletedFullSync()?.usersSeen
            let filter: String
            if mode == .incremental, let mark = previous?.highWaterMark {
                filter = "lastUpdated gt \"\(OktaDate.format(mark - options.overlap))\""
            } else {
                summary.mode = .full
                filter = Self.fullSyncFilter
            }
            let run = try store.beginRun(
                mode: summary.mode, at: started, highWaterMark: previous?.highWaterMark)
            runID = run

            var users = 0
            var progress = SyncProgress(
                mode: summary.mode, users: 0, pages: 0, requests: 0, rateLimited: 0,
                rateLimitWaitSeconds: 0, elapsedSeconds: 0, expectedTotal: expectedTotal)
            onProgress(progress)
            let pages = client.listUsers(filter: filter)
            summary.outcome = .completed

            // Between pages the client may sit out a rate-limit reset or a retry for a minute;
            // a heartbeat keeps the progress (requests, waits, time left) moving meanwhile.
            let latest = Locked(progress)
            let heartbeat = Task { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: Self.heartbeatNanoseconds)
                    guard !Task.isCancelled else { return }
                    let beat = latest.withLock { current -> SyncProgress in
                        update(
                            &current, users: current.users, pages: current.pages,
                            since: started, baseline: baseline)
                        return current
                    }
                    onProgress(beat)
                }
            }
            defer { heartbeat.cancel() }

            do {
                for try await page in pages {
                    let written = try store.storePage(page.users, run: run, at: clock.now)
                    summary.added += written.added
                    summary.updated += written.updated
                    summary.pages += 1
                    users += page.users.count
                    update(
                        &progress, users: users, pages: summary.pages, since: started,
                        baseline: baseline)
                    latest.withLock { $0 = progress }
                    onProgress(progress)
                    if Task.isCancelled {
                        summary.outcome = .interrupted
                        break
                    }
                }
            } catch let error as OktaError {
                summary.oktaError = error
                switch error.kind {
                case .cancelled: summary.outcome = .interrupted
                case .tokenRejected: summary.outcome = .tokenRejected
                default: summary.outcome = .failed
                }
                if summary.outcome == .interrupted { summary.oktaError = nil }
            }
        } catch let error as SQLiteError {
            summary.outcome = .failed
            summary.storeError = error.description
        } catch {
            summary.outcome = .failed
            summary.storeError = "User store error: \(error)"
        }

        let statistics = client.statistics
        summary.requests = statistics.requests - baseline.requests
        summary.rateLimited = statistics.rateLimitedResponses - baseline.rateLimitedResponses
        summary.seconds = clock.now.timeIntervalSince(started)
        if let runID {
            do {
                summary.removed = try store.finishRun(
                    runID, outcome: summary.outcome, requests: summary.requests,
                    rateLimited: summary.rateLimited,
                    message: summary.oktaError?.summary ?? summary.storeError, at: clock.now)
            } catch {
                summary.outcome = .failed
                summary.storeError = "\(error)"
            }
        }
        summary.total = (try? store.userCount()) ?? 0
        return summary
    }

    private func update(
        _ progress: inout SyncProgress, users: Int, pages: Int, since started: Date,
        baseline: ClientStatistics
    ) {
        let statistics = client.statistics
        progress.users = users
        progress.pages = pages
        progress.requests = statistics.requests - baseline.requests
        progress.rateLimited = statistics.rateLimitedResponses - baseline.rateLimitedResponses
        progress.rateLimitWaitSeconds =
            statistics.rateLimitWaitSeconds - baseline.rateLimitWaitSeconds
        progress.rateLimitRemaining = statistics.lastRateLimit?.remaining
        progress.rateLimitLimit = statistics.lastRateLimit?.limit
        progress.elapsedSeconds = clock.now.timeIntervalSince(started)
        progress.waiting = statistics.waiting.map {
            ($0.reason, max(0, $0.until.timeIntervalSince(clock.now)))
        }
    }

    /// How often progress is re-sent while no page arrives (real time, not the sync's clock).
    static let heartbeatNanoseconds: UInt64 = 1_000_000_000
}
