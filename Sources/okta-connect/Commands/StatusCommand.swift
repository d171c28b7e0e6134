import Foundation
import OktaCore
import UserStore

/// `okta-connect status [--json]`: the saved connection and the local store, without network.
///
/// Exits 0 when connected, 3 when not connected and 4 when Okta rejected the token, so that a
/// script can tell what to do next without parsing the output.
enum StatusCommand {
    static func run(_ environment: AppEnvironment) -> ExitStatus {
        let console = environment.console
        let saved: SavedConnection?
        do {
            saved = try environment.store.load()
        } catch {
            console.err(
                "The saved connection at \(environment.paths.connectionFile.path) is damaged "
                    + "(\(error)). Run okta-connect disconnect and connect again.")
            return .failure
        }
        let state = environment.store.state()
        let storeSummary = StoreSummary.read(UsersCommand.storeURL(environment))
        let now = Date()

        if environment.invocation.json {
            console.json([
                "state": state.rawValue,
                "orgUrl": saved.map { $0.orgURL.absoluteString as Any } ?? NSNull(),
                "orgName": saved?.orgName.map { $0 as Any } ?? NSNull(),
                "tokenOwner": saved?.tokenOwner.map { $0.login as Any } ?? NSNull(),
                "lastChecked": iso(saved?.lastChecked),
                "lastCheckPassed": saved?.lastCheckPassed.map { $0 as Any } ?? NSNull(),
                "tokenLastUsed": iso(saved?.tokenLastUsed),
                "lastSync": iso(storeSummary?.lastSync),
                "userCount": storeSummary.map { $0.userCount as Any } ?? NSNull(),
                "storeIsPartial": storeSummary?.isPartial ?? false,
            ])
            return exitStatus(for: state)
        }

        guard let saved, state != .notConnected else {
            console.out("State:       not connected")
            console.out(NotConnected.message(demo: environment.invocation.demo))
            return .notConnected
        }
        let owner = saved.tokenOwner.map {
            "\(SafeText.neutralized($0.login)) (\(SafeText.neutralized($0.displayName)))"
        }
        console.out("State:       \(state == .expired ? "access expired" : "connected")")
        console.out(
            "Org:         \(saved.orgURL.absoluteString)"
                + (saved.orgName.map { " (\(SafeText.neutralized($0)))" } ?? ""))
        console.out("Token owner: \(owner ?? "unknown")")
        console.out(
            "Token:       \(saved.tokenHint), last used \(describe(saved.tokenLastUsed, now))")
        console.out(
            "Last check:  \(describe(saved.lastChecked, now))"
                + (saved.lastCheckMessage.map { ": \(SafeText.neutralized($0))" } ?? ""))
        if let storeSummary, storeSummary.isPartial {
            console.out(
                "Last sync:   unfinished; \(storeSummary.userCount.formatted()) users stored so "
                    + "far (run \(CommandHint.program(demo: environment.invocation.demo)) sync "
                    + "to sync the rest)")
        } else if let storeSummary {
            console.out(
                "Last sync:   \(describe(storeSummary.lastSync, now)); "
                    + "\(storeSummary.userCount.formatted()) users stored")
        } else {
            console.out(
                "Last sync:   never (run \(CommandHint.program(demo: environment.invocation.demo))"
                    + " sync)")
        }
        if state == .expired {
            console.out(
                "Okta rejected the token (E0000011): it expired after 30 days without use, was "
                    + "revoked, or its admin was deactivated. Create a new token and reconnect.")
        } else if let warning = saved.expiryWarning(now: now) {
            console.out("Warning:     \(warning)")
        }
        return exitStatus(for: state)
    }

    static func exitStatus(for state: ConnectionState) -> ExitStatus {
        switch state {
        case .connected: return .ok
        case .notConnected: return .notConnected
        case .expired: return .tokenRejected
        }
    }

    static func iso(_ date: Date?) -> Any {
        date.map { OktaDate.format($0) as Any } ?? NSNull()
    }

    static func describe(_ date: Date?, _ now: Date) -> String {
        guard let date else { return "never" }
        return "\(OktaDate.format(date)) (\(RelativeAge.describe(date, now: now)))"
    }
}

/// What the status needs from the local store, read without creating one.
struct StoreSummary {
    /// When the last sync that ran to completion ended (an interrupted one does not count).
    var lastSync: Date?
    var userCount: Int
    /// No full sync completed: `userCount` is what an interrupted first sync got to.
    var isPartial: Bool

    static func read(_ url: URL?) -> StoreSummary? {
        guard let url, UserStore.exists(at: url), let store = try? UserStore(url: url) else {
            return nil
        }
        let lastSync = (try? store.lastCompletedSync())??.endedAt
        return StoreSummary(
            lastSync: lastSync, userCount: (try? store.userCount()) ?? 0,
            isPartial: (try? store.isPartial()) ?? false)
    }
}
