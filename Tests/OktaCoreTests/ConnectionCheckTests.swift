import Foundation
import OktaCore
import SimulatedOrg
import TestSupport
import Testing

/// The four-step connection check against the simulated org (URLProtocol and loopback HTTP)
/// and against a loopback server that is not an Okta org.
@Suite("ConnectionCheck")
struct ConnectionCheckTests {
    static let secret = "00checkTokenValue_0123456789abcdefghLMNO"

    static func simulated(_ configure: (SimulatedOrg) -> Void = { _ in }) -> SimulatedOrg {
        let org = SimulatedOrg(.init(userCount: 25, seed: 7, token: secret))
        configure(org)
        return org
    }

    static func check(_ org: SimulatedOrg, token: String = secret) async throws -> CheckReport {
        let client = OktaClient(
            org: try OrgAddress(parsing: org.configuration.host),
            token: try APIToken(parsing: token), sessionConfiguration: org.sessionConfiguration(),
            clock: TestClock(), random: { 0.5 })
        return await ConnectionCheck(client: client, clock: TestClock()).run()
    }

    func statuses(_ report: CheckReport) -> [CheckStepResult.Status] {
        report.steps.map(\.status)
    }

    @Test func all_pass_and_report_the_owner() async throws {
        let org = Self.simulated()
        let updates = Locked<[CheckReport]>([])
        let client = OktaClient(
            org: try OrgAddress(parsing: org.configuration.host),
            token: try APIToken(parsing: Self.secret),
            sessionConfiguration: org.sessionConfiguration(), clock: TestClock())
        let report = await ConnectionCheck(client: client, clock: TestClock()).run { update in
            updates.withLock { $0.append(update) }
        }
        #expect(report.ok)
        #expect(report.exitStatus == .ok)
        #expect(statuses(report) == [.pass, .pass, .pass, .pass])
        #expect(report.steps.map(\.step) == [.oktaOrg, .tokenOwner, .listUsers, .orgDetails])
        #expect(report.owner?.login == org.tokenOwner.login)
        #expect(report.owner?.id == org.tokenOwner.id)
        #expect(report.steps[1].message.contains(org.tokenOwner.login ?? "?"))
        #expect(report.orgName == "Acme Corporation")
        #expect(report.steps.allSatisfy { $0.requestId != nil && $0.duration != nil })
        #expect(report.tokenLastUsed != nil)
        #expect(report.failure == nil)
        let seen = updates.withLock { $0 }
        #expect(seen.first?.steps.allSatisfy { $0.status == .pending } == true)
        #expect(seen.contains { $0.steps[2].status == .running })
        #expect(seen.last == report)
        #expect(org.requestLog.allSatisfy { $0.hasPrefix("GET ") })
    }

    @Test func wrong_token_fails_step_two_and_skips_the_rest() async throws {
        let report = try await Self.check(
            Self.simulated(), token: "00wrongTokenValue_0123456789abcdefghWXYZ")
        #expect(!report.ok)
        #expect(statuses(report) == [.pass, .fail, .skipped, .skipped])
        #expect(report.failure?.kind == .tokenRejected)
        #expect(report.failure?.errorCode == "E0000011")
        #expect(report.exitStatus == .tokenRejected)
        #expect(report.steps[1].requestId != nil)
        #expect(report.steps[1].message.contains("Reconnect"))
        #expect(report.owner == nil)
    }

    @Test func org_details_403_is_a_warning() async throws {
        let report = try await Self.check(Self.simulated { $0.isReadOnlyAdmin = true })
        #expect(report.ok)
        #expect(report.exitStatus == .ok)
        #expect(statuses(report) == [.pass, .pass, .pass, .warn])
        #expect(report.steps[3].message.contains("E0000006"))
        #expect(report.failure == nil)
        #expect(ConnectionService.summary(of: report) == "Connected with 1 warning(s).")
    }

