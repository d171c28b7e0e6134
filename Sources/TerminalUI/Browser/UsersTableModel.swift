import Foundation
import UserStore

/// The users table as a window onto the store: which filter and sort, which row is selected,
/// which rows are on screen, and only those rows in memory.
///
/// Moves read only the visible rows, so they cost the same at a hundred users or a million.
/// A new filter or sort needs a count, which can take a second at a million users, so it is
/// a request: `setFilter`, `sort(by:)` and `reload` only note what to show and set
/// `isLoading`; `loaded()` (run in the background as a `StoreQuery`) reads the count and the
/// rows, and `accept(_:)` takes the result if it is still the latest. Moves made meanwhile
/// are kept and replayed.
///
/// The user last moved to stays selected across filters, sorts and reloads while they are in
/// the view: filter to find someone, clear the filter, and they are still selected, among
/// everyone. A view they are not in opens where it was left (positions are remembered per
/// filter and sort), or at the top.
public struct UsersTableModel: Sendable {
    /// A move of the selection, kept while a load runs.
    enum Move: Sendable {
        case by(Int), page(Int), top, end
    }

    public let store: UserStore
    public private(set) var filter: BrowserFilter
    public private(set) var sort: UserSort
    /// Users matching the filter (from the store's count); the previous view's while loading.
    public private(set) var total = 0
    /// Index of the selected row in the filtered, sorted list.
    public private(set) var selected = 0
    /// Index of the first row on screen.
    public private(set) var top = 0
    /// How many rows fit on screen.
    public private(set) var height: Int
    /// The rows on screen: positions `top ..< top + rows.count` (the previous view's rows
    /// while loading).
    public private(set) var rows: [StoredUser] = []
    /// Why the store could not be read, shown instead of rows.
    public private(set) var error: String?
    /// True from a new filter, sort or reload until its count and rows are in.
    public private(set) var isLoading = true
    /// Counts requests; a loaded model is accepted only when it answers the latest.
    public private(set) var generation = 0
    /// Every current user in the store and the end of the last completed sync, read with
    /// each load.
    public private(set) var storeTotal = 0
    public private(set) var lastSync: Date?
    /// No full sync has finished: the store holds only the users synced so far
    /// (`UserStore.isPartial`), which every view and export of it should say.
    public private(set) var storeIsPartial = false
    /// Whether the store answered this load from its in-memory snapshot; false asks the screen
    /// to (re)build it (first open, or another process synced meanwhile).
    public private(set) var storeWasPrepared = false
    /// False until the first load: the store facts above are not read yet.
    public private(set) var hasLoaded = false
    /// The store's `answersGeneration` when `total` was counted.
    private var countedGeneration = 0
    private var positions: [PositionKey: Position] = [:]
    /// The user last moved to (by any move), kept selected by the next load when they are in
    /// its view, at the same screen row (`chosenScreenRow`).
    private var chosenUserID: String?
    private var chosenScreenRow = 0
    private var pendingMoves: [Move] = []

    private struct PositionKey: Hashable {
        var filter: BrowserFilter
        var sort: UserSort
    }

    private struct Position {
        var selected: Int
        var top: Int
    }

    /// A table on `store` waiting for its first load (`loaded()` or a `StoreQuery`).
    public init(
        store: UserStore, filter: BrowserFilter = .none, sort: UserSort = UserSort(.name),
        height: Int
    ) {
        self.store = store
        self.filter = filter
        self.sort = sort
        self.height = max(1, height)
    }

    /// The selected user, when it is on screen (it always is after a move); nil while loading.
    public var selectedUser: StoredUser? {
        guard !isLoading else { return nil }
        let index = selected - top
        return rows.indices.contains(index) ? rows[index] : nil
    }

    /// The background query that loads the current request.
    public var query: StoreQuery {
        StoreQuery(channel: .usersTable, generation: generation, work: .usersTable(self))
    }

    /// This model with the count and visible rows read from the store: the work of `query`,
    /// run on the calling thread.
    public func loaded() -> UsersTableModel {
        var copy = self
        copy.load()
        return copy
    }

    /// Takes a loaded model if it answers the latest request, keeping this model's height and
    /// replaying the moves made while it loaded. Returns false for a stale one.
    @discardableResult
    public mutating func accept(_ loaded: UsersTableModel) -> Bool {
        guard loaded.generation == generation, isLoading else { return false }
        let moves = pendingMoves
        let currentHeight = height
        self = loaded
        pendingMoves = []
        resize(height: currentHeight)
        for move in moves { perform(move) }
        return true
    }

    /// Asks for the count and the visible rows again (after a sync changed the store).
    /// Returns the query to run.
    @discardableResult
    public mutating func reload() -> StoreQuery {
        if !isLoading { chosenScreenRow = selected - top }
        return request()
    }

