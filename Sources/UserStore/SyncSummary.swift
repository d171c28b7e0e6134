import Foundation
import OktaCore

/// How a sync ended and what it changed: the `okta-connect sync` summary.
public struct SyncSummary: Sendable {
    public var mode: SyncRun.Mode
    public var outcome: SyncRun.Outcome
    public var added: Int
    public var updated: Int
    public var removed: Int
    /// Current (not removed) users in the store after the run.
    public var total: Int
    public var pages: Int
    public var requests: Int
    /// 429 answers received.
    public var rateLimited: Int
    public var seconds: Double
    /// The Okta failure that stopped the run, if any.
    public var oktaError: OktaError?
    /// A store failure that stopped the run, if any (already phrased as advice).
    public var storeError: String?

    /// The exit status of `okta-connect sync`: 0 when completed, 4 when the token was rejected
    /// (the CLI then marks the connection expired), the Okta error's status for other Okta
    /// failures, 1 for an interruption or a store failure.
    public var exitStatus: ExitStatus {
        switch outcome {
        case .completed: return .ok
        case .tokenRejected: return .tokenRejected
        case .failed: return oktaError?.exitStatus ?? .failure
        case .interrupted, .running: return .failure
        }
    }

    /// True when Okta rejected the token mid-sync: the CLI marks the connection expired.
    public var tokenRejected: Bool { outcome == .tokenRejected }

    /// The human summary for stdout.
    public var text: String { text(program: "okta-connect") }

    /// The human summary, with `program` in the advice ("okta-connect --demo" in the demo).
    public func text(program: String) -> String {
        var lines: [String] = []
        let verb: String
        switch outcome {
        case .completed: verb = "Sync complete"
        case .interrupted: verb = "Sync interrupted; the users stored so far are kept"
        case .tokenRejected: verb = "Sync stopped: Okta rejected the token"
        case .failed, .running: verb = "Sync stopped"
        }
        lines.append("\(verb) (\(mode.rawValue), \(String(format: "%.1f", seconds)) s).")
        lines.append(
            "added \(SyncProgress.grouped(added)), updated \(SyncProgress.grouped(updated)), "
                + "removed \(SyncProgress.grouped(removed)), total "
                + SyncProgress.counted(total, "user"))
        lines.append(
            SyncProgress.counted(requests, "request") + ", \(rateLimited) rate-limited (429)")
        if let oktaError { lines.append(oktaError.description) }
        if let storeError { lines.append(storeError) }
        if outcome == .interrupted {
            lines.append("Run \(program) sync again to finish.")
        }
        return lines.joined(separator: "\n")
    }

    /// `sync --json`: one object with `mode, added, updated, removed, total, requests,
    /// rateLimited, seconds` (and `outcome`).
    public var json: String {
        let seconds = (self.seconds * 1000).rounded() / 1000
        return "{\"mode\":\"\(mode.rawValue)\",\"outcome\":\"\(outcome.rawValue)\","
            + "\"added\":\(added),\"updated\":\(updated),\"removed\":\(removed),"
            + "\"total\":\(total),\"requests\":\(requests),\"rateLimited\":\(rateLimited),"
            + "\"seconds\":\(seconds)}"
    }
}
