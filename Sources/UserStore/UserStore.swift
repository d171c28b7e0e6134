import Foundation
import OktaCore

/// The local SQLite store of one org's synced users and sync runs.
///
/// One file per org (the caller picks the path, normally `StatePaths.databaseFile(for:)`), in WAL
/// mode so the browser can read while a sync writes through another `UserStore` on the same
/// file. Every page of a sync is one transaction, so a killed process leaves whole pages only.
/// Calls are serialised by a lock; the store is safe to share between tasks.
public final class UserStore: Sendable {
    /// Where the database lives.
    public let url: URL
    let state: Locked<StoreState>
    /// How many `withDatabase` calls are waiting for or holding the lock.
    let waitingCalls = Locked(0)
    /// `StoreState.answersNow` and how often it moved, readable without the store's lock
    /// (which a long query may hold).
    let answers = Locked(AnswersClock())
    /// The clock used for "inactive for N days" filters; injectable for tests.
    let now: @Sendable () -> Date

    /// Opens or creates the store at `url`, applying any pending migrations.
    public init(url: URL, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.url = url
        self.now = now
        guard SQLiteDatabase.compileOptionUsed("ENABLE_FTS5") else {
            throw SQLiteError(
                code: 1, message: "this SQLite \(SQLiteDatabase.libraryVersion) lacks FTS5",
                context: "opening the user store")
        }
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let database = try SQLiteDatabase(path: url.path)
        try database.execute(
            """
            PRAGMA busy_timeout = 5000;
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA cache_size = -\(Self.cacheKiB);
            """)
        // Migrations sort a whole table's keys (CREATE INDEX): with the default temp store the
        // sorter spills to a file instead of memory (at 1M users, 111 MB of RSS otherwise).
        try database.registerSearchFold()
        try Self.migrate(database)
        try database.execute("PRAGMA temp_store = MEMORY;")
        let hits = HitSet()
        try database.register(hits: hits)
        state = Locked(StoreState(database: database, hits: hits, answers: answers))
    }

    /// SQLite's page cache per connection, in KiB. The queries walk indexes in order and the OS
    /// page cache holds the file anyway; a 16 MB cache made the sync's peak RSS grow with the
    /// org's size (62 MB at 100k users) while saving no measurable CPU.
    static let cacheKiB = 4096

