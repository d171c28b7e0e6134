import OktaCore

/// The four guided steps; the fourth is also the status screen of a saved connection.
public enum SetupStep: Int, Sendable, CaseIterable {
    case initiate = 1
    case logIn = 2
    case enterToken = 3
    case status = 4

    /// The screen title, exactly as the issue names it.
    public var title: String {
        switch self {
        case .initiate: return "Initiate"
        case .logIn: return "Log in to Okta"
        case .enterToken: return "Enter token and domain"
        case .status: return "Connection status"
        }
    }
}

/// The focusable fields and buttons of the setup screens.
public enum Control: Sendable, Equatable {
    case connect, invite
    case domain, openConsole, continueToToken
    case token, runCheck
    case tryAgain, editEntry
    case syncNow, browse, reconnect, disconnect, checkAgain
    /// A bar of the status screen's utilization panel, by index into `Utilization.allBars`.
    case usageBar(Int)

    /// True for the controls drawn as `[ Caption ]` buttons.
    public var isButton: Bool {
        switch self {
        case .domain, .token, .usageBar: return false
        default: return true
        }
    }

    /// The button caption (fields have none).
    public var caption: String {
        switch self {
        case .connect: return "Connect"
        case .invite: return "Invite your admin"
        case .domain, .token, .usageBar: return ""
        case .openConsole: return "Open admin console"
        case .continueToToken: return "Continue"
        case .runCheck: return "Check and connect"
        case .tryAgain: return "Try again"
        case .editEntry: return "Edit token and domain"
        case .syncNow: return "Sync now"
        case .browse: return "Browse users"
        case .reconnect: return "Reconnect"
        case .disconnect: return "Disconnect"
        case .checkAgain: return "Check again"
        }
    }
}

/// A window over the current screen.
public enum Overlay: Sendable, Equatable {
    case help
    /// A yes/no question about quitting, with the question to ask.
    case confirmQuit(String)
    case confirmDisconnect
}

/// The message line: info, or a warning/error that stays until the next key.
public struct Message: Sendable, Equatable {
    public enum Level: Sendable, Equatable { case info, warning, error }
    public var text: String
    public var level: Level

    public init(_ text: String, level: Level = .info) {
        self.text = text
        self.level = level
    }
}

/// A connection check in progress or finished.
public struct CheckRun: Sendable, Equatable {
    /// Why the check runs, which decides what happens when it passes or fails.
    public enum Purpose: Sendable, Equatable {
        /// First connection: save on success.
        case connect
        /// Replace the saved token on success; leave it untouched on failure.
        case reconnect
        /// Check the saved token again.
        case recheck
    }

    public var org: OrgAddress
    public var purpose: Purpose
    public var lines: [CheckLine]
    public var outcome: CheckOutcome?
    /// The save after a passing check is still being written.
    public var saving = false

    public var isRunning: Bool { outcome == nil }
}

/// A sync in progress or finished.
public struct SyncActivity: Sendable, Equatable {
    /// The sync engine's latest report; nil until the first page arrives.
    public var progress: SyncCounts?
    public var outcome: SyncOutcome?
    /// The previous user count, used as the bar's expected total until the engine knows one.
    public var expectedUsers: Int?
    public var cancelling = false

    public var isRunning: Bool { outcome == nil }
}

/// The invitation file written for an admin.
public struct InvitationNote: Sendable, Equatable {
    public var path: String
    public var text: String
    public var copied = false
}

/// What `--demo` shows on screen so a first-time user can finish step 3.
public struct DemoHint: Sendable, Equatable {
    public var domain: String
    public var token: String

    public init(domain: String, token: String) {
        self.domain = domain
        self.token = token
    }
}
