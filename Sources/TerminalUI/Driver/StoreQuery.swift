import Foundation
import OktaCore
import UserStore

/// A read of the user store too slow for the UI thread at a million users (a filtered count,
/// the utilization figures). A screen returns it as `Effect.storeQuery`; the driver runs it
/// in the background (`StoreQueryRunner`) and posts `AppEvent.storeQueryFinished`.
///
/// Each query belongs to a channel and carries the generation the screen gave it. A screen
/// applies only the result of its latest generation, so a result that arrives after the user
/// typed on is dropped.
public struct StoreQuery: Sendable, Equatable {
    /// Which view a query feeds; a newer query supersedes an older one of the same channel.
    public enum Channel: String, Sendable, Hashable {
        /// The browser's table: count and visible rows of a new filter or sort.
        case usersTable
        /// The browser's utilization view.
        case browserUtilization
        /// The status screen's utilization panel.
        case statusPanel
        /// The browser's status picker: users per status.
        case statusCounts
        /// The browser's in-memory copy of what its filters test (built once per data version).
        case browsingSnapshot
        /// The browser's look for writes by another process while it reads nothing.
        case storeChanges
    }

    /// What to read.
    public enum Work: Sendable {
        /// Count and read the visible rows of this table model's filter and sort (through
        /// its store connection, which keeps the result's caches for the moves that follow).
        case usersTable(UsersTableModel)
        /// The utilization figures of the store file at `url`. From `shared` (the browser's
        /// connection) when its snapshot is ready, in milliseconds; else through a connection
        /// of their own, so the table can read while SQL computes them (about a second at a
        /// million users).
        case utilization(url: URL, now: Date, shared: UserStore? = nil)
        /// Users per status in the store file at `url`, from `shared` or a connection of their
        /// own, as for `utilization`.
        case statusCounts(url: URL, shared: UserStore? = nil)
        /// Builds `store`'s in-memory snapshot for fast filters (`prepareForBrowsing`).
        case prepareForBrowsing(UserStore)
        /// Looks whether `store` changed (`UserStore.noticeChanges`): one PRAGMA, but it
        /// waits for the store's lock, which a SQL count may hold for a second.
        case noticeChanges(UserStore)
    }

    public let channel: Channel
    public let generation: Int
    public let work: Work

    public init(channel: Channel, generation: Int, work: Work) {
        self.channel = channel
        self.generation = generation
        self.work = work
    }

    /// Two queries are the same request when channel and generation match.
    public static func == (left: StoreQuery, right: StoreQuery) -> Bool {
        left.channel == right.channel && left.generation == right.generation
    }

    /// Does the reading, on the calling thread (the runner's background queue, or a test).
    public func run() -> StoreQueryResult {
        let value: StoreQueryResult.Value
        switch work {
        case .usersTable(let model):
            value = .usersTable(model.loaded())
        case .utilization(let url, let now, let shared):
            do {
                // From the shared connection only if its snapshot answers; SQL there would
                // hold its lock (and the table's moves) for up to a second. Measured at the
                // table's time, so a bar's count is what the table it opens will count.
                let figures =
                    try shared?.usageFiguresFromSnapshot()
                    ?? UserStore(url: url).usageFigures(now: shared?.answersTime ?? now)
                value = .utilization(Utilization(figures: figures))
            } catch {
                value = .failed("Cannot read the user store: \(error)")
            }
        case .statusCounts(let url, let shared):
            do {
                let counts =
                    try shared?.statusCountsFromSnapshot()
                    ?? UserStore(url: url).statusCounts()
                value = .statusCounts(
                    counts.map { StatusCount(status: $0.status, count: $0.count) })
            } catch {
                value = .failed("Cannot read the user store: \(error)")
            }
        case .prepareForBrowsing(let store):
            do {
                value = .prepared(try store.prepareForBrowsing())
            } catch {
                value = .failed("Cannot read the user store: \(error)")
            }
        case .noticeChanges(let store):
            do {
                try store.noticeChanges()
                value = .noticed
            } catch {
                value = .failed("Cannot read the user store: \(error)")
            }
        }
        return StoreQueryResult(channel: channel, generation: generation, value: value)
    }
}

/// What a `StoreQuery` found.
public struct StoreQueryResult: Sendable {
    public enum Value: Sendable {
        case usersTable(UsersTableModel)
        case utilization(Utilization)
        case statusCounts([StatusCount])
        /// Whether the snapshot is ready (false: the store changed while it was built).
        case prepared(Bool)
        /// The store was looked at (`noticeChanges`); `answersGeneration` says what changed.
        case noticed
        /// Why the store could not be read.
        case failed(String)
    }

    public let channel: StoreQuery.Channel
    public let generation: Int
    public let value: Value
}

/// Current users in one status.
public struct StatusCount: Sendable, Equatable {
    public var status: String
    public var count: Int

    public init(status: String, count: Int) {
        self.status = status
        self.count = count
    }
}

/// Runs `StoreQuery`s off the UI thread, one at a time per channel, newest first: a query
/// submitted while another of its channel runs waits, replacing any query already waiting,
/// and the result of a query superseded meanwhile is dropped rather than posted.
///
/// Work runs on a Dispatch queue, not the Swift concurrency pool, because the store's calls
/// block their thread (a count may take a second) and the pool has as few threads as cores.
// FIXME: a superseded query that has started runs to its end before the newest one starts.
// With the browsing snapshot ready that is at most ~30 ms at a million users; before it is
// built (the first second after opening, or while a sync writes) a SQL count can take up to
// 1.5 s. Stopping it needs an interrupt in UserStore (sqlite3_interrupt on the connection).
public final class StoreQueryRunner: Sendable {
    private struct Lane {
        var running = false
        var waiting: StoreQuery?
    }

    private let post: @Sendable (AppEvent) -> Void
    private let lanes = Locked<[StoreQuery.Channel: Lane]>([:])
    private let group = DispatchGroup()
    private let queue = DispatchQueue(
        label: "okta-connect.store-queries", qos: .userInitiated, attributes: .concurrent)

    /// `post` receives `AppEvent.storeQueryFinished` on a background thread.
    public init(post: @escaping @Sendable (AppEvent) -> Void) {
        self.post = post
    }

    /// Runs `query` when its channel is free, superseding any query waiting there.
    public func submit(_ query: StoreQuery) {
        let startNow = lanes.withLock { lanes in
            var lane = lanes[query.channel] ?? Lane()
            defer { lanes[query.channel] = lane }
            if lane.running {
                lane.waiting = query
                return false
            }
            lane.running = true
            return true
        }
        guard startNow else { return }
        group.enter()
        queue.async { [self] in
            drain(query)
            group.leave()
        }
    }

    /// Blocks until every submitted query has finished and been posted (tests, shutdown).
    public func waitUntilIdle() {
        group.wait()
    }

    private func drain(_ first: StoreQuery) {
        var query = first
        while true {
            let result = query.run()
            let next = lanes.withLock { lanes -> StoreQuery? in
                var lane = lanes[query.channel] ?? Lane()
                defer { lanes[query.channel] = lane }
                let waiting = lane.waiting
                lane.waiting = nil
                lane.running = waiting != nil
                return waiting
            }
            guard let next else {
                post(.storeQueryFinished(result))
                return
            }
            query = next
        }
    }
}
