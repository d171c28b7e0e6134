import Foundation
import OktaCore
import SimulatedOrg
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct SimulatedOrgTransportTests {
    private func request(_ url: URL, token: String) -> URLRequest {
        var request = URLRequest(url: url)
        request.setValue("SSWS \(token)", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 5
        return request
    }

    @Test func urlProtocolAnswersThroughURLSession() async throws {
        let org = SimulatedOrg.testOrg()
        let session = URLSession(configuration: org.sessionConfiguration())
        let url = URL(string: "https://\(org.configuration.host)/api/v1/users?limit=3")!
        let (data, response) = try await session.data(
            for: request(url, token: org.configuration.token))
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(try JSONDecoder().decode([OktaUser].self, from: data).count == 3)
        let link = try #require(http.value(forHTTPHeaderField: "Link"))
        #expect(
            link.contains("rel=\"self\", <https://\(org.configuration.host)/api/v1/users?after="))
        #expect(nextLink([link]) != nil)
    }

    @Test func urlProtocolFailsUnknownHostsAndDroppedConnections() async throws {
        let org = SimulatedOrg.testOrg()
        let session = URLSession(configuration: org.sessionConfiguration())
        let wrongHost = URL(string: "https://acmee-nowhere.okta.com/api/v1/users/me")!
        let unknownHost = await #expect(throws: URLError.self) {
            _ = try await session.data(for: request(wrongHost, token: "x"))
        }
        #expect(unknownHost?.code == .cannotFindHost)
        org.failNextRequests(1, with: .droppedConnection)
        let url = URL(string: "https://\(org.configuration.host)/api/v1/users/me")!
        let dropped = await #expect(throws: URLError.self) {
            _ = try await session.data(for: request(url, token: org.configuration.token))
        }
        #expect(dropped?.code == .networkConnectionLost)
    }

    @Test func loopbackServerServesTheOrgWithDuplicateLinkFields() async throws {
        let org = SimulatedOrg.testOrg()
        let server = SimulatedOrgServer(org: org)
        try server.start()
        defer { server.stop() }

        let url = server.baseURL.appendingPathComponent("api/v1/users")
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "limit", value: "2")]
        let (data, response) = try await URLSession(configuration: .ephemeral)
            .data(for: request(components.url!, token: org.configuration.token))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(try JSONDecoder().decode([OktaUser].self, from: data).count == 2)
        let next = try #require(
            nextLink([(response as! HTTPURLResponse).value(forHTTPHeaderField: "Link")!]))
        #expect(next.hasPrefix("http://127.0.0.1:\(server.port)/api/v1/users?after="))

        let raw = try rawGET(
            port: server.port, target: "/api/v1/users?limit=2", token: org.configuration.token)
        let linkLines = raw.components(separatedBy: "\r\n").filter {
            $0.lowercased().hasPrefix("link:")
        }
        #expect(linkLines.count == 2)
        #expect(linkLines[0].hasSuffix("rel=\"self\""))
        #expect(linkLines[1].hasSuffix("rel=\"next\""))
        #expect(server.server.requests.contains { $0.target == "/api/v1/users?limit=2" })
    }

    @Test func loopbackFaultsReachTheClientAsNetworkErrors() async throws {
        let server = LoopbackHTTPServer { request in
            switch request.path {
            case "/drop": return .dropConnection
            case "/half": return .dropAfterHeaders(.json(200, String(repeating: "x", count: 4_000)))
            case "/hang": return .hang(seconds: 3)
            default: return .message(.json(200, "{}"))
            }
        }
        try server.start()
        defer { server.stop() }
        let session = URLSession(configuration: .ephemeral)

        for path in ["/drop", "/half"] {
            await #expect(throws: URLError.self) {
                _ = try await session.data(from: server.baseURL.appendingPathComponent(path))
            }
        }
        var hang = URLRequest(url: server.baseURL.appendingPathComponent("hang"))
        hang.timeoutInterval = 1
        let timeout = await #expect(throws: URLError.self) {
            _ = try await session.data(for: hang)
        }
        #expect(timeout?.code == .timedOut)
        let (_, ok) = try await session.data(from: server.baseURL.appendingPathComponent("ok"))
        #expect((ok as? HTTPURLResponse)?.statusCode == 200)
        #expect(server.requests.map(\.path) == ["/drop", "/half", "/hang", "/ok"])
    }

    @Test func refusedPortRefusesConnections() async throws {
        let port = try LoopbackHTTPServer.refusedPort()
        let refused = await #expect(throws: URLError.self) {
            _ = try await URLSession(configuration: .ephemeral)
                .data(from: URL(string: "http://127.0.0.1:\(port)/")!)
        }
        #expect(refused?.code == .cannotConnectToHost)
    }

    /// A GET over a plain socket, to see header fields exactly as sent.
    private func rawGET(port: UInt16, target: String, token: String) throws -> String {
        let handle = try LoopbackHTTPClientSocket(port: port)
        defer { handle.close() }
        try handle.write(
            "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: SSWS \(token)\r\n\r\n"
        )
        return handle.readAll()
    }
}