    public mutating func move(by delta: Int) { perform(.by(delta)) }

    /// Makes the selected user the one later views follow, as a move to them does (the
    /// detail view opened on a user found by filtering, then the filter cleared).
    public mutating func chooseSelected() {
        chosenUserID = selectedUser?.id ?? chosenUserID
    }

    /// Moves a page (the visible height) keeping the selection at the same screen row.
    public mutating func page(by pages: Int) { perform(.page(pages)) }

    public mutating func jumpToTop() { perform(.top) }

    public mutating func jumpToEnd() { perform(.end) }

    /// A new viewport height (the terminal was resized); the selection stays on screen.
    public mutating func resize(height newHeight: Int) {
        let newHeight = max(1, newHeight)
        guard newHeight != height else { return }
        height = newHeight
        clampAndFetch()
    }

    /// Applies a new filter. The chosen user (`choose`, or the last one moved to) stays
    /// selected when the filter keeps them; otherwise the position last used with that filter
    /// comes back, else the table starts at the top. Returns the query to run, or nil when
    /// nothing changed.
    @discardableResult
    public mutating func setFilter(_ newFilter: BrowserFilter) -> StoreQuery? {
        guard newFilter != filter else { return nil }
        return switchView(filter: newFilter, sort: sort)
    }

    /// Sorts by `key`; the same key again reverses the order. Returns the query to run.
    @discardableResult
    public mutating func sort(by key: UserSort.Key) -> StoreQuery {
        let newSort = sort.key == key ? sort.reversed : UserSort(key)
        return switchView(filter: filter, sort: newSort)
    }

    private mutating func switchView(filter newFilter: BrowserFilter, sort newSort: UserSort)
        -> StoreQuery
    {
        // A view still loading was never shown: there is no position in it to remember, and
        // the user to follow is still the one selected before it.
        if !isLoading {
            chosenScreenRow = selected - top
            positions[PositionKey(filter: filter, sort: sort)] = Position(
                selected: selected, top: top)
        }
        filter = newFilter
        sort = newSort
        let remembered = positions[PositionKey(filter: filter, sort: sort)]
        selected = remembered?.selected ?? 0
        top = remembered?.top ?? 0
        pendingMoves = []
        return request()
    }

    private mutating func request() -> StoreQuery {
        generation += 1
        isLoading = true
        return query
    }

    private mutating func perform(_ move: Move) {
        if isLoading {
            pendingMoves.append(move)
            return
        }
        switch move {
        case .by(let delta):
            selected += delta
        case .page(let pages):
            let step = max(1, height - 1) * pages
            selected += step
            top += step
        case .top:
            selected = 0
        case .end:
            selected = total - 1
        }
        clampAndFetch()
        chosenUserID = selectedUser?.id ?? chosenUserID
    }

    /// True when the store's answers started over since the count was read (the clock hour
    /// turned, or another process synced): rows read now may not add up to `total` (users
    /// crossed an inactivity cutoff), so the table should load again.
    public var countIsStale: Bool {
        hasLoaded && !isLoading && store.answersGeneration != countedGeneration
    }

    /// Reads the count, the visible rows and the store facts (in the background).
    private mutating func load() {
        isLoading = false
        hasLoaded = true
        let position: Int?
        do {
            (total, countedGeneration, position) = try store.countAndPosition(
                filter.userFilter, sort: sort, ofUser: chosenUserID)
            storeTotal = try store.userCount()
            lastSync = try store.lastCompletedSync()?.endedAt
            storeIsPartial = try store.isPartial()
            storeWasPrepared = store.isPreparedForBrowsing
            error = nil
        } catch {
            total = 0
            rows = []
            self.error = "Cannot read the user store: \(error)"
            // Not stale: a store that cannot be read would otherwise be loaded again on every
            // tick. A later change of the answers (a sync, the hour) tries again.
            countedGeneration = store.answersGeneration
            return
        }
        guard let chosen = chosenUserID else {
            clampAndFetch()
            return
        }
        if let position {
            selected = position
            top = position - chosenScreenRow
            clampAndFetch()
        } else {
            clampAndFetch()
            // Without the store's snapshot the user is found only among the rows read.
            if let index = rows.firstIndex(where: { $0.id == chosen }) { selected = top + index }
        }
    }

    /// Keeps the selection inside the list and on screen, then reads the visible rows. Reads
    /// nothing while loading: the store may be busy with the load.
    private mutating func clampAndFetch() {
        guard !isLoading else { return }
        guard total > 0 else {
            selected = 0
            top = 0
            rows = []
            return
        }
        selected = min(max(0, selected), total - 1)
        top = min(max(0, top), max(0, total - height))
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        do {
            rows = try store.rows(filter.userFilter, sort: sort, offset: top, limit: height)
        } catch {
            rows = []
            self.error = "Cannot read the user store: \(error)"
        }
    }
}
