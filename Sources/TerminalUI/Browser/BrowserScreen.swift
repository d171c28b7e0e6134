import Foundation
import OktaCore
import UserStore

// FIXME: at about 680 lines this file still holds the handling of a store that changes
// underneath (ticks, stale reloads, the snapshot's builds); it would read better in a file of
// its own, which first needs much of the private state here made internal.

/// The users browser: the synced users in a table that stays instant at a million rows, with
/// a live filter, status and inactivity filters, sorting, a detail view, utilization charts,
/// export and Sync now. It reads only the local store.
///
/// It is a `Screen` pushed over the status screen (`AppContext.makeBrowser`, see `open`).
/// Keys resolve through the one key table; the work it cannot do itself (sync, quit, closing)
/// goes back as effects, and the driver's sync progress comes in through `apply`.
///
/// Counts and utilization figures take up to a second and a half at a million users, so they
/// never run on the UI thread: a new filter, sort or the utilization view returns an
/// `Effect.storeQuery`, the title says "counting…" or "computing…" meanwhile, and the result
/// arrives as `AppEvent.storeQueryFinished`. Keys keep working while it runs.
public struct BrowserScreen: Screen {
    /// Which view fills the body.
    public enum Mode: Sendable, Equatable {
        case table, detail, utilization
    }

    /// The export question on screen, if any.
    public enum ExportPrompt: Sendable, Equatable {
        case chooseFormat
        case confirmOverwrite(UsersReport.Format, URL)
    }

    /// A line of feedback in the status line, until the next key.
    public struct Notice: Sendable, Equatable {
        public var text: String
        public var isError: Bool
        /// A file path after `text`, shortened to fit the line (`Format.path`), then
        /// `afterPath`.
        public var path: String?
        public var afterPath = ""

        init(text: String, isError: Bool, path: String? = nil, afterPath: String = "") {
            self.text = text
            self.isError = isError
            self.path = path
            self.afterPath = afterPath
        }
    }

    public let storeURL: URL
    /// False over the users a disconnect left (`AppContext.BrowserRequest.canSync`).
    public let canSync: Bool
    /// Where exports are written (the state directory's data directory).
    public let exportDirectory: URL
    public private(set) var table: UsersTableModel
    public private(set) var mode: Mode = .table
    public private(set) var detail: UserDetail?
    public private(set) var utilization: Utilization?
    /// The utilization figures are being computed (the view says so until they arrive).
    public private(set) var isComputingUtilization = false
    private var utilizationGeneration = 0
    /// A `prepareForBrowsing` query is running (`prepareStore()`).
    private var isPreparingStore = false
    /// A filter confirmed with Enter while the snapshot was building (`waitsForSnapshot`).
    /// Any later change of the filter replaces it (`setFilter`); reopening `/` edits it.
    private var deferredFilterText: String?
    /// A sync finished while a build ran: the build will be abandoned, and should be
    /// followed at once by another rather than after `preparationRetryDelay`.
    private var storeChangedWhilePreparing = false
    /// When the last build was abandoned because the store changed meanwhile.
    private var preparationAbandonedAt: Date?
    /// The last build failed (e.g. an unreadable store): not retried until the next sync.
    private var preparationFailed = false
    /// Seconds to wait before building again after an abandoned build.
    static let preparationRetryDelay: TimeInterval = 10
    /// When the table last loaded again because the store's answers started over.
    private var staleReloadAt: Date?
    /// Seconds between such loads. While another process syncs, each of its commits starts
    /// the answers over, and at a million users a load's SQL count holds the store (and the
    /// table's moves) for up to a second: loading on every tick would leave the table
    /// "counting…" for the whole sync.
    static let staleReloadInterval: TimeInterval = 5
    /// When the store was last asked whether it changed (`StoreQuery.Work.noticeChanges`),
    /// at most once per `staleReloadInterval`.
    private var changesNoticedAt: Date
    /// Whether the store last said its snapshot is ready (filters of any length run live).
    private var storeIsPrepared = false
    private var preparationGeneration = 0
    private var pickerGeneration = 0
    public private(set) var picker: StatusPicker?
    /// The `/` filter while it is being typed.
    public private(set) var filterField: TextField?
    public internal(set) var exportPrompt: ExportPrompt?
    /// The question `q` asked because work would be lost (a sync or an export runs), while
    /// it is open.
    public private(set) var quitQuestion: String?
    /// The question `q` asks while an export runs, and what it becomes when the export ends
    /// first.
    public static let quitDuringExport = "An export is running. Quit and stop it?"
    public static let quitAfterExport = "The export has ended. Quit okta-connect?"
    /// Users received so far while a sync started here runs; nil when none runs.
    public private(set) var syncedSoFar: Int?
    /// When the last completed sync ended, as of the table's last load.
    public var lastSync: Date? { table.lastSync }
    /// Every current user in the store, whatever the filter, as of the table's last load.
    public var storeTotal: Int { table.storeTotal }
    public internal(set) var notice: Notice?
    /// The clock for relative dates; ticks move it on.
    public var now: Date
    private var filterBeforeTyping: BrowserFilter?
    let export: BrowserExport
    let viewport: Viewport

