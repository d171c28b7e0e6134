import Foundation
import OktaCore

/// The whole terminal app as a value: which step, what was typed, what runs, what is shown.
///
/// `handle(_:)` turns a key into a new state plus effects and `apply(_:)` folds in what the
/// effects reported; `render(environment:)` draws it. Nothing here does I/O, so every screen
/// and every transition is a unit test away.
public struct AppState: Sendable {
    /// Below this size the app shows "terminal too small" (and still accepts `q`).
    public static let minimumColumns = 60
    public static let minimumRows = 18

    public var step: SetupStep
    /// The saved connection as last read; nil when not connected.
    public var saved: ConnectionSummary?
    public var domain = TextField()
    public var token = TextField(isMasked: true)
    /// Index into `controls`.
    public var focus = 0
    /// Why the typed token was refused, shown under the field until it is edited.
    public var tokenError: String?
    public var check: CheckRun?
    public var sync: SyncActivity?
    public var invitation: InvitationNote?
    public var message: Message?
    public var overlay: Overlay?
    /// The first line of the help overlay shown (it scrolls when taller than the terminal).
    public var helpScroll = 0
    /// Reconnect replaces the saved token only when the new one passes.
    public var isReconnecting = false
    public var demo: DemoHint?
    public var now: Date
    /// Advances with every tick; drives the spinner.
    public var tickCount = 0
    public var columns: Int
    public var rows: Int
    /// A screen on top of the status screen (the users browser).
    public var pushed: (any Screen)?
    /// The status screen's utilization panel.
    public var panel = UtilizationPanel()
    /// Set once the app should end; the runner stops its loop.
    public private(set) var hasQuit = false

    /// Starts at step 1 when nothing is saved, at the status screen otherwise.
    public init(
        saved: ConnectionSummary?, demo: DemoHint? = nil, now: Date = Date(), columns: Int = 80,
        rows: Int = 24
    ) {
        self.saved = saved
        self.demo = demo
        self.now = now
        self.columns = columns
        self.rows = rows
        step = saved == nil ? .initiate : .status
    }

    // MARK: - Derived state

    public var isTooSmall: Bool { columns < Self.minimumColumns || rows < Self.minimumRows }

    /// The fields and buttons of the current screen, in Tab order.
    public var controls: [Control] {
        switch step {
        case .initiate: return [.connect, .invite]
        case .logIn: return [.domain, .openConsole, .continueToToken]
        case .enterToken: return [.domain, .token, .runCheck]
        case .status:
            if check?.isRunning == true || check?.saving == true || sync?.isRunning == true {
                return []
            }
            if let outcome = check?.outcome, !outcome.passed {
                return check?.purpose == .recheck
                    ? [.reconnect, .checkAgain, .disconnect] : [.editEntry, .tryAgain]
            }
            guard let saved else { return [] }
            if saved.state == .expired { return [.reconnect, .checkAgain, .disconnect] }
            let bars = showsFullPanel ? panel.figures?.allBars.count ?? 0 : 0
            return [.syncNow, .browse, .reconnect, .disconnect] + (0..<bars).map(Control.usageBar)
        }
    }

    /// True when the status screen has room for the whole utilization panel (its bars can
    /// then be focused); otherwise it shows the one-line summary.
    public var showsFullPanel: Bool {
        guard step == .status, check == nil || check?.outcome?.passed == true,
            check?.saving != true, let figures = panel.figures, hasPanel
        else { return false }
        return StatusScreen.roomForPanel(self) >= figures.lineCount
    }

    /// The panel applies: connected, with users in the local store.
    var hasPanel: Bool {
        guard let saved, saved.state == .connected, saved.databaseURL != nil else { return false }
        return (saved.userCount ?? 0) > 0
    }

    public var focusedControl: Control? {
        let all = controls
        return all.isEmpty ? nil : all[min(max(0, focus), all.count - 1)]
    }

    /// True when keys type into a field rather than run commands.
    public var isTyping: Bool {
        overlay == nil && pushed == nil && !isTooSmall
            && (focusedControl == .domain || focusedControl == .token)
    }

