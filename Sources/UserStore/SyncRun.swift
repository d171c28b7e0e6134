import Foundation

/// One recorded sync run, as the `sync_runs` table keeps it.
public struct SyncRun: Sendable, Hashable {
    /// Full lists every user and may mark removals; incremental asks only for changes.
    public enum Mode: String, Sendable, Codable {
        case full
        case incremental
    }

    /// How a run ended.
    public enum Outcome: String, Sendable, Codable {
        /// Still running, or the process died (SIGKILL, crash) before recording an end.
        case running
        case completed
        /// Cancelled (Ctrl-C, SIGTERM, Esc) after storing the pages fetched so far.
        case interrupted
        /// Okta rejected the token mid-sync (401 E0000011).
        case tokenRejected = "token_rejected"
        /// Another failure (network, Okta kept failing, store error).
        case failed
    }

    public var id: Int64
    public var mode: Mode
    public var startedAt: Date
    public var endedAt: Date?
    public var outcome: Outcome
    public var pages: Int
    public var added: Int
    public var updated: Int
    public var removed: Int
    public var requests: Int
    public var rateLimited: Int
    /// The highest `lastUpdated` among users this run stored; incremental syncs start from it.
    public var highWaterMark: Date?
    /// Users seen by the run (the total a later run's percentage compares against).
    public var usersSeen: Int
    /// A short reason when the run did not complete.
    public var message: String?

    public init(
        id: Int64, mode: Mode, startedAt: Date, endedAt: Date?, outcome: Outcome, pages: Int,
        added: Int, updated: Int, removed: Int, requests: Int, rateLimited: Int,
        highWaterMark: Date?, usersSeen: Int, message: String?
    ) {
        self.id = id
        self.mode = mode
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.pages = pages
        self.added = added
        self.updated = updated
        self.removed = removed
        self.requests = requests
        self.rateLimited = rateLimited
        self.highWaterMark = highWaterMark
        self.usersSeen = usersSeen
        self.message = message
    }
}
