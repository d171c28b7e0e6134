import Foundation
import OktaCore
import TestSupport
import Testing

/// The client over real HTTP on 127.0.0.1: what actually goes over the wire, redirects,
/// duplicate header fields, timeouts, refused and dropped connections, DNS failure.
@Suite("OktaClient (loopback HTTP)")
struct LoopbackClientTests {
    static let secret = "00loopbackTokenValue_0123456789abcdefQRST"
    let token = try! APIToken(parsing: secret)

    static func users(_ ids: [String]) -> String {
        "["
            + ids.map { "{\"id\":\"\($0)\",\"status\":\"ACTIVE\",\"profile\":{}}" }
            .joined(separator: ",") + "]"
    }

    func start(_ handler: @escaping LoopbackHTTPServer.Handler) throws -> LoopbackHTTPServer {
        let server = LoopbackHTTPServer(handler: handler)
        try server.start()
        return server
    }

    func client(
        _ server: LoopbackHTTPServer, clock: TestClock = TestClock(),
        _ change: (inout OktaClient.Options) -> Void = { _ in }
    ) throws -> OktaClient {
        var options = OktaClient.Options()
        change(&options)
        return OktaClient(
            org: try OrgAddress(parsing: server.baseURL.absoluteString), token: token,
            options: options, clock: clock, random: { 0.5 })
    }

    @Test func headers_on_the_wire() async throws {
        let server = try start { _ in
            .message(.json(200, "{\"id\":\"00u1\",\"status\":\"ACTIVE\"}"))
        }
        defer { server.stop() }
        let client = try client(server)
        _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/api/v1/users/me")
        #expect(request.value(forHeader: "Authorization") == "SSWS \(Self.secret)")
        #expect(request.value(forHeader: "Accept") == "application/json")
        #expect(request.value(forHeader: "User-Agent")?.hasPrefix("okta-connect/") == true)
    }