    /// Whether a store file exists at `url` (the CLI's "no store yet" check; opens nothing).
    public static func exists(at url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.path)
    }

    private static func migrate(_ database: SQLiteDatabase) throws {
        let version = try database.pragmaInt("user_version")
        guard version <= StoreSchema.currentVersion else {
            throw SQLiteError(
                code: 1,
                message: "the store has schema version \(version), newer than this okta-connect",
                context: "opening the user store (upgrade okta-connect)")
        }
        for index in Int(version)..<StoreSchema.migrations.count {
            try database.transaction {
                try database.execute(StoreSchema.migrations[index])
                try database.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }

    /// Runs `body` with the connection and caches, under the lock.
    func withDatabase<Result>(_ body: (inout StoreState) throws -> Result) throws -> Result {
        waitingCalls.withLock { $0 += 1 }
        defer { waitingCalls.withLock { $0 -= 1 } }
        let now = now()
        return try state.withLock { state in
            try state.refreshIfChanged(now: now)
            return try body(&state)
        }
    }

    /// `withDatabase` for one step of long background work (`prepareForBrowsing`): it first
    /// lets every waiting call go. The lock is not fair, so a thread that takes it again right
    /// after releasing it can starve the browser's moves for the whole build (a second at a
    /// million users); waiting for the calls costs the build almost nothing.
    func withDatabaseAfterOthers<Result>(_ body: (inout StoreState) throws -> Result) throws
        -> Result
    {
        while waitingCalls.withLock({ $0 }) > 0 { usleep(100) }
        let now = now()
        return try state.withLock { state in
            try state.refreshIfChanged(now: now)
            return try body(&state)
        }
    }
}

/// The connection plus the query caches that depend on the data not having changed.
struct StoreState {
    let database: SQLiteDatabase
    /// SQLite's `data_version` plus our own writes: when it changes, caches are stale.
    var dataVersion: Int64 = -1
    var localWrites: Int64 = 0
    var countCache: [UserFilter: Int] = [:]
    /// The row ids the current text filter matched (read by `okta_connect_hit`).
    let hits: HitSet
    /// What `temp.search_hits` holds a copy of, if anything.
    var materializedHits: HitSet.Key?
    /// The in-memory copy of the filtered columns, when built for the current data.
    var snapshot: BrowsingSnapshot?
    var anchors: [PageAnchorKey: [PageAnchor]] = [:]
    /// The filter and sort whose ordered rows `temp.view_rows` holds, if any.
    var materializedView: PageAnchorKey?
    /// Rows an index walk would skip beyond which a page of an unrestricted filter is read
    /// from the snapshot's order instead, which skips them about ten times faster (tests
    /// lower it to reach that path with a small store).
    var snapshotWalkThreshold = 50_000

    let answers: Locked<AnswersClock>

    init(database: SQLiteDatabase, hits: HitSet, answers: Locked<AnswersClock>) {
        self.database = database
        self.hits = hits
        self.answers = answers
    }

    /// The time that filters' inactivity cutoffs ("not logged in for 30 days") are measured
    /// from while the cached answers last. One time for all of them keeps a count and the
    /// rows it counts in agreement: rows measured from a later clock would lose the users who
    /// crossed a cutoff since, leaving the end of a counted table blank.
    private(set) var answersNow = Date(timeIntervalSince1970: 0)
    /// The clock hour `answersNow` is in.
    private var cacheHour: Int64 = .min

    /// The clock hour that time-dependent answers (inactivity counts) are cached for.
    static func hour(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 3600).rounded(.down))
    }

    /// Drops caches when another connection (a sync) or this one changed the data, and the
    /// answers that depend on the time once an hour, so a browser left open does not keep
    /// yesterday's counts. Either way, later answers are measured from `now`.
    mutating func refreshIfChanged(now: Date) throws {
        let hour = Self.hour(now)
        if hour != cacheHour {
            cacheHour = hour
            moveAnswers(to: now)
            dropAnswers()
            if case .filter? = hits.key { hits.invalidate() }
            snapshot?.forgetFilterAnswers()
        }
        let version = try database.pragmaInt("data_version") &+ localWrites
        if version != dataVersion {
            dataVersion = version
            moveAnswers(to: now)
            dropAnswers()
            snapshot = nil
            hits.invalidate()
        }
    }

    private mutating func moveAnswers(to now: Date) {
        answersNow = now
        answers.withLock {
            $0.generation += 1
            $0.asOf = now
        }
    }

    /// Forgets cached counts, page anchors and ordered copies.
    private mutating func dropAnswers() {
        countCache.removeAll()
        anchors.removeAll()
        materializedHits = nil
        materializedView = nil
    }

    /// Records a write through this connection (which `data_version` does not report).
    mutating func noteWrite() {
        localWrites &+= 1
    }
}

/// When the store's cached answers began, and how many times they started over (the hour
/// turned, or the data changed). A table loaded under one generation holds a count that the
/// next generation's rows may not match: it should load again (`UserStore.answersGeneration`).
struct AnswersClock {
    var generation = 0
    var asOf: Date?
}

/// Time stamps are stored as Unix milliseconds: Okta's precision, sortable, compact.
enum StoreTime {
    static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func millis(_ date: Date?) -> SQLiteValue {
        date.map { .integer(millis($0)) } ?? .null
    }

    /// The time stamp `days` days before `now`: the bound of "logged in within / not for N
    /// days". Days are clamped to ±1,000,000 (27 centuries), so no count overflows `Int64`.
    static func cutoff(_ now: Date, days: Int) -> Int64 {
        let days = Double(min(max(days, -1_000_000), 1_000_000))
        return millis(now.addingTimeInterval(-days * 86_400))
    }

    static func date(_ millis: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(millis) / 1000)
    }

    static func date(_ millis: Int64?) -> Date? {
        millis.map { date($0) }
    }
}
