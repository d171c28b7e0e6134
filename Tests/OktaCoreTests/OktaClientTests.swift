import Foundation
import OktaCore
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The client against an in-process org (URLProtocol): headers, retries, 429 waits, pacing,
/// pagination guards and where the token may go.
@Suite("OktaClient (in-process)")
struct OktaClientTests {
    static let secret = "00clientTestTokenValue_0123456789abcdWXYZ"
    let token = try! APIToken(parsing: secret)

    static func user(_ id: String) -> String {
        "{\"id\":\"\(id)\",\"status\":\"ACTIVE\",\"created\":\"2024-01-01T00:00:00.000Z\","
            + "\"profile\":{\"login\":\"\(id)@example.com\"}}"
    }

    static func users(_ ids: [String]) -> String {
        "[" + ids.map(user).joined(separator: ",") + "]"
    }

    static func next(_ url: String) -> [(String, String)] {
        [("Link", "<\(url)>; rel=\"next\"")]
    }

    func options(_ change: (inout OktaClient.Options) -> Void = { _ in }) -> OktaClient.Options {
        var options = OktaClient.Options()
        change(&options)
        return options
    }

    @Test func sends_ssws_accept_and_user_agent() async throws {
        let scripted = try ScriptedOrg(replies: [.json(Self.user("00u1"))])
        let client = scripted.client(token: token, clock: TestClock())
        let response = try await client.get("/api/v1/users/me", as: OktaUser.self)
        #expect(response.value.id == "00u1")
        #expect(response.requestId?.hasPrefix("req-") == true)
        let request = try #require(scripted.requests.first)
        #expect(request.httpMethod == "GET")
        #expect(request.value(forHTTPHeaderField: "Authorization") == "SSWS \(Self.secret)")
        #expect(request.value(forHTTPHeaderField: "Accept") == "application/json")
        let agent = try #require(request.value(forHTTPHeaderField: "User-Agent"))
        #expect(agent.hasPrefix("okta-connect/\(OktaConnectVersion.current) swift/"))
        #expect(agent.contains("Linux/") || agent.contains("Darwin/"))
        #expect(client.statistics.requests == 1)
        #expect(client.statistics.tokenLastUsed != nil)
    }

    @Test func unauthenticated_get_sends_no_token() async throws {
        let scripted = try ScriptedOrg(replies: [.json("{\"id\":\"00o1\",\"pipeline\":\"idx\"}")])
        let client = scripted.client(token: token, clock: TestClock())
        _ = try await client.get(
            "/.well-known/okta-organization", as: [String: JSONValue].self, authenticated: false)
        #expect(scripted.requests.first?.value(forHTTPHeaderField: "Authorization") == nil)
    }

    @Test func retries_503_then_succeeds() async throws {
        let scripted = try ScriptedOrg(replies: [
            .json(503, "{\"errorCode\":\"E0000010\"}"), .json(503, "{}"),
            .json(Self.user("00u1")),
        ])
        let clock = TestClock()
        let client = scripted.client(token: token, clock: clock)
        let response = try await client.get("/api/v1/users/me", as: OktaUser.self)
        #expect(response.value.id == "00u1")
        #expect(scripted.requests.count == 3)
        #expect(clock.sleeps == [0.375, 0.75])
        #expect(client.statistics.retries == 2)
    }