    /// Opens the browser on `store`, showing `filter` (a utilization bar's users, say) or,
    /// with `start: .utilization`, the charts. Nothing is read until `start()` returns the
    /// first queries. `height` is the number of table rows until the first render tells the
    /// real one (17 at 80×24).
    public init(
        store: UserStore, exportDirectory: URL, canSync: Bool = true,
        start: BrowserStart = .allUsers, now: Date = Date(), height: Int = 17,
        export: BrowserExport = BrowserExport()
    ) {
        storeURL = store.url
        self.exportDirectory = exportDirectory
        self.canSync = canSync
        self.now = now
        changesNoticedAt = now
        self.export = export
        viewport = Viewport(height: height)
        var filter = BrowserFilter.none
        if case .table(let first) = start { filter = first }
        table = UsersTableModel(store: store, filter: filter, height: height)
        if start == .utilization { mode = .utilization }
    }

    /// What `AppContext.makeBrowser` should be: opens the org's store read for browsing (on
    /// the request's view, unless `filter` is given) and
    /// exports into the state directory's data directory. When the store cannot be opened,
    /// a screen saying why (and what to do) is returned instead.
    public static func open(
        _ request: AppContext.BrowserRequest, filter: BrowserFilter? = nil
    ) -> any Screen {
        do {
            let store = try UserStore(url: request.databaseURL)
            return BrowserScreen(
                store: store, exportDirectory: request.paths.dataDirectory,
                canSync: request.canSync,
                start: filter.map { .table($0) } ?? request.start)
        } catch {
            return BrowserUnavailableScreen(
                reason: "The user store at \(request.databaseURL.path) cannot be opened: "
                    + "\(error). Check its permissions, or run okta-connect sync to rebuild it.")
        }
    }

    // MARK: - Screen

    public var title: String {
        switch mode {
        case .detail:
            return "Users › " + (detail?.user.displayName ?? "")
        case .utilization:
            guard let utilization, !isComputingUtilization else {
                return "Users · utilization · computing…"
            }
            return "Users · utilization · " + Format.counted(utilization.total, "user")
                + (table.storeIsPartial ? " so far" : "")
        case .table:
            return tableTitle(compact: false)
        }
    }

    public func title(fitting width: Int, widths: CellWidth) -> String {
        let full = title
        guard mode == .table, widths.width(of: full) > width else { return full }
        return tableTitle(compact: true)
    }

    /// "Users · 3 of 12 · filter: ali · status: ACTIVE"; `compact` says the filter in fewer
    /// words (`BrowserFilter.summary(compact:)`).
    private func tableTitle(compact: Bool) -> String {
        let position = table.total == 0 ? 0 : table.selected + 1
        var text =
            table.isLoading
            ? "Users · counting…"
            : "Users · \(Format.count(position)) of \(Format.count(table.total))"
        if let deferredFilterText {
            var pending = table.filter
            pending.text = deferredFilterText
            text += " · " + pending.summary(compact: compact)
            text += compact ? " (loading index…)" : " (loading the search index…)"
        } else {
            let summary = table.filter.summary(compact: compact)
            if !summary.isEmpty { text += " · " + summary }
        }
        let shown = UsersTableView(width: viewport.width).columns
        if !shown.contains(where: { $0.key == table.sort.key }) {
            // The sorted column is too wide for the terminal: no header carries its arrow.
            let title = UsersTableView(width: 120).columns.first { $0.key == table.sort.key }
            text += " · by \(title?.title ?? "") \(table.sort.descending ? "↓" : "↑")"
        }
        return text
    }

