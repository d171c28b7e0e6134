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
    /// Open the users browser (issue 5) on top of the status screen.
    case browseUsers
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
    /// Time passed: spinners turn and relative times move on.
    case tick(Date)
}