    @Test func gives_up_after_max_attempts() async throws {
        let scripted = try ScriptedOrg { _, _ in
            .json(503, "{\"errorCode\":\"E0000010\"}", requestId: "rid-503")
        }
        let clock = TestClock()
        let client = scripted.client(
            token: token, options: options { $0.maxAttempts = 4 }, clock: clock)
        await #expect {
            _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .serverError && error.exitStatus == .oktaKeptFailing
                && error.requestId == "rid-503" && error.httpStatus == 503
        }
        #expect(scripted.requests.count == 4)
        #expect(clock.sleeps.count == 3)
        #expect(clock.sleeps.allSatisfy { $0 <= OktaClient.Options().backoff.cap })
    }

    @Test func waits_reset_minus_server_date_after_429() async throws {
        let scripted = try ScriptedOrg(replies: [
            .json(
                429, "{\"errorCode\":\"E0000047\"}",
                headers: [
                    ("Date", "Thu, 11 Sep 2025 16:21:50 GMT"), ("X-Rate-Limit-Limit", "10"),
                    ("X-Rate-Limit-Remaining", "0"), ("X-Rate-Limit-Reset", "1757607758"),
                ]),
            .json(
                Self.user("00u1"),
                headers: [
                    ("Date", "Thu, 11 Sep 2025 16:22:39 GMT"), ("X-Rate-Limit-Limit", "10"),
                    ("X-Rate-Limit-Remaining", "9"), ("X-Rate-Limit-Reset", "1757607818"),
                ]),
        ])
        // The local clock is 7 minutes 13 seconds ahead of Okta's.
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_757_607_710 + 433))
        let client = scripted.client(token: token, clock: clock)
        let response = try await client.get("/api/v1/users/me", as: OktaUser.self)
        #expect(response.value.id == "00u1")
        #expect(clock.sleeps == [49])
        #expect(client.statistics.rateLimitedResponses == 1)
        #expect(client.statistics.rateLimitWaitSeconds == 49)
        #expect(client.statistics.lastRateLimit?.remaining == 9)
    }

    @Test func concurrency_429_waits_briefly() async throws {
        let scripted = try ScriptedOrg(replies: [
            .json(
                429, "{\"errorCode\":\"E0000047\"}",
                headers: [
                    ("Date", "Thu, 11 Sep 2025 16:21:50 GMT"), ("X-Rate-Limit-Limit", "0"),
                    ("X-Rate-Limit-Remaining", "0"), ("X-Rate-Limit-Reset", "1757607830"),
                ]),
            .json(Self.user("00u1")),
        ])
        let clock = TestClock()
        let client = scripted.client(token: token, clock: clock)
        _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        #expect(clock.sleeps == [0.375])
    }

    @Test func keeps_429_until_attempts_run_out() async throws {
        let scripted = try ScriptedOrg { _, _ in
            .json(
                429, "{\"errorCode\":\"E0000047\"}",
                headers: [
                    ("Date", "Thu, 11 Sep 2025 16:21:50 GMT"), ("X-Rate-Limit-Limit", "10"),
                    ("X-Rate-Limit-Remaining", "0"), ("X-Rate-Limit-Reset", "1757610000"),
                ])
        }
        let clock = TestClock()
        let client = scripted.client(
            token: token,
            options: options {
                $0.maxAttempts = 3; $0.maxRateLimitWait = 30
            },
            clock: clock)
        await #expect {
            _ = try await client.get("/api/v1/users", as: [OktaUser].self)
        } throws: { ($0 as? OktaError)?.kind == .rateLimited }
        #expect(scripted.requests.count == 3)
        #expect(clock.sleeps.allSatisfy { $0 <= 30 }, "waits: \(clock.sleeps)")
    }

    @Test func truncated_json_page_is_retried() async throws {
        let full = Self.users(["00u1", "00u2"])
        let scripted = try ScriptedOrg(replies: [
            .json(String(full.prefix(full.count / 2))), .json(full),
        ])
        let clock = TestClock()
        let client = scripted.client(token: token, clock: clock)
        let response = try await client.get("/api/v1/users", as: [OktaUser].self)
        #expect(response.value.map(\.id) == ["00u1", "00u2"])
        #expect(scripted.requests.count == 2)
        #expect(client.statistics.retries == 1)
    }

    @Test func truncated_json_every_time_is_malformed() async throws {
        let scripted = try ScriptedOrg { _, _ in .json("[{\"id\":\"00u1\",\"sta") }
        let client = scripted.client(
            token: token, options: options { $0.maxAttempts = 3 }, clock: TestClock())
        await #expect {
            _ = try await client.get("/api/v1/users", as: [OktaUser].self)
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .malformedResponse && error.exitStatus == .oktaKeptFailing
        }
    }

    @Test func html_200_is_not_an_okta_org() async throws {
        let scripted = try ScriptedOrg(replies: [
            .response(
                status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
                body: Data("<html><body>Welcome to nginx</body></html>".utf8))
        ])
        let client = scripted.client(token: token, clock: TestClock())
        await #expect {
            _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .notAnOktaOrg && error.exitStatus == .orgUnreachable
        }
    }

    @Test func html_404_is_not_an_okta_org() async throws {
        let scripted = try ScriptedOrg(replies: [
            .response(
                status: 404, headers: [("Content-Type", "text/html")],
                body: Data("<html>Not Found</html>".utf8))
        ])
        let client = scripted.client(token: token, clock: TestClock())
        await #expect {
            _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        } throws: { ($0 as? OktaError)?.kind == .notAnOktaOrg }
    }

    @Test func media_type_with_charset_is_json() async throws {
        let scripted = try ScriptedOrg(replies: [
            .response(
                status: 200, headers: [("Content-Type", "application/json;charset=UTF-8")],
                body: Data(Self.user("00u9").utf8))
        ])
        let client = scripted.client(token: token, clock: TestClock())
        #expect(try await client.get("/api/v1/users/me", as: OktaUser.self).value.id == "00u9")
    }

    @Test(arguments: [
        (URLError.Code.timedOut, OktaError.Kind.timedOut),
        (.networkConnectionLost, .connectionLost),
    ])
    func transient_transport_failures_are_retried(code: URLError.Code, kind: OktaError.Kind)
        async throws
    {
        let recovered = try ScriptedOrg(replies: [.failure(code), .json(Self.user("00u1"))])
        let clock = TestClock()
        let client = recovered.client(token: token, clock: clock)
        #expect(try await client.get("/api/v1/users/me", as: OktaUser.self).value.id == "00u1")
        #expect(clock.sleeps.count == 1)

        let broken = try ScriptedOrg { _, _ in .failure(code) }
        let failing = broken.client(
            token: token, options: options { $0.maxAttempts = 4 }, clock: TestClock())
        await #expect {
            _ = try await failing.get("/api/v1/users/me", as: OktaUser.self)
        } throws: { ($0 as? OktaError)?.kind == kind }
        #expect(broken.requests.count == 4)
    }

    @Test(arguments: [
        (URLError.Code.cannotFindHost, OktaError.Kind.cannotResolveHost),
        (.cannotConnectToHost, .connectionRefused),
        (.serverCertificateUntrusted, .tlsFailure),
        (.secureConnectionFailed, .tlsFailure),
        (.notConnectedToInternet, .offline),
    ])
    func permanent_transport_failures_are_not_retried(
        code: URLError.Code, kind: OktaError.Kind
    ) async throws {
        let scripted = try ScriptedOrg { _, _ in .failure(code) }
        let client = scripted.client(token: token, clock: TestClock())
        await #expect {
            _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        } throws: { error in
            let error = error as! OktaError
            return error.kind == kind && error.exitStatus == .orgUnreachable
                && !error.description.contains(Self.secret)
        }
        #expect(scripted.requests.count == 1)
    }

    // MARK: - Pagination

    @Test func lists_every_page_following_next_links_verbatim() async throws {
        let scriptedBox = Locked<ScriptedOrg?>(nil)
        let scripted = try ScriptedOrg { request, index in
            let host = scriptedBox.withLock { $0!.org.host }
            switch index {
            case 0:
                return .json(
                    Self.users(["00u1", "00u2"]),
                    headers: [
                        ("Link", "<https://\(host)/api/v1/users?limit=2>; rel=\"self\""),
                        (
                            "Link",
                            "<https://\(host)/api/v1/users?after=200u2&limit=2&fields=id,status"
                                + "&search=profile.lastName+eq+%22O%27Neil%22>; rel=\"next\""
                        ),
                    ])
            case 1:
                return .json(
                    Self.users(["00u3"]),
                    headers: Self.next("https://\(host)/api/v1/users?after=200u3&limit=2"))
            default:
                return .json(Self.users(["00u4"]))
            }
        }
        scriptedBox.withLock { $0 = scripted }
        let client = scripted.client(
            token: token, options: options { $0.pageSize = 2 }, clock: TestClock())
        var pages: [UserPage] = []
        for try await page in client.listUsers(filter: "status eq \"ACTIVE\"") {
            pages.append(page)
        }
        #expect(pages.map(\.number) == [1, 2, 3])
        #expect(pages.flatMap(\.users).map(\.id) == ["00u1", "00u2", "00u3", "00u4"])
        let urls = scripted.requests.map { $0.url!.absoluteString }
        #expect(urls.count == 3)
        #expect(
            urls[0] == "https://\(scripted.org.host)/api/v1/users?limit=2"
                + "&filter=status%20eq%20%22ACTIVE%22")
        #expect(
            urls[1] == "https://\(scripted.org.host)/api/v1/users?after=200u2&limit=2"
                + "&fields=id,status&search=profile.lastName+eq+%22O%27Neil%22")
        #expect(urls[2] == "https://\(scripted.org.host)/api/v1/users?after=200u3&limit=2")
        #expect(
            scripted.requests.allSatisfy {
                $0.value(forHTTPHeaderField: "Authorization") == "SSWS \(Self.secret)"
            })
    }

    @Test func empty_page_ends_the_listing() async throws {
        let host = "empty\(UUID().uuidString.prefix(6).lowercased()).okta.com"
        let scripted = try ScriptedOrg(host: host) { _, index in
            switch index {
            case 0: return .json(Self.users(["00u1"]), headers: Self.next("https://\(host)/p2"))
            case 1: return .json("[]", headers: Self.next("https://\(host)/p3"))
            default: return .json(Self.users(["00u9"]))
            }
        }
        let client = scripted.client(token: token, clock: TestClock())
        var ids: [String] = []
        for try await page in client.listUsers(filter: nil) { ids += page.users.map(\.id) }
        #expect(ids == ["00u1"])
        #expect(scripted.requests.count == 2)
    }

    @Test func repeated_next_url_stops_with_pagination_loop() async throws {
        let host = "loop\(UUID().uuidString.prefix(6).lowercased()).okta.com"
        let scripted = try ScriptedOrg(host: host) { _, index in
            .json(
                Self.users(["00u\(index)"]),
                headers: Self.next("https://\(host)/api/v1/users?after=x"),
                requestId: "rid-\(index)")
        }
        let client = scripted.client(token: token, clock: TestClock())
        var ids: [String] = []
        await #expect {
            for try await page in client.listUsers(filter: nil) { ids += page.users.map(\.id) }
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .paginationLoop && error.exitStatus == .oktaKeptFailing
                && error.requestId != nil
        }
        #expect(ids == ["00u0"])
        #expect(scripted.requests.count <= 3)
    }

    @Test func page_without_new_ids_stops_with_pagination_loop() async throws {
        let host = "same\(UUID().uuidString.prefix(6).lowercased()).okta.com"
        let scripted = try ScriptedOrg(host: host) { _, index in
            .json(
                Self.users(["00u1", "00u2"]),
                headers: Self.next("https://\(host)/api/v1/users?after=\(index)"))
        }
        let client = scripted.client(token: token, clock: TestClock())
        var pages = 0
        await #expect {
            for try await _ in client.listUsers(filter: nil) { pages += 1 }
        } throws: { ($0 as? OktaError)?.kind == .paginationLoop }
        #expect(pages == 1)
    }

    /// Pages that cycle with fresh cursors (A, B, A, B, …) add no new ids either.
    @Test func cycling_pages_with_fresh_cursors_stop() async throws {
        let host = "cycle\(UUID().uuidString.prefix(6).lowercased()).okta.com"
        let scripted = try ScriptedOrg(host: host) { _, index in
            .json(
                Self.users(index % 2 == 0 ? ["00uA1", "00uA2"] : ["00uB1", "00uB2"]),
                headers: Self.next("https://\(host)/api/v1/users?after=\(index)"))
        }
        let client = scripted.client(
            token: token, options: options { $0.maxPages = 40 }, clock: TestClock())
        var pages = 0
        await #expect {
            for try await _ in client.listUsers(filter: nil) { pages += 1 }
        } throws: { ($0 as? OktaError)?.kind == .paginationLoop }
        #expect(pages == 2)
    }

    /// Reaching `maxPages` while Okta still sends `next` is not a complete listing.
    @Test func page_cap_does_not_pass_for_a_complete_listing() async throws {
        let host = "cap\(UUID().uuidString.prefix(6).lowercased()).okta.com"
        let scripted = try ScriptedOrg(host: host) { _, index in
            .json(
                Self.users(["00u\(index)"]),
                headers: Self.next("https://\(host)/api/v1/users?after=\(index)"))
        }
        let client = scripted.client(
            token: token, options: options { $0.maxPages = 5 }, clock: TestClock())
        var pages = 0
        await #expect {
            for try await _ in client.listUsers(filter: nil) { pages += 1 }
        } throws: { ($0 as? OktaError)?.kind == .paginationLoop }
        #expect((4...5).contains(pages))
    }

    @Test func token_expiring_mid_listing_is_token_rejected() async throws {
        let host = "exp\(UUID().uuidString.prefix(6).lowercased()).okta.com"
        let scripted = try ScriptedOrg(host: host) { _, index in
            index < 2
                ? .json(
                    Self.users(["00u\(index)"]),
                    headers: Self.next("https://\(host)/api/v1/users?after=\(index)"))
                : .json(
                    401, "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}",
                    requestId: "rid-expired")
        }
        let client = scripted.client(token: token, clock: TestClock())
        var ids: [String] = []
        await #expect {
            for try await page in client.listUsers(filter: nil) { ids += page.users.map(\.id) }
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .tokenRejected && error.exitStatus == .tokenRejected
                && error.requestId == "rid-expired"
        }
        #expect(ids == ["00u0", "00u1"])
        #expect(scripted.requests.count == 3)
    }

    // MARK: - Where the token may go

    @Test func next_link_to_plain_http_elsewhere_is_refused() async throws {
        let scripted = try ScriptedOrg { _, _ in
            .json(
                Self.users(["00u1"]),
                headers: Self.next("http://evil.example.com/api/v1/users?after=1"))
        }
        let evil = try ScriptedOrg(host: "evil.example.com") { _, _ in .json("[]") }
        let client = scripted.client(token: token, clock: TestClock())
        await #expect {
            for try await _ in client.listUsers(filter: nil) {}
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .transport && !error.description.contains(Self.secret)
        }
        #expect(evil.requests.isEmpty)
    }

    @Test func next_link_to_a_foreign_https_host_is_refused() async throws {
        let scripted = try ScriptedOrg { _, _ in
            .json(
                Self.users(["00u1"]),
                headers: Self.next("https://collector.example.net/api/v1/users"))
        }
        let foreign = try ScriptedOrg(host: "collector.example.net") { _, _ in .json("[]") }
        let client = scripted.client(token: token, clock: TestClock())
        await #expect {
            for try await _ in client.listUsers(filter: nil) {}
        } throws: { ($0 as? OktaError)?.kind == .transport }
        #expect(foreign.requests.isEmpty)
    }

    @Test func the_token_never_reaches_the_log() async throws {
        let log = MemoryLog()
        let scripted = try ScriptedOrg(replies: [
            .failure(.networkConnectionLost), .json(503, "{}"),
            .json(401, "{\"errorCode\":\"E0000011\"}"),
        ])
        let client = OktaClient(
            org: scripted.org, token: token, sessionConfiguration: scripted.configuration(),
            clock: TestClock(), logger: log, random: { 0.5 })
        await #expect(throws: OktaError.self) {
            _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        }
        #expect(log.lines.count >= 3)
        #expect(log.lines.allSatisfy { !$0.contains(Self.secret) && !$0.contains("SSWS") })
        var dumped = ""
        dump(client, to: &dumped)
        #expect(!dumped.contains(Self.secret))
    }
}

/// Keeps log lines in memory so a test can search them.
final class MemoryLog: LogSink {
    private let storage = Locked<[String]>([])
    var lines: [String] { storage.withLock { $0 } }
    func log(_ message: @autoclosure () -> String) {
        let line = message()
        storage.withLock { $0.append(line) }
    }
}