    public var keyContexts: [KeyContext] {
        if quitQuestion != nil { return [.confirming] }
        switch exportPrompt {
        case .confirmOverwrite?: return [.confirming]
        case .chooseFormat?: return [.browserExport]
        case nil: break
        }
        if picker != nil { return [.browserPicker] }
        if filterField != nil { return [.browserFilter, .typing] }
        let busy: [KeyContext] = syncedSoFar == nil ? [] : [.busy]
        switch mode {
        case .table: return busy + [.browser]
        case .detail: return [.browserDetail]
        case .utilization: return busy + [.browserUtilization]
        }
    }

    public mutating func start() -> [Effect] {
        var effects: [Effect] = [.storeQuery(table.query)]
        if mode == .utilization { effects += computeUtilization() }
        return effects + prepareStore()
    }

    /// Builds the store's in-memory snapshot in the background unless a build runs or a sync
    /// is writing (each page would make it stale). Until it is ready, filters are answered by
    /// SQL: the same rows, slower at a million users.
    private mutating func prepareStore() -> [Effect] {
        guard !isPreparingStore, syncedSoFar == nil, !preparationFailed else { return [] }
        // Another process is probably syncing: each build would be abandoned again.
        if let abandoned = preparationAbandonedAt,
            now.timeIntervalSince(abandoned) < Self.preparationRetryDelay
        {
            return []
        }
        isPreparingStore = true
        preparationGeneration += 1
        return [
            .storeQuery(
                StoreQuery(
                    channel: .browsingSnapshot, generation: preparationGeneration,
                    work: .prepareForBrowsing(table.store)))
        ]
    }

    public mutating func handle(_ key: Key) -> [Effect] {
        followViewport()
        notice = nil
        takeExportResult()
        guard let action = KeyTable.action(for: key, in: keyContexts) else { return [] }
        if quitQuestion != nil {
            quitQuestion = nil
            guard action == .confirm else { return [] }
            // The process ends with the export's task: no half-written file stays behind.
            BrowserExport.discardPartials()
            return [.cancelWork, .quit]
        }
        if exportPrompt != nil { return answerExport(action) }
        if picker != nil { return handlePicker(action) }
        if filterField != nil { return handleFilter(action, key: key) }
        switch action {
        case .quit:
            if syncedSoFar != nil {
                quitQuestion = AppState.quitDuringSync
            } else if export.isRunning {
                quitQuestion = Self.quitDuringExport
            } else {
                return [.quit]
            }
            return []
        case .syncNow: return startSync()
        default: break
        }
        switch mode {
        case .table: return handleTable(action, key: key)
        case .detail: return handleDetail(action)
        case .utilization: return handleUtilization(action)
        }
    }

    public mutating func apply(_ event: AppEvent) -> [Effect] {
        switch event {
        case .tick(let date):
            now = date
            takeExportResult()
            if quitQuestion == Self.quitDuringExport, !export.isRunning {
                quitQuestion = Self.quitAfterExport
            }
            if syncedSoFar != nil, !table.isLoading { return [.storeQuery(table.reload())] }
            if let reload = reloadIfStale() { return reload }
            if !storeIsPrepared, preparationAbandonedAt != nil { return prepareStore() }
            if table.hasLoaded, !table.isLoading,
                date.timeIntervalSince(changesNoticedAt) >= Self.staleReloadInterval
            {
                // Nothing here reads the store while the user only looks: ask it whether
                // another process synced (or the hour turned), so the table follows.
                changesNoticedAt = date
                return [
                    .storeQuery(
                        StoreQuery(
                            channel: .storeChanges, generation: 0,
                            work: .noticeChanges(table.store)))
                ]
            }
        case .syncProgress(let progress):
            if syncedSoFar != nil { syncedSoFar = progress.users }
        case .syncFinished:
            syncedSoFar = nil
            if quitQuestion == AppState.quitDuringSync { quitQuestion = AppState.quitAfterSync }
            preparationFailed = false
            preparationAbandonedAt = nil
            if isPreparingStore { storeChangedWhilePreparing = true }
            return reloadTableAndCharts() + prepareStore()
        case .storeQueryFinished(let result):
            return take(result)
        default:
            break
        }
        return []
    }

