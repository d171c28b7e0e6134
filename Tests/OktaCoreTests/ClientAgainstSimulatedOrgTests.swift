import Foundation
import OktaCore
import SimulatedOrg
import TestSupport
import Testing

/// Whole listings through URLSession against the simulated org: every user once, faults on
/// the way, token expiry, and pacing that keeps a tight rate limit from ever answering 429.
@Suite("OktaClient against the simulated org")
struct ClientAgainstSimulatedOrgTests {
    static let secret = "00simulatedTokenValue_0123456789abcdeJKLM"

    func client(
        _ org: SimulatedOrg, clock: TestClock = TestClock(),
        _ change: (inout OktaClient.Options) -> Void = { _ in }
    ) throws -> OktaClient {
        var options = OktaClient.Options()
        change(&options)
        return OktaClient(
            org: try OrgAddress(parsing: org.configuration.host),
            token: try APIToken(parsing: Self.secret), options: options,
            sessionConfiguration: org.sessionConfiguration(), clock: clock, random: { 0.5 })
    }

    func expectedIDs(_ org: SimulatedOrg) -> [String] {
        var ids: [String] = []
        org.forEachUser { if $0.status != "DEPROVISIONED" { ids.append($0.id) } }
        return ids
    }

    func listAll(_ client: OktaClient) async throws -> (ids: [String], pages: Int) {
        var ids: [String] = []
        var pages = 0
        for try await page in client.listUsers(filter: nil) {
            pages += 1
            #expect(page.number == pages)
            #expect(page.requestId != nil)
            ids += page.users.map(\.id)
        }
        return (ids, pages)
    }

    @Test func lists_every_user_exactly_once() async throws {
        let org = SimulatedOrg(.init(userCount: 450, seed: 11, token: Self.secret))
        let client = try client(org)
        let (ids, pages) = try await listAll(client)
        let expected = expectedIDs(org)
        #expect(ids.count == expected.count)
        #expect(Set(ids) == Set(expected))
        #expect(pages == (expected.count + 199) / 200)
        #expect(org.requestLog.allSatisfy { $0.hasPrefix("GET /api/v1/users?") })
    }

    /// Four failures in a row (503, 504, 502 HTML, a cut-off page), then the page arrives on
    /// the fifth and last attempt.
    @Test func faults_during_a_listing_are_absorbed() async throws {
        let org = SimulatedOrg(.init(userCount: 450, seed: 12, token: Self.secret))
        org.truncateNextUsersPages(1)
        org.failNextRequests(1, with: .serviceUnavailable)
        org.failNextRequests(1, with: .gatewayTimeout)
        org.failNextRequests(1, with: .badGateway)
        let clock = TestClock()
        let client = try client(org, clock: clock) { $0.pageSize = 100 }
        let (ids, _) = try await listAll(client)
        #expect(Set(ids) == Set(expectedIDs(org)))
        #expect(ids.count == expectedIDs(org).count)
        #expect(client.statistics.retries == 4)
        #expect(clock.sleeps.count == 4)
    }

    @Test func token_expiring_mid_listing_stops_with_token_rejected() async throws {
        let org = SimulatedOrg(.init(userCount: 450, seed: 13, token: Self.secret))
        org.expireToken(afterRequests: 2)
        let client = try client(org) { $0.pageSize = 100 }
        var ids: [String] = []
        await #expect {
            for try await page in client.listUsers(filter: nil) { ids += page.users.map(\.id) }
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .tokenRejected && error.exitStatus == .tokenRejected
                && error.requestId != nil
        }
        #expect(ids.count == 200)
    }

    @Test func html_org_is_not_an_okta_org() async throws {
        let org = SimulatedOrg(.init(userCount: 5, seed: 14, token: Self.secret))
        org.servesHTML = true
        let client = try client(org)
        await #expect {
            _ = try await listAll(client)
        } throws: { ($0 as? OktaError)?.kind == .notAnOktaOrg }
    }

    @Test(arguments: [-95.3, 0.0, 37.6])
    func pacing_keeps_a_tight_limit_free_of_429s(serverSkew: TimeInterval) async throws {
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_800_000_012.25))
        let org = SimulatedOrg(
            .init(
                userCount: 301, seed: 15, token: Self.secret,
                rateLimit: RateLimitRule(limit: 20, windowSeconds: 60),
                clock: { clock.now.addingTimeInterval(serverSkew) },
                createdAt: Date(timeIntervalSince1970: 1_700_000_000)))
        let client = try client(org, clock: clock) { $0.pageSize = 10 }
        let (ids, _) = try await listAll(client)
        #expect(Set(ids) == Set(expectedIDs(org)))

        #expect(org.rateLimitedCount == 0)
        #expect(client.statistics.rateLimitedResponses == 0)
        let requests = org.requestCount
        #expect(requests >= 25)
        let allowance = 10
        let windows = (requests + allowance - 1) / allowance
        #expect(clock.sleeps.count == windows - 1, "sleeps \(clock.sleeps)")
        #expect(clock.sleeps.allSatisfy { $0 > 0 && $0 <= 61 })
        let elapsed = clock.now.timeIntervalSince(Date(timeIntervalSince1970: 1_800_000_012.25))
        #expect(elapsed <= Double(windows) * 60)
        #expect(client.statistics.rateLimitWaitSeconds == clock.sleeps.reduce(0, +))
    }

    @Test func share_of_one_uses_the_whole_limit_without_429s() async throws {
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_800_000_000.5))
        let org = SimulatedOrg(
            .init(
                userCount: 120, seed: 16, token: Self.secret,
                rateLimit: RateLimitRule(limit: 5, windowSeconds: 60),
                clock: { clock.now }, createdAt: Date(timeIntervalSince1970: 1_700_000_000)))
        let client = try client(org, clock: clock) {
            $0.pageSize = 10
            $0.rateLimitShare = 1
        }
        _ = try await listAll(client)
        #expect(org.rateLimitedCount == 0)
        let windows = (org.requestCount + 4) / 5
        #expect(clock.sleeps.count == windows - 1)
    }

    @Test func concurrency_429s_get_short_waits() async throws {
        let org = SimulatedOrg(.init(userCount: 30, seed: 17, token: Self.secret))
        org.rejectNextRequestsForConcurrency(2)
        let clock = TestClock()
        let client = try client(org, clock: clock)
        let (ids, _) = try await listAll(client)
        #expect(ids.count == expectedIDs(org).count)
        #expect(client.statistics.rateLimitedResponses == 2)
        #expect(clock.sleeps.count == 2)
        #expect(clock.sleeps.allSatisfy { $0 <= OktaClient.Options().backoff.cap })
    }
}
