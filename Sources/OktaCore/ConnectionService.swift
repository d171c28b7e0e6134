import Foundation

/// Builds clients for an org and token. The app passes one that talks to the network; `--demo`
/// and tests pass one whose URLSession the simulated org answers.
public typealias OktaClientFactory = @Sendable (OrgAddress, APIToken) -> OktaClient

/// The connect and test workflows shared by the commands and the terminal UI.
public struct ConnectionService: Sendable {
    public let store: ConnectionStore
    public let makeClient: OktaClientFactory
    public let clock: any OktaClock

    public init(
        store: ConnectionStore, clock: any OktaClock = SystemClock(),
        makeClient: @escaping OktaClientFactory
    ) {
        self.store = store
        self.clock = clock
        self.makeClient = makeClient
    }

    /// Tests `token` against `org` and, only if every check passes (warnings allowed), saves it
    /// as the connection, replacing any previous one. A failure writes nothing, so a failed
    /// Reconnect leaves the saved connection exactly as it was.
    public func connect(
        org: OrgAddress, token: APIToken, onUpdate: @Sendable (CheckReport) -> Void = { _ in }
    ) async throws -> CheckReport {
        let client = makeClient(org, token)
        let report = await ConnectionCheck(client: client, clock: clock).run(onUpdate: onUpdate)
        guard report.ok else { return report }
        let now = clock.now
        let connection = SavedConnection(
            orgURL: org.origin, tokenOwner: report.owner, state: .connected,
            tokenHint: token.masked, connectedAt: now, lastChecked: now, lastCheckPassed: true,
            lastCheckMessage: Self.summary(of: report), tokenLastUsed: report.tokenLastUsed ?? now,
            orgName: report.orgName)
        try store.save(connection, token: token)
        return report
    }

    /// Re-runs the check on the saved connection and records the result; a rejected token
    /// marks the connection expired. Returns nil when nothing is saved.
    public func test(onUpdate: @Sendable (CheckReport) -> Void = { _ in }) async throws
        -> CheckReport?
    {
        guard let saved = try store.load(), let org = saved.org, let token = try store.token()
        else { return nil }
        let client = makeClient(org, token)
        let report = await ConnectionCheck(client: client, clock: clock).run(onUpdate: onUpdate)
        try record(report, org: org)
        return report
    }

    /// Records what a check found: its time and result, the token's last use, and expiry.
    public func record(_ report: CheckReport, org: OrgAddress) throws {
        let now = clock.now
        try store.update { connection in
            guard connection.orgURL == org.origin else { return }
            connection.lastChecked = now
            connection.lastCheckPassed = report.ok
            connection.lastCheckMessage = Self.summary(of: report)
            if let owner = report.owner { connection.tokenOwner = owner }
            if let used = report.tokenLastUsed { connection.tokenLastUsed = used }
            if let name = report.orgName { connection.orgName = name }
            if report.failure?.kind == .tokenRejected { connection.state = .expired }
        }
    }

    /// One line describing a finished check.
    public static func summary(of report: CheckReport) -> String {
        if let failure = report.failure { return failure.summary }
        let warnings = report.steps.filter { $0.status == .warn }.count
        return warnings == 0 ? "All checks passed." : "Connected with \(warnings) warning(s)."
    }
}