    /// Takes a finished query's result when it answers this screen's latest request.
    private mutating func take(_ result: StoreQueryResult) -> [Effect] {
        switch (result.channel, result.value) {
        case (.usersTable, .usersTable(let loaded)):
            if table.accept(loaded) {
                storeIsPrepared = loaded.storeWasPrepared
                if !storeIsPrepared { return prepareStore() }
            }
        case (.browsingSnapshot, let value):
            guard result.generation == preparationGeneration else { return [] }
            isPreparingStore = false
            var effects: [Effect] = []
            switch value {
            case .prepared(let ready):
                storeIsPrepared = ready
                preparationAbandonedAt = ready ? nil : now
                if !ready, storeChangedWhilePreparing {
                    // Our own sync made it stale and has ended: nothing is writing now.
                    preparationAbandonedAt = nil
                    effects = prepareStore()
                }
            default:
                // SQL keeps answering; a build that failed once would fail on every load.
                preparationFailed = true
            }
            storeChangedWhilePreparing = false
            // A filter kept back while the snapshot was building applies now: from the
            // snapshot, or by SQL if the build did not finish and none follows it (Enter, or
            // 3+ characters).
            if let text = deferredFilterText, !waitsForSnapshot(text) {
                return effects + (applyFilterText(text).map { [.storeQuery($0)] } ?? [])
            }
            if isFilterPending, let text = filterField?.text,
                !Self.waitsForMoreText(
                    text, storeTotal: storeTotal, storeIsPrepared: storeIsPrepared,
                    limit: liveFilterLimit), !waitsForSnapshot(text)
            {
                return effects + (applyFilterText(text).map { [.storeQuery($0)] } ?? [])
            }
            return effects
        case (.storeChanges, _):
            return reloadIfStale() ?? []
        case (.statusCounts, .statusCounts(let counts)):
            guard result.generation == pickerGeneration else { return [] }
            picker?.setCounts(counts, current: table.filter.statuses)
        case (.browserUtilization, _):
            guard result.generation == utilizationGeneration, isComputingUtilization else {
                return []
            }
            isComputingUtilization = false
            switch result.value {
            case .utilization(var figures):
                // The same bar stays selected, wherever its new count puts it.
                let previous = utilization?.selectedBar
                figures.selected =
                    figures.allBars.firstIndex { $0.filter == previous?.filter }
                    ?? min(utilization?.selected ?? 0, max(0, figures.allBars.count - 1))
                utilization = figures
            case .failed(let text):
                notice = Notice(text: text, isError: true)
                if utilization == nil { mode = .table }
            case .usersTable, .statusCounts, .prepared, .noticed:
                break
            }
        default:
            break
        }
        return []
    }

    // MARK: - Keys per view

    private mutating func handleTable(_ action: Action, key: Key) -> [Effect] {
        var query: StoreQuery?
        switch action {
        case .moveUp: table.move(by: -1)
        case .moveDown: table.move(by: 1)
        case .pageUp: table.page(by: -1)
        case .pageDown: table.page(by: 1)
        case .jumpTop: table.jumpToTop()
        case .jumpBottom: table.jumpToEnd()
        case .openDetail: openDetail()
        case .startFilter:
            filterBeforeTyping = table.filter
            // Text still waiting for the index is what the user last typed: edit that.
            filterField = TextField(text: deferredFilterText ?? table.filter.text)
            deferredFilterText = nil
        case .pickStatuses:
            picker = StatusPicker(counts: nil, current: table.filter.statuses)
            pickerGeneration += 1
            return [
                .storeQuery(
                    StoreQuery(
                        channel: .statusCounts, generation: pickerGeneration,
                        work: .statusCounts(url: storeURL, shared: table.store)))
            ]
        case .cycleInactivity:
            var filter = table.filter
            filter.inactivity = filter.inactivity == nil ? .never : filter.inactivity?.next
            filter.lastLogin = nil
            query = setFilter(filter, keepingWaitingText: true)
        case .sortBy:
            guard case .character(let character) = key, let number = character.wholeNumberValue,
                (1...UserSort.Key.allCases.count).contains(number)
            else { return [] }
            query = table.sort(by: Self.sortKeys[number - 1])
        case .clearFilters:
            query = setFilter(.none)
        case .showUtilization:
            return openUtilization()
        case .exportView:
            if deferredFilterText != nil {
                // The table still shows the filter before the waiting text.
                notice = Notice(
                    text: "The filter waits for the search index; export once the table shows it.",
                    isError: false)
            } else if table.isLoading {
                notice = Notice(
                    text: "Still counting this view; export once the count is shown.",
                    isError: false)
            } else if table.total == 0 {
                notice = Notice(text: "Nothing to export: no users in this view.", isError: false)
            } else {
                exportPrompt = .chooseFormat
            }
        case .back:
            if syncedSoFar != nil { return [.cancelWork] }
            if table.filter.isEmpty, deferredFilterText == nil { return [.closeScreen] }
            query = setFilter(.none)
        default:
            break
        }
        return query.map { [.storeQuery($0)] } ?? []
    }

