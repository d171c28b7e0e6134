import Foundation
import OktaCore
import UserStore

/// Carries out effects against the real world (the org, the saved connection, the user
/// store, files) off the UI thread, and queues what happened as `AppEvent`s.
///
/// The UI loop calls `perform` for each effect and `takeEvents` on every turn, so long work
/// (a check, a sync) never freezes the screen. Tests use the same driver against the
/// simulated org, without a terminal, and wait with `waitUntilIdle`.
public final class AppDriver: Sendable {
    public let context: AppContext
    private let queue = Locked<[AppEvent]>([])
    private let work = Locked<Task<Void, Never>?>(nil)
    private let queries: StoreQueryRunner

    public init(context: AppContext) {
        self.context = context
        let queue = self.queue
        queries = StoreQueryRunner { event in queue.withLock { $0.append(event) } }
    }

    /// The events queued since the last call, oldest first.
    public func takeEvents() -> [AppEvent] {
        queue.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }

    /// Waits until the current check or sync has finished (for tests and shutdown).
    public func waitUntilIdle() async {
        let task = work.withLock { $0 }
        await task?.value
    }

    /// Blocks until every submitted store query has posted its result (for tests).
    public func waitForQueries() {
        queries.waitUntilIdle()
    }

    /// The saved connection as the screens show it, with the local store's sync facts;
    /// `orgName` (what a check just learned) wins over the saved name.
    public func loadSummary(orgName: String? = nil) -> ConnectionSummary? {
        guard let saved = try? context.store.load(), let org = saved.org else { return nil }
        var summary = ConnectionSummary(
            org: org, state: saved.state == .expired ? .expired : .connected,
            ownerLogin: saved.tokenOwner?.login, ownerDisplayName: saved.tokenOwner?.displayName,
            orgName: orgName ?? saved.orgName, connectedAt: saved.connectedAt,
            lastChecked: saved.lastChecked,
            lastCheckPassed: saved.lastCheckPassed, lastCheckMessage: saved.lastCheckMessage,
            tokenLastUsed: saved.tokenLastUsed)
        let database = context.paths.databaseFile(for: org)
        if UserStore.exists(at: database), let users = try? UserStore(url: database) {
            summary.databaseURL = database
            summary.userCount = try? users.userCount()
            summary.lastSync = (try? users.lastCompletedSync())?.flatMap { $0.endedAt }
            summary.storeIsPartial = (try? users.isPartial()) ?? false
        }
        return summary
    }

    /// Starts the work `effect` asks for. Returns false for effects only the terminal can
    /// carry out (clipboard, repaint, quit), which the caller handles.
    @discardableResult
    public func perform(_ effect: Effect) -> Bool {
        switch effect {
        case .connect(let org, let token):
            start { [self] in await connect(org: org, token: token) }
        case .checkSaved:
            start { [self] in await checkSaved() }
        case .cancelWork:
            work.withLock { $0?.cancel() }
        case .startSync:
            start { [self] in await sync() }
        case .openURL(let url):
            let opened = context.openURL(url)
            context.logger.log("open \(url.absoluteString): \(opened ? "started" : "no opener")")
            post(.urlOpened(url, opened: opened))
        case .writeInvitation(let text):
            writeInvitation(text)
        case .disconnect:
            do {
                try context.store.disconnect(purge: false)
                context.logger.log("disconnected")
                post(.disconnected)
            } catch {
                post(.disconnectFailed("Could not delete the saved connection: \(error)"))
            }
        case .browseUsers(let start):
            let savedOrg = (try? context.store.load())?.org
            guard let database = context.paths.databaseFileToRead(savedOrg: savedOrg) else {
                return true
            }
            let request = AppContext.BrowserRequest(
                databaseURL: database, paths: context.paths, start: start,
                canSync: savedOrg != nil)
            post(.pushScreen(context.makeBrowser?(request)))
        case .storeQuery(let query):
            queries.submit(query)
        case .copyToClipboard, .repaint, .quit, .closeScreen:
            return false
        }
        return true
    }

    private func post(_ event: AppEvent) {
        queue.withLock { $0.append(event) }
    }

    private func start(_ body: @escaping @Sendable () async -> Void) {
        work.withLock { current in
            current?.cancel()
            current = Task.detached(operation: body)
        }
    }

    private func connect(org: OrgAddress, token: APIToken) async {
        let service = ConnectionService(
            store: context.store, clock: context.clock, makeClient: context.makeClient)
        do {
            let report = try await service.connect(org: org, token: token) { [self] report in
                post(.checkProgress(Self.lines(of: report)))
            }
            context.logger.log("connect \(org): \(ConnectionService.summary(of: report))")
            post(.checkFinished(Self.outcome(of: report)))
            guard report.ok else { return }
            if let summary = loadSummary(orgName: report.orgName) {
                post(.connectionSaved(summary))
            }
        } catch {
            context.logger.log("connect \(org): saving failed: \(error)")
            post(
                .connectionSaveFailed(
                    "The check passed but the connection could not be saved: \(error)"))
        }
    }