    public var isBusy: Bool { check?.isRunning == true || sync?.isRunning == true }

    /// The org typed so far, when it parses.
    public var typedOrg: OrgAddress? { try? OrgAddress(parsing: domain.text) }

    /// The org whose admin console the guidance can link to.
    public var knownOrg: OrgAddress? { typedOrg ?? saved?.org }

    /// Key contexts, most specific first.
    public var keyContexts: [KeyContext] {
        if isTooSmall { return [.tooSmall] }
        switch overlay {
        case .help: return [.helpOverlay]
        case .confirmQuit, .confirmDisconnect: return [.confirming]
        case nil: break
        }
        if let pushed { return pushed.keyContexts }
        var contexts: [KeyContext] = []
        if isBusy { contexts.append(.busy) }
        contexts.append(isTyping ? .typing : .navigating)
        if step == .logIn || step == .enterToken, knownOrg?.adminConsoleURL != nil {
            contexts.append(.adminConsole)
        }
        if step == .initiate, invitation != nil { contexts.append(.invitation) }
        if step == .status, !isBusy, let saved, controls.contains(.reconnect) {
            // An expired token cannot sync: its keys are not offered (nor shown) until a
            // Reconnect or a passing check.
            contexts.append(saved.state == .expired ? .expired : .connected)
            if hasPanel { contexts.append(.usersSynced) }
        }
        contexts.append(.setup)
        return contexts
    }

    // MARK: - Keys

    /// The work to start with: the utilization panel's figures when a store with users exists.
    public mutating func start() -> [Effect] {
        refreshPanel()
    }

    /// Asks for the panel's figures when the store's facts changed since they were computed.
    private mutating func refreshPanel() -> [Effect] {
        guard hasPanel, let saved, let url = saved.databaseURL else {
            panel = UtilizationPanel()
            return []
        }
        let source = UtilizationPanel.Source(
            url: url, userCount: saved.userCount ?? 0, lastSync: saved.lastSync)
        guard panel.source != source else { return [] }
        panel.source = source
        panel.generation += 1
        panel.isComputing = true
        return [
            .storeQuery(
                StoreQuery(
                    channel: .statusPanel, generation: panel.generation,
                    work: .utilization(url: url, now: now)))
        ]
    }

    /// Applies a key press; returns the effects to run.
    public mutating func handle(_ key: Key) -> [Effect] {
        if key == .resize { return [] }
        message = nil
        if let screen = pushed, overlay == nil, !isTooSmall {
            if let action = KeyTable.action(for: key, in: []) {
                return perform(action, key: key)
            }
            // The screen's `?` opens the app's help overlay, which scrolls.
            if KeyTable.action(for: key, in: screen.keyContexts) == .help {
                return perform(.help, key: key)
            }
            return forwardToPushed(key)
        }
        guard let action = KeyTable.action(for: key, in: keyContexts) else { return [] }
        return perform(action, key: key)
    }

    /// The functional form: the state after `key` and the effects to run.
    public func handling(_ key: Key) -> (AppState, [Effect]) {
        var copy = self
        let effects = copy.handle(key)
        return (copy, effects)
    }

