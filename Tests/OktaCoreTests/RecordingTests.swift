import Foundation
import OktaCore
import TestSupport
import Testing

/// Real Okta responses (see Recordings/*.source.txt) parsed and decoded as the client would.
@Suite("Recordings")
struct RecordingTests {
    @Test func every_recording_parses() throws {
        let names = try Recording.allNames()
        #expect(names.count == 11)
        for name in names {
            let recording = try Recording(name)
            #expect([200, 401, 404, 429].contains(recording.status), "\(name)")
            #expect(
                recording.headers.value(for: "content-type")?.hasPrefix("application/json") == true)
            #expect(!recording.body.isEmpty)
        }
    }

    static let userLists: [(name: String, ids: [String], statuses: [String])] = [
        ("pysdk-2020-users-limit1-page1", ["00usfdsyqnIjEmHNm4x6"], ["STAGED"]),
        ("pysdk-2020-users-limit1-page2", ["00usfgmn9xhwtA6f74x6"], ["STAGED"]),
        ("pysdk-2026-users-limit1-self-and-next", ["00unwlw0tbo8E6aVj5d7"], ["ACTIVE"]),
        ("tf-2026-users-search-limit1-self-and-next", ["00uvo7s8abwP37lV81d7"], ["PROVISIONED"]),
        ("j1-2021-users-filter-deprovisioned", ["00us60gayc3EIwpRc4x6"], ["DEPROVISIONED"]),
    ]

    @Test("recorded user arrays decode", arguments: userLists)
    func users(_ example: (name: String, ids: [String], statuses: [String])) throws {
        let recording = try Recording(example.name)
        let users = try JSONDecoder().decode([OktaUser].self, from: recording.body)
        #expect(users.map(\.id) == example.ids)
        #expect(users.map(\.status) == example.statuses)
        #expect(users.allSatisfy { $0.created != nil && $0.lastUpdated != nil })
    }

    @Test func plain_list_of_six_users_with_nulls() throws {
        let recording = try Recording("j1-2021-users-list-default")
        let users = try JSONDecoder().decode([OktaUser].self, from: recording.body)
        #expect(users.count == 6)
        #expect(Set(users.map(\.id)).count == 6)
        #expect(!users.contains { $0.status == "DEPROVISIONED" })
        let last = try #require(users.last)
        #expect(last.id == "00us5zkpf7nGTeKXu4x6")
        #expect(last.login == "finley.brooks@example.com")
        #expect(last.displayName == "Finley Brooks")
        #expect(last.profile["mobilePhone"] == .null)
        #expect(last.lastLogin == OktaDate.parse("2021-03-29T17:25:51.000Z"))
    }

    @Test func null_dates_are_nil() throws {
        let recording = try Recording("pysdk-2020-users-limit1-page1")
        let user = try #require(
            try JSONDecoder().decode([OktaUser].self, from: recording.body).first)
        #expect(user.activated == nil)
        #expect(user.statusChanged == nil)
        #expect(user.lastLogin == nil)
        #expect(user.created == OktaDate.parse("2020-08-27T18:16:00.000Z"))
        #expect(user.login == "John.Doe-Activate@example.com")
    }

    @Test func unknown_fields_statuses_and_custom_attributes_are_kept() throws {
        let json = """
            [{"id":"00u1","status":"ACTIVATING","realmId":"guo1","transitioningToStatus":"ACTIVE",
              "created":"2024-01-02T03:04:05.000Z","activated":null,"lastLogin":"not a date",
              "passwordChanged":"2024-01-02T03:04:05Z",
              "profile":{"login":"a@example.com","email":"a@example.com","firstName":null,
                "lastName":"Ng","costCenter":42,"isContractor":true,"badges":["x",1,null],
                "manager":{"id":"00u2","name":"Zoë"},"bio":"<b>hi</b>, \\"quoted\\"\\nline"},
              "credentials":{"password":{}},"_links":{"self":{"href":"https://x"}}},
             {"id":"00u3"}]
            """
        let users = try JSONDecoder().decode([OktaUser].self, from: Data(json.utf8))
        #expect(users.count == 2)
        let user = users[0]
        #expect(user.status == "ACTIVATING")
        #expect(user.activated == nil)
        #expect(user.lastLogin == nil)
        #expect(user.passwordChanged == OktaDate.parse("2024-01-02T03:04:05.000Z"))
        #expect(user.profile["costCenter"] == .number(42))
        #expect(user.profile["isContractor"] == .bool(true))
        #expect(user.profile["badges"] == .array([.string("x"), .number(1), .null]))
        #expect(user.profile["manager"]?["name"] == .string("Zoë"))
        #expect(user.profile["bio"] == .string("<b>hi</b>, \"quoted\"\nline"))
        #expect(user.firstName == nil)
        #expect(user.displayName == "Ng")
        #expect(users[1].status == "UNKNOWN")
        #expect(users[1].profile.isEmpty)

        let encoded = try JSONEncoder().encode(user)
        let again = try JSONDecoder().decode(OktaUser.self, from: encoded)
        #expect(again == user)
    }

    @Test func get_org_decodes_and_rate_limit_is_read() throws {
        let recording = try Recording("pysdk-2021-get-org")
        let object = try JSONDecoder().decode([String: JSONValue].self, from: recording.body)
        #expect(object["companyName"] == .string("okta-test"))
        #expect(object["subdomain"] == .string("test"))
        #expect(object["expiresAt"] == .null)
        let snapshot = try #require(
            RateLimitSnapshot(headers: recording.headers, receivedAt: Date()))
        #expect(snapshot.limit == 100)
        #expect(snapshot.remaining == 99)
        #expect(snapshot.secondsUntilReset == 60)
    }

    /// The recorded error responses, replayed through the client: classified by errorCode.
    static let errors:
        [(
            name: String, kind: OktaError.Kind, code: String, requestId: String,
            exit: OktaCore.ExitStatus
        )] = [
            (
                "j1-2021-404-E0000007-user-not-found", .notFound, "E0000007",
                "YPrdpmdsvMZUIRc69aXKgAAACsk", .failure
            ),
            (
                "pysdk-2025-429-rate-limited", .rateLimited, "E0000047",
                "5168be8d5f54ca5371398055415254ff", .oktaKeptFailing
            ),
            (
                "pysdk-2026-401-E0000015-feature-not-enabled", .permissionDenied, "E0000015",
                "2cd418ad726399448ecd95383f91b552", .permissionMissing
            ),
        ]

    @Test("recorded errors classify by code through the client", arguments: errors)
    func recordedError(
        _ example: (
            name: String, kind: OktaError.Kind, code: String, requestId: String,
            exit: OktaCore.ExitStatus
        )
    ) async throws {
        let recording = try Recording(example.name)
        let scripted = try ScriptedOrg { _, _ in .recording(recording) }
        var options = OktaClient.Options()
        options.maxAttempts = 2
        let clock = TestClock()
        let client = scripted.client(
            token: try APIToken(parsing: "00recordingTokenValue0123456789"), options: options,
            clock: clock)
        do {
            _ = try await client.get("/api/v1/users/thisisafakekey", as: OktaUser.self)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == example.kind)
            #expect(error.errorCode == example.code)
            #expect(error.httpStatus == recording.status)
            #expect(error.requestId == example.requestId)
            #expect(error.exitStatus == example.exit)
            #expect(error.description.contains(example.requestId))
        }
    }
}