    private func checkSaved() async {
        let service = ConnectionService(
            store: context.store, clock: context.clock, makeClient: context.makeClient)
        do {
            guard
                let report = try await service.test(onUpdate: { [self] report in
                    post(.checkProgress(Self.lines(of: report)))
                })
            else {
                post(
                    .checkFinished(
                        CheckOutcome(
                            passed: false, lines: [],
                            diagnosis: Diagnosis(
                                summary: "No connection is saved.", nextStep: "Choose Connect."))))
                return
            }
            context.logger.log("check saved: \(ConnectionService.summary(of: report))")
            post(.checkFinished(Self.outcome(of: report)))
            if let summary = loadSummary(orgName: report.orgName) {
                post(.summaryRefreshed(summary))
            }
        } catch {
            post(
                .checkFinished(
                    CheckOutcome(
                        passed: false, lines: [],
                        diagnosis: Diagnosis(
                            summary: "The saved connection could not be read: \(error)",
                            nextStep: "Disconnect and connect again."))))
        }
    }

    private func sync() async {
        do {
            guard let saved = try context.store.load(), let org = saved.org,
                let token = try context.store.token()
            else {
                post(
                    .syncFinished(
                        .failed(
                            Diagnosis(
                                summary: "No connection is saved.", nextStep: "Choose Connect."))))
                return
            }
            try context.paths.createDirectories()
            let store = try UserStore(url: context.paths.databaseFile(for: org))
            let runner = SyncRunner(
                store: store, client: context.makeClient(org, token), clock: context.clock)
            let summary = await runner.run { [self] progress in
                post(
                    .syncProgress(
                        SyncCounts(
                            users: progress.users, pages: progress.pages,
                            rateLimitWaits: progress.rateLimited,
                            waitSeconds: progress.rateLimitWaitSeconds,
                            // A total for full syncs only: an incremental one fetches
                            // just the changed users.
                            expectedTotal: progress.percent == nil ? nil : progress.expectedTotal
                        )))
            }
            context.logger.log("sync \(org): \(summary.text)")
            if summary.tokenRejected {
                try? context.store.markExpired(
                    message: summary.oktaError?.summary, at: context.clock.now)
            } else if summary.outcome == .completed {
                try? context.store.recordTokenUse(at: context.clock.now)
            }
            post(.syncFinished(Self.outcome(of: summary)))
            if let refreshed = loadSummary() { post(.summaryRefreshed(refreshed)) }
        } catch {
            context.logger.log("sync failed: \(error)")
            post(
                .syncFinished(
                    .failed(
                        Diagnosis(
                            summary: "The local user store could not be opened: \(error)",
                            nextStep:
                                "Check the permissions of \(context.paths.dataDirectory.path)."))))
        }
    }

    private func writeInvitation(_ text: String) {
        let file = context.paths.invitationFile
        do {
            try context.paths.createDirectories()
            try Data(text.utf8).write(to: file, options: .atomic)
            post(.invitationWritten(path: file.path, text: text))
        } catch {
            post(
                .invitationFailed(
                    "Could not write \(file.path): \(error). Check that the directory is writable.")
            )
        }
    }

    // MARK: - Mapping core results to screen values

    static func lines(of report: CheckReport) -> [CheckLine] {
        report.steps.map { step in
            let status: CheckLine.Status =
                switch step.status {
                case .pending: .pending
                case .running: .running
                case .pass: .pass
                case .fail: .fail
                case .warn: .warn
                case .skipped: .skipped
                }
            return CheckLine(
                title: step.step.title, status: status, message: step.message,
                duration: step.duration)
        }
    }

    static func outcome(of report: CheckReport) -> CheckOutcome {
        CheckOutcome(
            passed: report.ok, lines: lines(of: report), ownerId: report.owner?.id,
            ownerLogin: report.owner?.login, ownerDisplayName: report.owner?.displayName,
            orgName: report.orgName, diagnosis: report.failure.map(diagnosis(of:)))
    }

    static func diagnosis(of error: OktaError) -> Diagnosis {
        Diagnosis(
            summary: error.summary,
            nextStep: error.kind == .cancelled ? "Cancelled." : error.nextStep,
            requestId: error.requestId, tokenRejected: error.kind == .tokenRejected)
    }

    static func outcome(of summary: SyncSummary) -> SyncOutcome {
        switch summary.outcome {
        case .completed:
            return .finished(
                users: summary.total, pages: summary.pages, seconds: summary.seconds,
                changes: SyncChanges(
                    added: summary.added, updated: summary.updated, removed: summary.removed))
        case .interrupted, .running:
            return .cancelled
        case .tokenRejected, .failed:
            if let error = summary.oktaError { return .failed(diagnosis(of: error)) }
            return .failed(
                Diagnosis(
                    summary: summary.storeError ?? "The sync failed.", nextStep: "Retry the sync."))
        }
    }
}