    @Test func duplicate_link_fields_are_followed_verbatim() async throws {
        let base = Locked("")
        let server = try start { request in
            let origin = base.withLock { $0 }
            switch request.target {
            case let target where target.hasPrefix("/api/v1/users?limit=2"):
                return .message(
                    .json(
                        200, Self.users(["00u1", "00u2"]),
                        extraHeaders: [
                            ("Link", "<\(origin)/api/v1/users?limit=2>; rel=\"self\""),
                            (
                                "Link",
                                "<\(origin)/api/v1/users?after=200u2&limit=2&fields=id,status"
                                    + "&search=status+eq+%22ACTIVE%22>; rel=\"next\""
                            ),
                        ]))
            case "/api/v1/users?after=200u2&limit=2&fields=id,status&search=status+eq+%22ACTIVE%22":
                return .message(
                    .json(
                        200, Self.users(["00u3"]),
                        extraHeaders: [
                            ("Link", "<\(origin)/api/v1/users?after=200u3&limit=2>; rel=\"self\"")
                        ]))
            default:
                return .message(.json(404, "{\"errorCode\":\"E0000007\"}"))
            }
        }
        defer { server.stop() }
        base.withLock { $0 = server.baseURL.absoluteString }
        let client = try client(server) { $0.pageSize = 2 }
        var ids: [String] = []
        for try await page in client.listUsers(filter: nil) { ids += page.users.map(\.id) }
        #expect(ids == ["00u1", "00u2", "00u3"])
        #expect(
            server.requests.map(\.target) == [
                "/api/v1/users?limit=2",
                "/api/v1/users?after=200u2&limit=2&fields=id,status&search=status+eq+%22ACTIVE%22",
            ])
    }

    @Test func duplicate_rate_limit_reset_fields_are_read() async throws {
        let server = try start { _ in
            .message(
                .json(
                    200, Self.users(["00u1"]),
                    extraHeaders: [
                        ("Date", "Thu, 11 Sep 2025 16:21:50 GMT"), ("X-Rate-Limit-Limit", "600"),
                        ("X-Rate-Limit-Remaining", "598"), ("X-Rate-Limit-Reset", "1757607790"),
                        ("X-Rate-Limit-Reset", "1757607758"),
                    ]))
        }
        defer { server.stop() }
        let client = try client(server)
        _ = try await client.get("/api/v1/users", as: [OktaUser].self)
        let snapshot = client.statistics.lastRateLimit
        #expect(snapshot?.reset == Date(timeIntervalSince1970: 1_757_607_758))
        #expect(snapshot?.remaining == 598)
    }

    /// Serves a listing whose first page is `/api/v1/users?limit=200` and whose later pages
    /// `pages` answers by request target; returns the ids listed and the error, if any.
    func list(
        _ pages: @escaping @Sendable (String, String) -> LoopbackResponse
    ) async throws -> (ids: [String], error: OktaError?, targets: [String]) {
        let base = Locked("")
        let server = try start { request in pages(base.withLock { $0 }, request.target) }
        defer { server.stop() }
        base.withLock { $0 = server.baseURL.absoluteString }
        let client = try client(server)
        var ids: [String] = []
        do {
            for try await page in client.listUsers(filter: nil) { ids += page.users.map(\.id) }
            return (ids, nil, server.requests.map(\.target))
        } catch let error as OktaError {
            return (ids, error, server.requests.map(\.target))
        }
    }

    static func page(_ ids: [String], next: String?) -> LoopbackResponse {
        .message(
            .json(
                200, users(ids),
                extraHeaders: next.map { [("Link", "<\($0)>; rel=\"next\"")] } ?? []))
    }

    @Test func repeated_next_url_over_http() async throws {
        let result = try await list { origin, target in
            target == "/api/v1/users?limit=200"
                ? Self.page(["00u1"], next: "\(origin)/api/v1/users?after=2")
                : Self.page(["00u2"], next: "\(origin)/api/v1/users?after=2")
        }
        #expect(result.error?.kind == .paginationLoop)
        #expect(result.ids == ["00u1"])
        #expect(result.targets.count == 2)
    }

    @Test func empty_page_over_http_ends_without_following_next() async throws {
        let result = try await list { origin, target in
            target == "/api/v1/users?limit=200"
                ? Self.page(["00u1"], next: "\(origin)/api/v1/users?after=1")
                : Self.page([], next: "\(origin)/api/v1/users?after=\(target.count)")
        }
        #expect(result.error == nil)
        #expect(result.ids == ["00u1"])
        #expect(result.targets == ["/api/v1/users?limit=200", "/api/v1/users?after=1"])
    }

    @Test func page_with_no_new_ids_over_http() async throws {
        let result = try await list { origin, target in
            Self.page(["00u1", "00u2"], next: "\(origin)/api/v1/users?after=\(target.count)")
        }
        #expect(result.error?.kind == .paginationLoop)
        #expect(result.ids == ["00u1", "00u2"])
    }

    /// The token goes only to the org's own origin: a `next` link naming another port on the
    /// same host is another origin (another server) and must not receive it.
    @Test func next_link_to_another_port_does_not_get_the_token() async throws {
        let other = try start { _ in .message(.json(200, Self.users(["00u9"]))) }
        defer { other.stop() }
        let next = other.baseURL.absoluteString + "/api/v1/users?after=1"
        let result = try await list { _, _ in Self.page(["00u1"], next: next) }
        #expect(result.ids.contains("00u1"))
        #expect(other.requests.allSatisfy { $0.value(forHeader: "Authorization") == nil })
    }

    @Test func redirect_to_another_port_drops_the_token() async throws {
        let target = try start { _ in
            .message(.json(200, "{\"id\":\"00u1\",\"status\":\"ACTIVE\"}"))
        }
        defer { target.stop() }
        let location = target.baseURL.absoluteString + "/api/v1/users/me"
        let origin = try start { request in
            if request.target == "/same" {
                return .message(
                    HTTPResponseMessage(
                        status: 302, headerFields: [("Location", "/api/v1/users/me")]))
            }
            if request.target == "/api/v1/users/me" {
                return .message(.json(200, "{\"id\":\"00u2\",\"status\":\"ACTIVE\"}"))
            }
            return .message(
                HTTPResponseMessage(status: 302, headerFields: [("Location", location)]))
        }
        defer { origin.stop() }
        let client = try client(origin)

        let moved = try await client.get("/api/v1/users/moved", as: OktaUser.self)
        #expect(moved.value.id == "00u1")
        let forwarded = try #require(target.requests.first)
        #expect(forwarded.value(forHeader: "Authorization") == nil)
        #expect(origin.requests.first?.value(forHeader: "Authorization") == "SSWS \(Self.secret)")

        let same = try await client.get("/same", as: OktaUser.self)
        #expect(same.value.id == "00u2")
        #expect(origin.requests.last?.value(forHeader: "Authorization") == "SSWS \(Self.secret)")
    }

    @Test func redirect_to_another_host_name_drops_the_token() async throws {
        let server = try start { request in
            request.value(forHeader: "Host")?.hasPrefix("localhost") == true
                ? .message(.json(200, "{\"id\":\"00u3\",\"status\":\"ACTIVE\"}"))
                : .message(.json(404, "{\"errorCode\":\"E0000007\"}"))
        }
        defer { server.stop() }
        let port = server.port
        let redirector = try start { _ in
            .message(
                HTTPResponseMessage(
                    status: 307,
                    headerFields: [("Location", "http://localhost:\(port)/api/v1/users/me")]))
        }
        defer { redirector.stop() }
        let client = try client(redirector)
        let response = try await client.get("/api/v1/users/me", as: OktaUser.self)
        #expect(response.value.id == "00u3")
        #expect(server.requests.count == 1)
        #expect(server.requests.first?.value(forHeader: "Authorization") == nil)
    }

    @Test func hanging_server_times_out_after_retries() async throws {
        let server = try start { _ in .hang(seconds: 3) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try client(server, clock: clock) {
            $0.requestTimeout = 0.3
            $0.overallTimeout = 0.6
            $0.maxAttempts = 2
        }
        await #expect {
            _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .timedOut && error.exitStatus == .orgUnreachable
        }
        // The client's own count: the server may record the second, timed-out request only
        // after the client has already given up on it.
        #expect(client.statistics.requests == 2)
        #expect(!server.requests.isEmpty)
        #expect(clock.sleeps.count == 1)
    }

    @Test func closed_port_is_connection_refused() async throws {
        let port = try LoopbackHTTPServer.refusedPort()
        let client = OktaClient(
            org: try OrgAddress(parsing: "http://127.0.0.1:\(port)"), token: token,
            clock: TestClock())
        await #expect {
            _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .connectionRefused && error.exitStatus == .orgUnreachable
                && !error.description.contains(Self.secret)
        }
        #expect(client.statistics.requests == 1)
    }

    @Test func dropped_connection_is_connection_lost_after_retries() async throws {
        let server = try start { _ in .dropConnection }
        defer { server.stop() }
        let clock = TestClock()
        let client = try client(server, clock: clock) { $0.maxAttempts = 4 }
        await #expect {
            _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .connectionLost && error.exitStatus == .orgUnreachable
        }
        #expect(server.requests.count == 4)
        #expect(clock.sleeps.count == 3)
    }

    @Test func drop_mid_body_then_success() async throws {
        let body = Self.users(["00u1", "00u2", "00u3"])
        let counter = Locked(0)
        let flaky = try start { _ in
            let attempt = counter.withLock {
                $0 += 1; return $0
            }
            return attempt == 1 ? .dropAfterHeaders(.json(200, body)) : .message(.json(200, body))
        }
        defer { flaky.stop() }
        let clock = TestClock()
        let client = try client(flaky, clock: clock)
        let response = try await client.get("/api/v1/users", as: [OktaUser].self)
        #expect(response.value.count == 3)
        #expect(flaky.requests.count == 2)
        #expect(clock.sleeps.count == 1)
    }

    @Test func unknown_host_cannot_be_resolved() async throws {
        var options = OktaClient.Options()
        options.requestTimeout = 5
        options.overallTimeout = 8
        let client = OktaClient(
            org: try OrgAddress(parsing: "nonexistent.invalid"), token: token, options: options,
            clock: TestClock())
        await #expect {
            _ = try await client.get(
                "/.well-known/okta-organization", as: [String: JSONValue].self,
                authenticated: false)
        } throws: { error in
            let error = error as! OktaError
            return error.kind == .cannotResolveHost && error.exitStatus == .orgUnreachable
                && error.summary.contains("nonexistent.invalid")
        }
    }

    @Test func html_page_is_not_an_okta_org() async throws {
        let server = try start { _ in .message(.html(200, "<html><body>Sign in</body></html>")) }
        defer { server.stop() }
        let client = try client(server)
        await #expect {
            _ = try await client.get("/api/v1/users/me", as: OktaUser.self)
        } throws: { ($0 as? OktaError)?.kind == .notAnOktaOrg }
    }
}
