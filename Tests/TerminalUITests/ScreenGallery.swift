import Foundation
import OktaCore
import TerminalUI

/// The screens in their interesting states, built by driving `AppState` with keys and events
/// exactly as the UI loop does. Fixture tests and docs/screens.md are rendered from these.
enum ScreenGallery {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let org = try! OrgAddress(parsing: "acme.okta.com")
    static let token = "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789wXyZ"

    static func connectedSummary() -> ConnectionSummary {
        ConnectionSummary(
            org: org, ownerLogin: "admin@acme.com", ownerDisplayName: "Ada Admin",
            orgName: "Acme Corporation", connectedAt: now.addingTimeInterval(-86_400 * 3),
            lastChecked: now.addingTimeInterval(-7_200), lastCheckPassed: true,
            tokenLastUsed: now.addingTimeInterval(-7_200),
            lastSync: now.addingTimeInterval(-10_800), userCount: 2_500)
    }

    static func passingLines() -> [CheckLine] {
        [
            CheckLine(
                title: "The address is an Okta org", status: .pass,
                message: "acme.okta.com answers as an Okta org", duration: 0.12),
            CheckLine(
                title: "The token is valid", status: .pass,
                message: "owned by admin@acme.com", duration: 0.08),
            CheckLine(
                title: "The token may list users", status: .pass,
                message: "listing users works", duration: 0.10),
            CheckLine(
                title: "Org details", status: .warn,
                message: "no permission to read org settings", duration: 0.05),
        ]
    }

    static func fresh() -> AppState { AppState(saved: nil, now: now) }

    /// Keys typed one by one.
    static func type(_ text: String, into state: inout AppState) {
        for character in text { _ = state.handle(.character(character)) }
    }

    static func step2() -> AppState {
        var state = fresh()
        _ = state.handle(.enter)
        type("acme", into: &state)
        return state
    }

    static func step3() -> AppState {
        var state = step2()
        _ = state.handle(.tab)
        _ = state.handle(.tab)
        _ = state.handle(.enter)
        _ = state.handle(.paste("  \(token)\n"))
        return state
    }

    static func checking() -> AppState {
        var state = step3()
        _ = state.handle(.enter)
        var lines = passingLines()
        lines[1].status = .running
        lines[1].message = ""
        lines[1].duration = nil
        lines[2] = CheckLine(title: lines[2].title, status: .pending)
        lines[3] = CheckLine(title: lines[3].title, status: .pending)
        _ = state.apply(.checkProgress(lines))
        return state
    }

    static func connected() -> AppState {
        var state = step3()
        _ = state.handle(.enter)
        _ = state.apply(
            .checkFinished(
                CheckOutcome(
                    passed: true, lines: passingLines(), ownerLogin: "admin@acme.com",
                    orgName: "Acme Corporation")))
        var summary = connectedSummary()
        summary.lastSync = nil
        summary.userCount = nil
        summary.tokenLastUsed = now
        _ = state.apply(.connectionSaved(summary))
        return state
    }

    static func rejected() -> AppState {
        var state = step3()
        _ = state.handle(.enter)
        var lines = passingLines()
        lines[1] = CheckLine(
            title: "The token is valid", status: .fail,
            message: "Okta rejected the token (E0000011)", duration: 0.09)
        lines[2] = CheckLine(
            title: lines[2].title, status: .skipped,
            message: "Not run: an earlier check failed.")
        lines[3] = CheckLine(
            title: lines[3].title, status: .skipped,
            message: "Not run: an earlier check failed.")
        _ = state.apply(
            .checkFinished(
                CheckOutcome(
                    passed: false, lines: lines,
                    diagnosis: Diagnosis(
                        summary: "Okta rejected the token (E0000011).",
                        nextStep:
                            "It may have expired after 30 days without use, been revoked, or its "
                            + "admin was deactivated. Create a new token and choose Reconnect.",
                        requestId: "XyZ123reqid", tokenRejected: true))))
        return state
    }

    static func savedStatus() -> AppState {
        AppState(saved: connectedSummary(), now: now)
    }

    static func syncing() -> AppState {
        var state = savedStatus()
        _ = state.handle(.character("s"))
        _ = state.apply(
            .syncProgress(
                SyncCounts(
                    users: 1_200, pages: 6, rateLimitWaits: 1, waitSeconds: 1.5,
                    expectedTotal: 2_500)))
        return state
    }

    /// The admin's login in Chinese characters and a hostile org name.
    static func cjkStatus() -> AppState {
        var summary = connectedSummary()
        summary.ownerLogin = "管理员@例子.中国"
        summary.orgName = "株式会社アクメ\u{1B}[2J"
        summary.tokenLastUsed = now.addingTimeInterval(-86_400 * 27)
        return AppState(saved: summary, now: now)
    }

    static func tooSmall() -> AppState { AppState(saved: nil, now: now, columns: 50, rows: 12) }

    static func help() -> AppState {
        var state = savedStatus()
        _ = state.handle(.character("?"))
        return state
    }

    static func invitation() -> AppState {
        var state = fresh()
        _ = state.apply(
            .invitationWritten(
                path: "/home/ada/.local/share/okta-connect/invitation-for-okta-admin.txt",
                text: "…"))
        return state
    }
}
