import Foundation
import OktaCore
import TerminalUI
import TestSupport
import UserStore

/// Stores and screens for the browser tests: a real SQLite file in a temporary directory,
/// users made by hand (CJK, right-to-left, a hostile name), and a pinned clock.
enum BrowserFixtures {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let org = try! OrgAddress(parsing: "acme.okta.com")

    static func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    /// A user with the given facts; the login is derived from `login`.
    static func user(
        _ number: Int, first: String, last: String, login: String, status: String = "ACTIVE",
        lastLogin: Date? = nil, createdDaysAgo: Double = 400, extra: [String: JSONValue] = [:]
    ) -> OktaUser {
        var profile: [String: JSONValue] = [
            "firstName": .string(first), "lastName": .string(last), "login": .string(login),
            "email": .string(login),
        ]
        profile.merge(extra) { $1 }
        return OktaUser(
            id: "00u" + String(repeating: "0", count: 14 - String(number).count) + "\(number)",
            status: status, created: daysAgo(createdDaysAgo),
            activated: daysAgo(createdDaysAgo - 1), statusChanged: daysAgo(createdDaysAgo - 1),
            lastLogin: lastLogin, lastUpdated: daysAgo(2), passwordChanged: daysAgo(100),
            profile: profile)
    }

    /// Ten users covering the cases the issue names.
    static let people: [OktaUser] = [
        user(
            1, first: "Alice", last: "Anderson", login: "alice.anderson@acme.com",
            lastLogin: daysAgo(3), createdDaysAgo: 900,
            extra: [
                "department": .string("Engineering"),
                "costCenter": .number(4200),
                "entitlements": .array([.string("vpn"), .string("github")]),
                "manager": .object(["id": .string("00u0000000000009"), "name": .string("Bo")]),
                "bio": .string("<b>bold</b> & <script>alert(1)</script>"),
            ]),
        user(
            2, first: "Bob", last: "Brown", login: "bob.brown@acme.com", status: "SUSPENDED",
            lastLogin: daysAgo(45)),
        user(
            3, first: "美咲", last: "佐藤", login: "misaki.sato@acme.com", lastLogin: daysAgo(0.2),
            createdDaysAgo: 30),
        user(
            4, first: "محمد", last: "العتيبي", login: "mohammed.alotaibi@acme.com",
            status: "PASSWORD_EXPIRED", lastLogin: daysAgo(120)),
        user(5, first: "דנה", last: "כהן", login: "dana.cohen@acme.com", status: "STAGED"),
        user(
            6, first: "Eve\u{1B}[2J\u{1B}]0;pwned\u{07}", last: "Evil",
            login: "eve\u{1B}[31m@acme.com", lastLogin: daysAgo(10)),
        user(
            7, first: "Zoë", last: "Zimmermann-Wolkenstein-Hohenberg",
            login: "zoe.zimmermann-wolkenstein-hohenberg@subsidiary.example.com",
            status: "LOCKED_OUT", lastLogin: daysAgo(200)),
        user(
            8, first: "Carol", last: "Chen", login: "carol.chen@acme.com",
            status: "DEPROVISIONED", lastLogin: daysAgo(400)),
        user(9, first: "Dave", last: "Diaz", login: "dave.diaz@acme.com", lastLogin: daysAgo(1)),
        user(
            10, first: "Frank", last: "Fischer", login: "frank.fischer@acme.com",
            status: "RECOVERY", lastLogin: daysAgo(95)),
    ]

    /// A store at a temporary path holding `users` as one completed full sync.
    /// `count` users named "User 0001"… with logins u1@acme.com…, all ACTIVE.
    static func many(_ count: Int) -> [OktaUser] {
        (1...count).map {
            user($0, first: "User", last: String(format: "%04d", $0), login: "u\($0)@acme.com")
        }
    }

    static func store(_ users: [OktaUser]) throws -> (UserStore, TemporaryDirectory) {
        let directory = try TemporaryDirectory(prefix: "browser-test")
        let store = try UserStore(
            url: directory.url.appendingPathComponent("users.sqlite"), now: { now })
        if !users.isEmpty {
            let run = try store.beginRun(mode: .full, at: daysAgo(0.125))
            for start in stride(from: 0, to: users.count, by: 200) {
                _ = try store.storePage(
                    Array(users[start..<min(start + 200, users.count)]), run: run,
                    at: daysAgo(0.125))
            }
            try store.finishRun(
                run, outcome: .completed, requests: 1, rateLimited: 0, at: daysAgo(0.125))
        }
        return (store, directory)
    }

    /// The browser on `store`, pushed over a connected status screen of the given size.
    static func app(
        _ store: UserStore, directory: TemporaryDirectory, columns: Int = 80, rows: Int = 24
    ) -> AppState {
        let summary = ConnectionSummary(
            org: org, ownerLogin: "admin@acme.com", lastSync: daysAgo(0.125),
            userCount: (try? store.userCount()) ?? 0)
        var state = AppState(saved: summary, now: now, columns: columns, rows: rows)
        let screen = BrowserScreen(
            store: store, exportDirectory: directory.url.appendingPathComponent("data"), now: now,
            height: rows - 7)
        SynchronousQueries.apply(.pushScreen(screen), in: &state)
        _ = state.render()
        return state
    }

    /// Presses `keys` in order, answering the store queries they ask for at once.
    static func press(_ keys: [Key], in state: inout AppState) {
        for key in keys { SynchronousQueries.handle(key, in: &state) }
    }

    static func type(_ text: String, in state: inout AppState) {
        press(text.map { Key.character($0) }, in: &state)
    }

    /// The pushed browser, for inspecting its model.
    static func browser(_ state: AppState) -> BrowserScreen? {
        state.pushed as? BrowserScreen
    }
}