    @Test func users_list_403_fails_with_exit_5() async throws {
        let report = try await Self.check(Self.simulated { $0.canListUsers = false })
        #expect(!report.ok)
        #expect(report.steps[2].status == .fail)
        #expect(report.steps[2].message.contains("may not list users"))
        #expect(report.failure?.kind == .permissionDenied)
        #expect(report.exitStatus == .permissionMissing)
    }

    @Test func transient_failures_are_retried_before_a_step_fails() async throws {
        let org = Self.simulated {
            $0.failNextRequests(1, with: .serviceUnavailable)
            $0.failNextRequests(1, with: .badGateway)
            $0.failNextRequests(1, with: .droppedConnection)
        }
        let report = try await Self.check(org)
        #expect(report.ok)
        #expect(statuses(report) == [.pass, .pass, .pass, .pass])
    }

    @Test func html_server_fails_step_one_without_receiving_the_token() async throws {
        let server = LoopbackHTTPServer { _ in
            .message(.html(200, "<!doctype html><html><body>Welcome</body></html>"))
        }
        try server.start()
        defer { server.stop() }
        let client = OktaClient(
            org: try OrgAddress(parsing: server.baseURL.absoluteString),
            token: try APIToken(parsing: Self.secret), clock: TestClock())
        let report = await ConnectionCheck(client: client, clock: TestClock()).run()
        #expect(statuses(report) == [.fail, .skipped, .skipped, .skipped])
        #expect(report.failure?.kind == .notAnOktaOrg)
        #expect(report.exitStatus == .orgUnreachable)
        #expect(report.steps[0].message.contains("not an Okta org"))
        #expect(server.requests.map(\.target) == ["/.well-known/okta-organization"])
        #expect(server.requests.allSatisfy { $0.value(forHeader: "Authorization") == nil })
        #expect(
            server.requests.allSatisfy {
                !$0.headerFields.contains { $0.value.contains(Self.secret) }
            })
    }

    @Test func json_404_on_well_known_is_not_an_org() async throws {
        let server = LoopbackHTTPServer { _ in
            .message(.json(404, "{\"errorCode\":\"E0000007\",\"errorSummary\":\"Not found\"}"))
        }
        try server.start()
        defer { server.stop() }
        let client = OktaClient(
            org: try OrgAddress(parsing: server.baseURL.absoluteString),
            token: try APIToken(parsing: Self.secret), clock: TestClock())
        let report = await ConnectionCheck(client: client, clock: TestClock()).run()
        #expect(report.failure?.kind == .notAnOktaOrg)
        #expect(report.exitStatus == .orgUnreachable)
    }

    @Test func over_loopback_http_only_the_four_gets_are_sent() async throws {
        let org = Self.simulated()
        let server = SimulatedOrgServer(org: org)
        try server.start()
        defer { server.stop() }
        let client = OktaClient(
            org: try OrgAddress(parsing: server.baseURL.absoluteString),
            token: try APIToken(parsing: Self.secret), clock: TestClock())
        let report = await ConnectionCheck(client: client, clock: TestClock()).run()
        #expect(report.ok)
        #expect(report.owner?.login == org.tokenOwner.login)
        let requests = server.server.requests
        #expect(requests.allSatisfy { $0.method == "GET" })
        #expect(
            requests.map(\.target) == [
                "/.well-known/okta-organization", "/api/v1/users/me", "/api/v1/users?limit=1",
                "/api/v1/org",
            ])
        #expect(requests[0].value(forHeader: "Authorization") == nil)
        #expect(
            requests.dropFirst().allSatisfy {
                $0.value(forHeader: "Authorization") == "SSWS \(Self.secret)"
            })
    }

    @Test func cancelled_check_is_not_ok() async throws {
        let org = Self.simulated()
        let client = OktaClient(
            org: try OrgAddress(parsing: org.configuration.host),
            token: try APIToken(parsing: Self.secret),
            sessionConfiguration: org.sessionConfiguration(), clock: TestClock())
        let task = Task { await ConnectionCheck(client: client, clock: TestClock()).run() }
        task.cancel()
        let report = await task.value
        #expect(!report.ok)
        #expect(report.failure?.kind == .cancelled)
    }
}
