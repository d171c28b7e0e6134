import Foundation
import OktaCore

/// Everything the terminal app needs from the outside world, handed in by the CLI.
///
/// `--demo` differs only in what it passes: state paths of the demo directory, a client
/// factory whose URLSession the simulated org answers, and the demo hint shown on screen.
public struct AppContext: Sendable {
    /// What the users browser (issue 5) is opened with.
    public struct BrowserRequest: Sendable {
        /// The org's SQLite store.
        public var databaseURL: URL
        public var paths: StatePaths
        /// The view to open: the table (maybe filtered) or the utilization charts.
        public var start: BrowserStart
        /// False when no connection is saved (the users a disconnect left): Sync now says
        /// how to connect instead of failing.
        public var canSync: Bool

        public init(
            databaseURL: URL, paths: StatePaths, start: BrowserStart = .allUsers,
            canSync: Bool = true
        ) {
            self.databaseURL = databaseURL
            self.paths = paths
            self.start = start
            self.canSync = canSync
        }
    }

    public var paths: StatePaths
    public var store: ConnectionStore
    /// Builds the client for an org and token; the connection check and sync use it.
    public var makeClient: OktaClientFactory
    public var clock: any OktaClock
    /// Where the app logs (a file in the state directory; never the terminal).
    public var logger: any LogSink
    /// Set by `--demo`: the simulated org's domain and token, shown on screen.
    public var demo: DemoHint?
    /// `--no-color` or a non-empty `NO_COLOR`: attributes only, no colour.
    public var noColor: Bool
    /// `okta-connect browse`: open the users browser right away (connected, or over the
    /// users a disconnect left in the store).
    public var startInBrowser: Bool
    /// Builds the users browser; nil until issue 5 provides one.
    public var makeBrowser: (@Sendable (BrowserRequest) -> (any Screen)?)?
    /// Opens a URL in the user's browser; returns false when no opener exists.
    public var openURL: @Sendable (URL) -> Bool

    public init(
        paths: StatePaths, store: ConnectionStore, makeClient: @escaping OktaClientFactory,
        clock: any OktaClock = SystemClock(), logger: any LogSink = NullLog(),
        demo: DemoHint? = nil, noColor: Bool = false, startInBrowser: Bool = false,
        makeBrowser: (@Sendable (BrowserRequest) -> (any Screen)?)? = nil,
        openURL: @escaping @Sendable (URL) -> Bool = URLOpener.open
    ) {
        self.paths = paths
        self.store = store
        self.makeClient = makeClient
        self.clock = clock
        self.logger = logger
        self.demo = demo
        self.noColor = noColor
        self.startInBrowser = startInBrowser
        self.makeBrowser = makeBrowser
        self.openURL = openURL
    }

    /// True when `NO_COLOR` is set to a non-empty value (no-color.org).
    public static func noColorRequested(environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}
