import Foundation
import OktaCore

/// Work a key press asks for. Screens only describe it; the driver does it and answers with
/// `AppEvent`s, so screens stay pure and testable.
public enum Effect: Sendable, Equatable {
    /// Run the connection check with a new token and save the connection only when it
    /// passes (a failure leaves any saved connection exactly as it was).
    case connect(org: OrgAddress, token: APIToken)
    /// Check the saved connection again and record the result (a rejected token marks it
    /// expired).
    case checkSaved
    /// Cancel the running check or sync.
    case cancelWork
    /// Copy the org's users into the local store.
    case startSync
    /// Open a web page in the user's browser.
    case openURL(URL)
    /// Write the invitation text to the state directory.
    case writeInvitation(String)
    /// Put text on the clipboard through the terminal (OSC 52).
    case copyToClipboard(String)
    /// Forget the saved connection.
    case disconnect
    /// Open the users browser (issue 5) on top of the status screen: the table (filtered to
    /// a utilization bar's users, say) or the utilization view.
    case browseUsers(BrowserStart)
    /// Read the store in the background; the result comes back as `storeQueryFinished`.
    case storeQuery(StoreQuery)
    /// Close a screen opened on top of the setup screens.
    case closeScreen
    /// Clear and repaint the terminal.
    case repaint
    /// Leave the app.
    case quit
}

/// What happened, delivered to the state on the UI thread.
public enum AppEvent: Sendable {
    case checkProgress([CheckLine])
    case checkFinished(CheckOutcome)
    case connectionSaved(ConnectionSummary)
    case connectionSaveFailed(String)
    case syncProgress(SyncCounts)
    case syncFinished(SyncOutcome)
    /// The saved connection was reread (after a sync or check).
    case summaryRefreshed(ConnectionSummary)
    case invitationWritten(path: String, text: String)
    case invitationFailed(String)
    case urlOpened(URL, opened: Bool)
    case copiedToClipboard
    case disconnected
    case disconnectFailed(String)
    /// A screen to show on top (the users browser), or nil when none is available.
    case pushScreen((any Screen)?)
    /// A `StoreQuery` finished (only the newest of its channel is posted).
    case storeQueryFinished(StoreQueryResult)
    /// Time passed: spinners turn and relative times move on.
    case tick(Date)
}

/// Which view of the users browser opens first.
public enum BrowserStart: Sendable, Equatable {
    /// The table, narrowed to `filter` (`.none`: every user).
    case table(BrowserFilter)
    /// The utilization charts.
    case utilization

    /// The whole table, unfiltered.
    public static let allUsers = BrowserStart.table(.none)
}