    /// The sort keys in column order (keys 1 to 5).
    static let sortKeys: [UserSort.Key] = [.name, .login, .status, .lastLogin, .created]

    private mutating func handleDetail(_ action: Action) -> [Effect] {
        let page = max(1, viewport.height - 1)
        switch action {
        case .moveUp: scrollDetail(by: -1)
        case .moveDown: scrollDetail(by: 1)
        case .pageUp: scrollDetail(by: -page)
        case .pageDown: scrollDetail(by: page)
        case .jumpTop: scrollDetail(by: -Int.max / 2)
        case .jumpBottom: scrollDetail(by: Int.max / 2)
        case .back:
            mode = .table
            detail = nil
        default: break
        }
        return []
    }

    private mutating func handleUtilization(_ action: Action) -> [Effect] {
        switch action {
        case .moveUp: utilization?.move(by: -1)
        case .moveDown: utilization?.move(by: 1)
        case .jumpTop: utilization?.move(by: -Int.max / 2)
        case .jumpBottom: utilization?.move(by: Int.max / 2)
        case .activate:
            guard let bar = utilization?.selectedBar else { return [] }
            guard !isComputingUtilization else {
                // The figures on screen are being counted again (the store changed).
                notice = Notice(
                    text: "Counting these figures again; press Enter once they are shown.",
                    isError: false)
                return []
            }
            mode = .table
            return setFilter(bar.filter).map { [.storeQuery($0)] } ?? []
        case .back, .showUtilization:
            if syncedSoFar != nil, action == .back { return [.cancelWork] }
            mode = .table
        default: break
        }
        return []
    }

    private mutating func handlePicker(_ action: Action) -> [Effect] {
        switch action {
        case .moveUp: picker?.move(by: -1)
        case .moveDown: picker?.move(by: 1)
        case .jumpTop: picker?.jumpToTop()
        case .jumpBottom: picker?.jumpToEnd()
        case .toggleItem: picker?.toggle()
        case .toggleAll: picker?.toggleAll()
        case .activate:
            var filter = table.filter
            filter.statuses = picker?.statuses
            picker = nil
            return setFilter(filter, keepingWaitingText: true).map { [.storeQuery($0)] } ?? []
        case .back:
            picker = nil
        default: break
        }
        return []
    }

    private mutating func handleFilter(_ action: Action, key: Key) -> [Effect] {
        var query: StoreQuery?
        switch action {
        case .activate:
            if let field = filterField {
                if field.text != table.filter.text, waitsForSnapshot(field.text) {
                    // SQL would hold the store (and every key) for up to a second and a half.
                    deferredFilterText = field.text
                    notice = Notice(
                        text: "Filtering as soon as the search index has loaded (a moment)…",
                        isError: false)
                } else {
                    query = applyFilterText(field.text)
                }
            }
            filterField = nil
            filterBeforeTyping = nil
        case .back:
            let previous = (filterBeforeTyping ?? table.filter).withoutText
            filterField = nil
            filterBeforeTyping = nil
            deferredFilterText = nil
            query = setFilter(previous)
        case .moveUp: table.move(by: -1)
        case .moveDown: table.move(by: 1)
        case .editText, .pasteText:
            guard var field = filterField else { return [] }
            field.apply(key)
            filterField = field
            if !Self.waitsForMoreText(
                field.text, storeTotal: storeTotal, storeIsPrepared: storeIsPrepared,
                limit: liveFilterLimit), !waitsForSnapshot(field.text)
            {
                query = applyFilterText(field.text)
            }
        default: break
        }
        return query.map { [.storeQuery($0)] } ?? []
    }

