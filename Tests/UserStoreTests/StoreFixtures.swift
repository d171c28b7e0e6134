import Foundation
import OktaCore
import SimulatedOrg
import TestSupport

@testable import UserStore

/// A fixed "now" so relative dates and inactivity filters are exact.
let fixedNow = Date(timeIntervalSince1970: 1_800_000_000)

func daysAgo(_ days: Double) -> Date {
    fixedNow.addingTimeInterval(-days * 86_400)
}

/// A store in a fresh temporary directory, with `now` pinned to `fixedNow`.
func makeStore() throws -> (UserStore, TemporaryDirectory) {
    let directory = try TemporaryDirectory(prefix: "userstore-test")
    let store = try UserStore(
        url: directory.url.appendingPathComponent("users.sqlite"), now: { fixedNow })
    return (store, directory)
}

/// A user with the given name parts and facts.
func user(
    _ number: Int, first: String, last: String, status: String = "ACTIVE",
    lastLogin: Date? = nil, created: Date? = nil, extra: [String: JSONValue] = [:]
) -> OktaUser {
    var profile: [String: JSONValue] = [
        "firstName": .string(first), "lastName": .string(last),
        "login": .string("\(first.lowercased()).\(last.lowercased())\(number)@example.com"),
        "email": .string("\(first.lowercased()).\(last.lowercased())\(number)@example.com"),
    ]
    profile.merge(extra) { $1 }
    return OktaUser(
        id: String(format: "00u%017d", number), status: status,
        created: created ?? daysAgo(Double(1000 - number % 1000)), lastLogin: lastLogin,
        lastUpdated: daysAgo(1), profile: profile)
}

/// Stores `users` as one completed full sync.
func seed(_ store: UserStore, _ users: [OktaUser]) throws {
    let run = try store.beginRun(mode: .full, at: fixedNow)
    for start in stride(from: 0, to: users.count, by: 200) {
        _ = try store.storePage(
            Array(users[start..<min(start + 200, users.count)]), run: run, at: fixedNow)
    }
    try store.finishRun(run, outcome: .completed, requests: 1, rateLimited: 0, at: fixedNow)
}

/// A simulated org, a client on a virtual clock, and a store: everything a sync test needs.
struct SyncFixture {
    let org: SimulatedOrg
    let clock: TestClock
    let client: OktaClient
    let store: UserStore
    let directory: TemporaryDirectory

    init(users: Int, rateLimit: RateLimitRule? = nil, maxAttempts: Int = 5) throws {
        let clock = TestClock()
        let org = SimulatedOrg(
            SimulatedOrg.Configuration(
                userCount: users, seed: 7, rateLimit: rateLimit, clock: { clock.now }))
        var options = OktaClient.Options()
        options.maxAttempts = maxAttempts
        let client = OktaClient(
            org: try OrgAddress(parsing: "https://\(org.configuration.host)"),
            token: try APIToken(parsing: org.configuration.token), options: options,
            sessionConfiguration: org.sessionConfiguration(), clock: clock)
        let directory = try TemporaryDirectory(prefix: "usersync-test")
        self.org = org
        self.clock = clock
        self.client = client
        self.directory = directory
        store = try UserStore(
            url: directory.url.appendingPathComponent("org.sqlite"), now: { clock.now })
    }

    func runner(full: Bool = false) -> SyncRunner {
        SyncRunner(store: store, client: client, clock: clock, options: .init(forceFull: full))
    }

    /// Every user the org holds, by id.
    func orgUsers() -> [String: OktaUser] {
        var users: [String: OktaUser] = [:]
        org.forEachUser { users[$0.id] = $0 }
        return users
    }

    /// Every user the store holds (removed included), by id, with profiles.
    func storedUsers() throws -> [String: StoredUser] {
        var users: [String: StoredUser] = [:]
        try store.forEachUser(UserFilter(includeRemoved: true), sort: UserSort(.login)) {
            users[$0.id] = $0
        }
        return users
    }
}
