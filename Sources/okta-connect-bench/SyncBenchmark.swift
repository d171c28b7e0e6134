import Foundation
import OktaCore
import SimulatedOrg
import UserStore

/// Issue 3's sync figures: full sync wall/CPU/peak RSS, rate-limited sync against its floor,
/// and the requests of an incremental sync after 1% of users changed.
enum SyncBenchmark {
    static func org(users: Int, rateLimit: RateLimitRule? = nil) -> SimulatedOrg {
        SimulatedOrg(SimulatedOrg.Configuration(userCount: users, seed: 42, rateLimit: rateLimit))
    }

    static func client(for org: SimulatedOrg) throws -> OktaClient {
        OktaClient(
            org: try OrgAddress(parsing: "https://\(org.configuration.host)"),
            token: try APIToken(parsing: org.configuration.token),
            sessionConfiguration: org.sessionConfiguration())
    }

    static func temporaryStore() throws -> (UserStore, URL) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("okta-connect-bench-\(UUID().uuidString)")
        let store = try UserStore(url: directory.appendingPathComponent("users.sqlite"))
        return (store, directory)
    }

    /// 1 and 2: a full sync with no rate limit. With `keep`, the store is left at that path
    /// (which must not exist yet), e.g. for `browse --store` to reuse a synced million users.
    static func full(users: Int, keep: String? = nil) async throws {
        let org = org(users: users)
        let store: UserStore
        var directory: URL?
        if let keep {
            guard !FileManager.default.fileExists(atPath: keep) else {
                throw BenchmarkError("\(keep) exists; pass a new path to --store")
            }
            store = try UserStore(url: URL(fileURLWithPath: keep))
        } else {
            let temporary = try temporaryStore()
            (store, directory) = (temporary.0, temporary.1)
        }
        defer { if let directory { try? FileManager.default.removeItem(at: directory) } }
        let cpuBefore = ResourceUsage.cpuSeconds
        let start = Date()
        let summary = await SyncRunner(store: store, client: try client(for: org)).run()
        let wall = Date().timeIntervalSince(start)
        let cpu = ResourceUsage.cpuSeconds - cpuBefore
        print("full sync, \(users) users, no rate limit")
        print(
            "  outcome \(summary.outcome.rawValue), stored \(summary.total), "
                + "\(summary.requests) requests")
        print(
            "  wall \(format(wall, 2)) s, CPU \(format(cpu, 2)) s, "
                + "peak RSS \(format(ResourceUsage.peakResidentMB)) MB, "
                + "\(Int(Double(users) / wall)) users/s")
    }

    /// 3: a full sync under a rate limit, compared with the floor the token's share allows.
    static func rateLimited(users: Int, limit: Int, window: Int) async throws {
        let org = org(users: users, rateLimit: RateLimitRule(limit: limit, windowSeconds: window))
        let (store, directory) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let client = try client(for: org)
        let start = Date()
        let summary = await SyncRunner(store: store, client: client).run()
        let wall = Date().timeIntervalSince(start)
        let share = client.options.rateLimitShare
        let perWindow = share * Double(limit)
        // The first window's budget is available at once; each further one costs a window.
        let windows = max(0, (Double(summary.requests) / perWindow).rounded(.up) - 1)
        let floor = windows * Double(window)
        print("rate-limited full sync, \(users) users, limit \(limit)/\(window) s, share \(share)")
        print(
            "  outcome \(summary.outcome.rawValue), \(summary.requests) requests, "
                + "\(summary.rateLimited) × 429 (org counted \(org.rateLimitedCount))")
        print(
            "  wall \(format(wall, 2)) s, floor \(format(floor, 2)) s "
                + "(\(Int(windows)) full windows), ratio \(format(floor > 0 ? wall / floor : 0, 3))"
        )
    }

    /// 4: an incremental sync after 1% of users changed.
    static func incremental(users: Int, fraction: Double) async throws {
        let org = org(users: users)
        let (store, directory) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = await SyncRunner(store: store, client: try client(for: org)).run()
        let changed = org.touchUsers(fraction: fraction)
        let start = Date()
        let summary = await SyncRunner(store: store, client: try client(for: org)).run()
        let wall = Date().timeIntervalSince(start)
        print(
            "incremental sync, \(users) users, \(changed.count) changed "
                + "(\(format(fraction * 100, 1))%)")
        print("  full sync before: \(first.requests) requests")
        print(
            "  incremental: mode \(summary.mode.rawValue), \(summary.requests) requests, "
                + "updated \(summary.updated), wall \(format(wall, 2)) s")
    }
}

/// A benchmark that cannot run as asked, with what to do instead.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
