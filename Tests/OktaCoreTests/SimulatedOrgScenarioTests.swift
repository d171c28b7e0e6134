import Foundation
import OktaCore
import SimulatedOrg
import Testing

@Suite struct SimulatedOrgScenarioTests {
    @Test func rateLimitAnswers429AfterTheLimitAndResetsWithTheWindow() throws {
        let clock = SimulatedOrgTestClock(Date(timeIntervalSince1970: 1_780_000_003))
        let org = SimulatedOrg.testOrg(
            rateLimit: RateLimitRule(limit: 3, windowSeconds: 10), clock: clock)
        let remaining = (0..<3).map { _ in
            org.get("/api/v1/users?limit=1").value(forHeader: "X-Rate-Limit-Remaining")
        }
        #expect(remaining == ["2", "1", "0"])

        let limited = org.get("/api/v1/users?limit=1")
        #expect(limited.status == 429)
        #expect(try jsonObject(limited)["errorCode"] == .string("E0000047"))
        #expect(limited.value(forHeader: "X-Rate-Limit-Limit") == "3")
        #expect(limited.value(forHeader: "X-Rate-Limit-Remaining") == "0")
        #expect(limited.value(forHeader: "X-Rate-Limit-Reset") == "1780000010")
        #expect(org.get("/api/v1/users/me").status == 200)
        #expect(org.rateLimitedCount == 1)

        clock.advance(7)
        #expect(org.get("/api/v1/users?limit=1").status == 200)
    }

    @Test func concurrencyRejectionsReportZeroLimitAndRemaining() throws {
        let org = SimulatedOrg.testOrg()
        org.rejectNextRequestsForConcurrency(2)
        for _ in 0..<2 {
            let response = org.get("/api/v1/users")
            #expect(response.status == 429)
            #expect(response.value(forHeader: "X-Rate-Limit-Limit") == "0")
            #expect(response.value(forHeader: "X-Rate-Limit-Remaining") == "0")
        }
        #expect(org.get("/api/v1/users").status == 200)
        #expect(org.rateLimitedCount == 2)
    }

    @Test func tokenExpiresAfterTheGivenNumberOfRequests() throws {
        let org = SimulatedOrg.testOrg()
        org.expireToken(afterRequests: 2)
        #expect(org.get("/api/v1/users/me").status == 200)
        #expect(org.get("/api/v1/users?limit=1").status == 200)
        for path in ["/api/v1/users?limit=1", "/api/v1/users/me", "/api/v1/org"] {
            let response = org.get(path)
            #expect(response.status == 401)
            #expect(try jsonObject(response)["errorCode"] == .string("E0000011"))
        }
        let wellKnown = org.respond(
            to: SimulatedRequest(
                url: URL(string: "https://\(org.configuration.host)/.well-known/okta-organization")!
            ))
        #expect(wellKnown.status == 200)
        org.renewToken()
        #expect(org.get("/api/v1/users/me").status == 200)
    }

    @Test func truncatedPageIsInvalidJSONOnce() throws {
        let org = SimulatedOrg.testOrg()
        org.truncateNextUsersPages()
        #expect(org.get("/api/v1/users/me").status == 200)
        let truncated = org.get("/api/v1/users?limit=20")
        #expect(truncated.status == 200)
        #expect(throws: (any Error).self) {
            try JSONSerialization.jsonObject(with: truncated.body)
        }
        let whole = org.get("/api/v1/users?limit=20")
        #expect(try JSONDecoder().decode([OktaUser].self, from: whole.body).count == 20)
        #expect(whole.body.count > truncated.body.count)
    }

    @Test func transientFailuresComeInOrderThenTheOrgRecovers() throws {
        let org = SimulatedOrg.testOrg()
        org.failNextRequests(1, with: .serviceUnavailable)
        org.failNextRequests(1, with: .badGateway)
        org.failNextRequests(1, with: .gatewayTimeout)
        org.failNextRequests(1, with: .internalServerError)
        org.failNextRequests(1, with: .droppedConnection)

        let unavailable = org.get("/api/v1/users")
        #expect(unavailable.status == 503)
        #expect(try jsonObject(unavailable)["errorCode"] == .string("E0000010"))
        #expect(unavailable.value(forHeader: "X-Rate-Limit-Reset") != nil)
        let gateway = org.get("/api/v1/users")
        #expect(gateway.status == 502)
        #expect(gateway.value(forHeader: "Content-Type")?.hasPrefix("text/html") == true)
        let timeout = org.get("/api/v1/users")
        #expect(timeout.status == 504)
        #expect(timeout.value(forHeader: "X-Rate-Limit-Reset") == nil)
        #expect(org.get("/api/v1/users").status == 500)
        #expect(org.get("/api/v1/users").dropsConnection)
        #expect(org.get("/api/v1/users").status == 200)
    }

    @Test func htmlModeAndSmallAdminRoles() throws {
        let org = SimulatedOrg.testOrg()
        org.isReadOnlyAdmin = true
        let orgResponse = org.get("/api/v1/org")
        #expect(orgResponse.status == 403)
        #expect(try jsonObject(orgResponse)["errorCode"] == .string("E0000006"))
        #expect(org.get("/api/v1/users?limit=1").status == 200)

        org.canListUsers = false
        #expect(org.get("/api/v1/users?limit=1").status == 403)
        #expect(org.get("/api/v1/users/me").status == 200)

        org.servesHTML = true
        let page = org.get("/.well-known/okta-organization")
        #expect(page.status == 200)
        #expect(page.value(forHeader: "Content-Type") == "text/html;charset=utf-8")
        #expect(page.bodyText.contains("<html"))
        #expect(page.value(forHeader: "X-Okta-Request-Id") == nil)
    }

    @Test func requestLogHasPathsButNoToken() {
        let org = SimulatedOrg.testOrg()
        _ = org.get("/api/v1/users?limit=2")
        _ = org.get("/api/v1/users/me")
        #expect(org.requestLog == ["GET /api/v1/users?limit=2", "GET /api/v1/users/me"])
        #expect(org.requestCount == 2)
        #expect(!org.requestLog.joined().contains(org.configuration.token))
        #expect(!"\(org.configuration)".contains(org.configuration.token))
        org.resetStatistics()
        #expect(org.requestCount == 0)
    }

    @Test func demoOrgLooksLikeAcme() {
        let org = SimulatedOrg.demo()
        #expect(SimulatedOrg.demoToken.count == 42)
        #expect(SimulatedOrg.demoToken.hasPrefix("00"))
        #expect(org.configuration.host == "acme.okta.com")
        #expect(org.userCount == 2_500)
        #expect(org.latency > .zero)
    }

    @Test func millionUserOrgServesAnyPageWithoutMaterialisingUsers() throws {
        let org = SimulatedOrg.testOrg(users: 1_000_000)
        let lastID = try #require(org.user(at: 999_990)).id
        let page = org.get("/api/v1/users?filter=status+eq+%22ACTIVE%22&after=\(lastID)")
        let users = try JSONDecoder().decode([OktaUser].self, from: page.body)
        #expect(users.allSatisfy { $0.status == "ACTIVE" && $0.id > lastID })
        #expect(page.values(forHeader: "Link").count == 1)

        let recent = try #require(org.user(at: 999_500)?.lastUpdated)
        let since =
            "/api/v1/users?filter=" + "lastUpdated gt \"\(OktaDate.format(recent))\""
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let ids = try org.walk(since).ids
        #expect(ids.count >= 490 && ids.count <= 500)
    }
}