    /// Records the terminal size; layout follows on the next render, input is kept.
    public mutating func resize(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    private mutating func forwardToPushed(_ key: Key) -> [Effect] {
        guard var screen = pushed else { return [] }
        let effects = screen.handle(key)
        if effects.contains(.quit) { hasQuit = true }
        pushed = effects.contains(.closeScreen) ? nil : screen
        if pushed == nil { focus = 0 }
        return effects.filter { $0 != .closeScreen }
    }

    private mutating func perform(_ action: Action, key: Key) -> [Effect] {
        switch action {
        case .interrupt:
            hasQuit = true
            return isBusy ? [.cancelWork, .quit] : [.quit]
        case .repaint:
            return [.repaint]
        case .help:
            overlay = overlay == .help ? nil : .help
            helpScroll = 0
            return []
        case .quit:
            return requestQuit()
        case .confirm:
            return confirm()
        case .decline:
            overlay = nil
            return []
        case .back:
            return goBack()
        case .nextFocus:
            moveFocus(by: 1)
            return []
        case .previousFocus:
            moveFocus(by: -1)
            return []
        case .activate:
            return activate()
        case .editText, .pasteText:
            editFocusedField(with: key)
            return []
        case .openAdminConsole:
            return openAdminConsole()
        case .copyInvitation:
            guard let invitation else { return [] }
            return [.copyToClipboard(invitation.text)]
        case .syncNow: return press(.syncNow)
        case .browseUsers: return press(.browse)
        case .showUtilization:
            guard hasPanel else { return [] }
            return [.browseUsers(.utilization)]
        case .reconnect: return press(.reconnect)
        case .disconnect: return press(.disconnect)
        case .checkAgain: return press(.checkAgain)
        case .moveUp, .moveDown, .pageUp, .pageDown, .jumpTop, .jumpBottom:
            scrollHelp(action)
            return []
        default:
            // The users browser's actions; that screen handles its own keys.
            return []
        }
    }

    /// Scrolls the help overlay, keeping its last page full.
    private mutating func scrollHelp(_ action: Action) {
        guard overlay == .help else { return }
        let limit = HelpOverlay.maxScroll(
            contexts: helpContexts, columns: columns, rows: rows, widths: .standard)
        let page = HelpOverlay.page(rows: rows)
        var first = min(helpScroll, limit)
        switch action {
        case .moveUp: first -= 1
        case .moveDown: first += 1
        case .pageUp: first -= page
        case .pageDown: first += page
        case .jumpTop: first = 0
        case .jumpBottom: first = limit
        default: break
        }
        helpScroll = min(max(0, first), limit)
    }

    private mutating func requestQuit() -> [Effect] {
        if isTooSmall || sync?.isRunning != true {
            hasQuit = true
            return isBusy ? [.cancelWork, .quit] : [.quit]
        }
        overlay = .confirmQuit(Self.quitDuringSync)
        return []
    }

    /// The question `q` asks while a sync runs; `quitAfterSync` replaces it when the sync
    /// ends first (the user still asked to quit; nothing is cancelled any more).
    public static let quitDuringSync = "A sync is running. Quit and cancel it?"
    public static let quitAfterSync = "The sync has ended. Quit okta-connect?"

    private mutating func confirm() -> [Effect] {
        let question = overlay
        overlay = nil
        switch question {
        case .confirmQuit:
            hasQuit = true
            return isBusy ? [.cancelWork, .quit] : [.quit]
        case .confirmDisconnect:
            return [.disconnect]
        case .help, nil:
            return []
        }
    }

    private mutating func goBack() -> [Effect] {
        if overlay == .help {
            overlay = nil
            return []
        }
        if let run = check, run.isRunning {
            check = nil
            if run.purpose == .recheck {
                message = Message("Check cancelled.")
            } else {
                step = .enterToken
                focus = 1
                message = Message("Check cancelled; what you typed is kept.")
            }
            return [.cancelWork]
        }
        if sync?.isRunning == true {
            sync?.cancelling = true
            return [.cancelWork]
        }
        switch step {
        case .initiate where saved != nil:
            // Reached from the connection status (Esc there): back is where it came from.
            go(to: .status)
        case .initiate:
            overlay = .confirmQuit("Quit okta-connect?")
        case .logIn:
            go(to: .initiate)
        case .enterToken:
            if isReconnecting {
                isReconnecting = false
                token.set("")
                go(to: .status)
                message = Message("Reconnect cancelled; the saved connection is unchanged.")
            } else {
                go(to: .logIn)
            }
        case .status:
            if let outcome = check?.outcome, !outcome.passed, check?.purpose != .recheck {
                check = nil
                go(to: .enterToken)
                focus = 1
            } else {
                check = nil
                go(to: .initiate)
            }
        }
        return []
    }

    private mutating func go(to newStep: SetupStep) {
        step = newStep
        focus = 0
    }

    private mutating func moveFocus(by delta: Int) {
        let count = controls.count
        guard count > 0 else { return }
        focus = ((min(max(0, focus), count - 1) + delta) % count + count) % count
    }

    private mutating func activate() -> [Effect] {
        guard let control = focusedControl else { return [] }
        return press(control)
    }

    /// What pressing a button (or Enter in a field) does.
    private mutating func press(_ control: Control) -> [Effect] {
        switch control {
        case .connect:
            if saved != nil { return beginReconnect() }
            go(to: .logIn)
            return []
        case .invite:
            return [.writeInvitation(Invitation.text(org: knownOrg))]
        case .domain:
            if step == .logIn {
                go(to: .enterToken)
                focus = domain.text.isEmpty ? 0 : 1
            } else {
                focus = 1
            }
            return []
        case .openConsole:
            return openAdminConsole()
        case .continueToToken:
            go(to: .enterToken)
            focus = domain.text.isEmpty ? 0 : 1
            return []
        case .token, .runCheck:
            return submit()
        case .tryAgain:
            return submit()
        case .editEntry:
            check = nil
            go(to: .enterToken)
            focus = 1
            return []
        case .syncNow:
            guard saved?.state == .connected, sync?.isRunning != true else { return [] }
            sync = SyncActivity(expectedUsers: saved?.userCount)
            return [.startSync]
        case .browse:
            guard saved != nil else { return [] }
            return [.browseUsers(.allUsers)]
        case .usageBar(let index):
            guard let bars = panel.figures?.allBars, bars.indices.contains(index) else {
                return []
            }
            return [.browseUsers(.table(bars[index].filter))]
        case .reconnect:
            guard saved != nil else { return [] }
            return beginReconnect()
        case .disconnect:
            guard saved != nil else { return [] }
            overlay = .confirmDisconnect
            return []
        case .checkAgain:
            guard let saved else { return [] }
            check = CheckRun(org: saved.org, purpose: .recheck, lines: [])
            step = .status
            return [.checkSaved]
        }
    }

    /// Step 3 with the saved domain filled in and the token empty.
    private mutating func beginReconnect() -> [Effect] {
        isReconnecting = true
        check = nil
        if let saved { domain.set(saved.org.host) }
        token.set("")
        tokenError = nil
        go(to: .enterToken)
        focus = 1
        return []
    }

    /// Validates both fields and starts the check.
    private mutating func submit() -> [Effect] {
        let org: OrgAddress
        do {
            org = try OrgAddress(parsing: domain.text)
        } catch {
            step = .enterToken
            focus = 0
            message = Message(error.description, level: .error)
            return []
        }
        let parsedToken: APIToken
        do {
            parsedToken = try APIToken(parsing: token.text)
        } catch {
            step = .enterToken
            focus = 1
            tokenError = error.description
            return []
        }
        tokenError = nil
        check = CheckRun(org: org, purpose: isReconnecting ? .reconnect : .connect, lines: [])
        go(to: .status)
        return [.connect(org: org, token: parsedToken)]
    }

    private mutating func openAdminConsole() -> [Effect] {
        guard let url = knownOrg?.adminConsoleURL else {
            message = Message(
                knownOrg?.adminConsoleHint
                    ?? "Type your org address first, e.g. acme.okta.com.", level: .warning)
            return []
        }
        if demo != nil {
            // The demo promises that nothing leaves this machine; its org's address may well
            // be a real company's console.
            message = Message(
                "Demo mode: no browser is opened. With your org, this opens "
                    + url.absoluteString + ".")
            return []
        }
        return [.openURL(url)]
    }

    private mutating func editFocusedField(with key: Key) {
        switch focusedControl {
        case .domain: domain.apply(key)
        case .token:
            token.apply(key)
            tokenError = nil
        default: break
        }
    }

    // MARK: - Events

    /// Folds in what an effect reported; may ask for follow-up effects (saving after a
    /// passing check).
    public mutating func apply(_ event: AppEvent) -> [Effect] {
        var effects: [Effect] = []
        if var screen = pushed {
            effects = screen.apply(event)
            pushed = screen
        }
        return effects + applyToSetup(event)
    }

    private mutating func applyToSetup(_ event: AppEvent) -> [Effect] {
        switch event {
        case .checkProgress(let lines):
            guard check?.isRunning == true else { return [] }
            check?.lines = lines
        case .checkFinished(let outcome):
            return finishCheck(outcome)
        case .connectionSaved(let summary):
            saved = summary
            let wasReconnect = isReconnecting
            isReconnecting = false
            check?.saving = false
            token.set("")
            focus = 0
            message = Message(wasReconnect ? "Reconnected: the new token is saved." : "Connected.")
            return refreshPanel()
        case .connectionSaveFailed(let text):
            check?.saving = false
            message = Message(text, level: .error)
        case .syncProgress(let progress):
            sync?.progress = progress
        case .syncFinished(let outcome):
            sync?.outcome = outcome
            if overlay == .confirmQuit(Self.quitDuringSync) {
                overlay = .confirmQuit(Self.quitAfterSync)
            }
            switch outcome {
            case .finished(let users, _, _, let changes):
                message = Message(
                    "Sync finished: \(changes.text); \(Format.counted(users, "user")) in the store."
                )
            case .failed(let diagnosis):
                message = Message(diagnosis.summary, level: .error)
                if diagnosis.tokenRejected { saved?.state = .expired }
            case .cancelled:
                message = Message("Sync cancelled; the users synced before stay in the store.")
            }
        case .summaryRefreshed(var summary):
            // The store does not keep the org's name; keep the one this session learned.
            if summary.orgName == nil, summary.org == saved?.org {
                summary.orgName = saved?.orgName
            }
            saved = summary
            return refreshPanel()
        case .invitationWritten(let path, let text):
            invitation = InvitationNote(path: path, text: text)
        case .invitationFailed(let text):
            message = Message(text, level: .error)
        case .urlOpened(let url, let opened):
            message =
                opened
                ? Message("Opened \(url.absoluteString) in your browser.")
                : Message(
                    "Could not start a browser (xdg-open not found). Open the address shown.",
                    level: .warning)
        case .copiedToClipboard:
            invitation?.copied = true
            message = Message(
                "Sent to the clipboard via the terminal (OSC 52). If nothing arrived, "
                    + "open the file instead.")
        case .disconnected:
            // Nothing is saved any more: step 1 as on a first start (Connect, no invitation
            // or typed text from before), in the same terminal and demo mode.
            self = AppState(saved: nil, demo: demo, now: now, columns: columns, rows: rows)
            message = Message("Disconnected: the saved token was deleted.")
        case .disconnectFailed(let text):
            message = Message(text, level: .error)
        case .pushScreen(let screen):
            if var screen {
                let effects = screen.start()
                pushed = screen
                return effects
            } else {
                message = Message(
                    "The users browser is not part of this build yet.", level: .warning)
            }
        case .storeQueryFinished(let result):
            guard result.channel == .statusPanel, result.generation == panel.generation else {
                return []
            }
            panel.isComputing = false
            switch result.value {
            case .utilization(let figures):
                panel.figures = figures
                panel.error = nil
            case .failed(let text):
                panel.error = text
            case .usersTable, .statusCounts, .prepared, .noticed:
                break
            }
        case .tick(let date):
            now = date
            tickCount &+= 1
        }
        return []
    }

    private mutating func finishCheck(_ outcome: CheckOutcome) -> [Effect] {
        guard var run = check, run.isRunning else { return [] }
        run.outcome = outcome
        run.lines = outcome.lines
        focus = 0
        switch run.purpose {
        case .connect, .reconnect:
            // The driver saves a passing connection and then reports `connectionSaved`.
            run.saving = outcome.passed
        case .recheck:
            if outcome.diagnosis?.tokenRejected == true { saved?.state = .expired }
            if outcome.passed { saved?.state = .connected }
        }
        check = run
        return []
    }
}
