import Dispatch
import Foundation
import OktaCore
import UserStore

/// `okta-connect sync [--full] [--json]`: fetch the org's users into the local store.
///
/// Progress goes to stderr (a live line on a terminal, a plain line every few seconds
/// otherwise); the summary goes to stdout. Ctrl-C or SIGTERM stops after the current page and
/// keeps everything stored so far.
enum SyncCommand {
    static func run(_ environment: AppEnvironment) async -> ExitStatus {
        let console = environment.console
        guard let (saved, org, token) = try? environment.savedConnection() else {
            console.err(NotConnected.message(demo: environment.invocation.demo))
            return .notConnected
        }
        if saved.state == .expired {
            console.err(
                "Access expired: Okta rejected the saved token. Create a new token and "
                    + "reconnect (okta-connect, then Reconnect; or okta-connect connect).")
            return .tokenRejected
        }
        let store: UserStore
        do {
            store = try UserStore(url: environment.paths.databaseFile(for: org))
        } catch {
            console.err("\(error)")
            return .failure
        }

        let client = environment.makeClient(org, token)
        let runner = SyncRunner(
            store: store, client: client,
            options: SyncRunner.Options(forceFull: environment.invocation.full))
        let reporter = ProgressReporter(live: console.stderrIsTerminal)

        let task = Task { await runner.run { reporter.report($0) } }
        let signals = SignalCancellation(signals: [SIGINT, SIGTERM]) {
            reporter.interrupting()
            task.cancel()
        }
        let summary = await task.value
        signals.restore()
        reporter.finish()

        if let used = client.statistics.tokenLastUsed {
            try? environment.store.recordTokenUse(at: used)
        }
        if summary.tokenRejected {
            try? environment.store.markExpired(message: summary.oktaError?.summary)
        }
        environment.logger.log(
            "sync \(summary.mode.rawValue) \(summary.outcome.rawValue): +\(summary.added) "
                + "~\(summary.updated) -\(summary.removed) total \(summary.total), "
                + "\(summary.requests) requests, \(summary.rateLimited) x 429")
        let text = summary.text(program: CommandHint.program(demo: environment.invocation.demo))
        if environment.invocation.json {
            console.out(summary.json)
            if summary.outcome != .completed { console.err(Console.safeLines(text)) }
        } else {
            console.out(Console.safeLines(text))
        }
        return summary.exitStatus
    }
}

/// Writes sync progress to stderr without flooding it: a live line on a terminal, otherwise a
/// plain line every few seconds and the last state at the end.
final class ProgressReporter: Sendable {
    private let live: Bool
    private let state = Locked<(lastWrite: Date?, pending: SyncProgress?)>((nil, nil))

    init(live: Bool) {
        self.live = live
    }

    func report(_ progress: SyncProgress) {
        let now = Date()
        let due = state.withLock { state -> Bool in
            let interval: TimeInterval = live ? 0.1 : 5
            guard state.lastWrite.map({ now.timeIntervalSince($0) >= interval }) ?? true else {
                state.pending = progress
                return false
            }
            state = (now, nil)
            return true
        }
        guard due else { return }
        if live {
            Console().status(progress.line)
        } else {
            Console().err(progress.line)
        }
    }

    func interrupting() {
        Console().err((live ? "\n" : "") + "Stopping after the current page…")
    }

    func finish() {
        let pending = state.withLock { $0.pending }
        if live {
            Console().status("")
        } else if let pending {
            Console().err(pending.line)
        }
    }
}

/// Turns SIGINT/SIGTERM into a callback (e.g. cancelling a sync) instead of killing the
/// process mid-write, and restores the default handlers afterwards.
final class SignalCancellation {
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        self.signals = signals
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    func restore() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