    /// Above this many users, a one- or two-character filter is applied on Enter only while
    /// the store's in-memory snapshot is not ready.
    public static let shortFilterLiveLimit = 100_000

    /// True when `text` is too short to filter a large store live: without the snapshot the
    /// store's text index needs three characters, and shorter text makes SQLite scan every
    /// row (0.2–0.4 s at a million). With it, every length takes under 35 ms.
    static func waitsForMoreText(
        _ text: String, storeTotal: Int, storeIsPrepared: Bool,
        limit: Int = shortFilterLiveLimit
    ) -> Bool {
        guard !storeIsPrepared else { return false }
        let length = text.trimmingEdges().count
        return storeTotal > limit && length > 0 && length < 3
    }

    /// `shortFilterLiveLimit` for this screen (tests lower it to reach the waiting path).
    var liveFilterLimit = BrowserScreen.shortFilterLiveLimit

    /// True when `text` should wait for the snapshot being built: in a large store its SQL
    /// fallback can take over a second, and the table's moves wait for it (the same lock),
    /// while the snapshot is ready within about two seconds of opening.
    func waitsForSnapshot(_ text: String) -> Bool {
        isPreparingStore && storeTotal > liveFilterLimit && !text.trimmingEdges().isEmpty
    }

    /// True while typing text that `waitsForMoreText` holds back.
    var isFilterPending: Bool {
        guard let field = filterField else { return false }
        return field.text != table.filter.text
    }

    private mutating func applyFilterText(_ text: String) -> StoreQuery? {
        var filter = table.filter
        filter.text = text
        return setFilter(filter)
    }

    /// Shows `filter`. Every change of the filter goes through here. A new text, a clear or
    /// a utilization bar (which sets the whole filter) replaces text still waiting for the
    /// search index, which must not come back over that later choice; a status or
    /// inactivity change (`keepingWaitingText`) adds to it.
    private mutating func setFilter(
        _ filter: BrowserFilter, keepingWaitingText: Bool = false
    ) -> StoreQuery? {
        if !keepingWaitingText { deferredFilterText = nil }
        return table.setFilter(filter)
    }

    // MARK: - Actions

    private mutating func openDetail() {
        guard let row = table.selectedUser else { return }
        table.chooseSelected()
        let full = (try? table.store.user(id: row.id)) ?? nil
        detail = UserDetail(user: full ?? row, now: now)
        mode = .detail
    }

    private mutating func scrollDetail(by delta: Int) {
        detail?.scroll(
            by: delta, height: viewport.height + 1, width: viewport.width,
            widths: viewport.widths)
    }

    /// Shows the charts; they are computed afresh each time (the store may have changed).
    private mutating func openUtilization() -> [Effect] {
        mode = .utilization
        utilization = nil
        return computeUtilization()
    }

    /// Loads the table (and the charts shown) again when the store's answers started over
    /// since its count, at most once per `staleReloadInterval`.
    private mutating func reloadIfStale() -> [Effect]? {
        guard table.countIsStale else { return nil }
        if let last = staleReloadAt, now.timeIntervalSince(last) < Self.staleReloadInterval {
            return nil
        }
        staleReloadAt = now
        return reloadTableAndCharts()
    }

    /// Loads the table again after the store changed, and the charts when they are shown
    /// (their bars must count what the table they open counts). Charts not shown are
    /// dropped: opening them computes them afresh anyway.
    private mutating func reloadTableAndCharts() -> [Effect] {
        var effects: [Effect] = [.storeQuery(table.reload())]
        if mode == .utilization {
            effects += computeUtilization()
        } else {
            utilization = nil
        }
        return effects
    }

    private mutating func computeUtilization() -> [Effect] {
        utilizationGeneration += 1
        isComputingUtilization = true
        return [
            .storeQuery(
                StoreQuery(
                    channel: .browserUtilization, generation: utilizationGeneration,
                    work: .utilization(url: storeURL, now: now, shared: table.store)))
        ]
    }

    private mutating func startSync() -> [Effect] {
        guard syncedSoFar == nil else { return [] }
        guard canSync else {
            notice = Notice(
                text: "Not connected, so nothing to sync from: Esc, then Connect.",
                isError: false)
            return []
        }
        syncedSoFar = 0
        return [.startSync]
    }

    /// Takes over the table height the last render found (after a resize).
    private mutating func followViewport() {
        table.resize(height: viewport.height)
    }
}
