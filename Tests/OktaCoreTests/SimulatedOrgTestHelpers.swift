import Foundation
import OktaCore
import SimulatedOrg

/// A settable clock for simulated orgs in tests.
final class SimulatedOrgTestClock: Sendable {
    private let time: Locked<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {
        time = Locked(start)
    }

    var now: Date { time.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        time.withLock { $0.addTimeInterval(seconds) }
    }
}

extension SimulatedOrg {
    /// A small org on a test clock, on a unique host unless `host` is given (parallel tests
    /// must not share a host in the URL-protocol registry).
    static func testOrg(
        users: Int = 120, seed: UInt64 = 7, rateLimit: RateLimitRule? = nil,
        clock: SimulatedOrgTestClock = SimulatedOrgTestClock(), host: String? = nil
    ) -> SimulatedOrg {
        SimulatedOrg(
            Configuration(
                userCount: users, seed: seed, token: "00testTokenForSimulatedOrgTests1234567890",
                host: host, rateLimit: rateLimit, clock: { clock.now }))
    }

    /// GET `pathAndQuery` (or an absolute URL) with the org's token unless `token` says otherwise.
    func get(_ pathAndQuery: String, token: String? = nil) -> SimulatedResponse {
        let url =
            pathAndQuery.hasPrefix("http")
            ? URL(string: pathAndQuery)!
            : URL(string: "https://\(configuration.host)\(pathAndQuery)")!
        let secret = token ?? configuration.token
        return respond(
            to: SimulatedRequest(url: url, headerFields: [("Authorization", "SSWS \(secret)")]))
    }

    /// Follows `rel="next"` from `start` to the end; returns every user id and the pages walked.
    func walk(_ start: String, pageLimit: Int = 10_000) throws -> (ids: [String], pages: Int) {
        var next: String? = start
        var ids: [String] = []
        var pages = 0
        while let url = next, pages < pageLimit {
            let response = get(url)
            guard response.status == 200 else { throw WalkError(status: response.status) }
            let users = try JSONDecoder().decode([OktaUser].self, from: response.body)
            ids += users.map(\.id)
            pages += 1
            next = nextLink(response.values(forHeader: "Link"))
        }
        return (ids, pages)
    }
}

struct WalkError: Error {
    let status: Int
}

/// The `rel="next"` URL among Link header values (each value may hold several comma-separated
/// links; commas inside `<…>` are part of the URL).
func nextLink(_ values: [String]) -> String? {
    for value in values {
        var depth = false
        var current = ""
        var links: [String] = []
        for character in value {
            if character == "<" { depth = true }
            if character == ">" { depth = false }
            if character == ",", !depth {
                links.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        links.append(current)
        for link in links where link.contains("rel=\"next\"") {
            guard let open = link.firstIndex(of: "<"), let close = link.firstIndex(of: ">") else {
                continue
            }
            return String(link[link.index(after: open)..<close])
        }
    }
    return nil
}

/// Decodes a JSON object body into a dictionary of `JSONValue`s.
func jsonObject(_ response: SimulatedResponse) throws -> [String: JSONValue] {
    try JSONDecoder().decode([String: JSONValue].self, from: response.body)
}
