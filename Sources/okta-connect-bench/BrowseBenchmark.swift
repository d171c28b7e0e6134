import Foundation
import OktaCore
import SimulatedOrg
import UserStore

/// Issue 5's store-side browser figures: the queries the users table makes, at 1M users.
enum BrowseBenchmark {
    /// Fills a store with the simulated org's users directly (no HTTP), unless it exists.
    static func prepare(users: Int, at url: URL) throws -> UserStore {
        let store = try UserStore(url: url)
        if try store.userCount() == users { return store }
        print("filling \(url.path) with \(users) users…")
        let org = SimulatedOrg(SimulatedOrg.Configuration(userCount: users, seed: 42))
        let run = try store.beginRun(mode: .full, at: Date())
        var page: [OktaUser] = []
        var batches = 0
        let elapsed = try milliseconds {
            try org.forEachUser { user in
                page.append(user)
                if page.count == 200 {
                    _ = try store.storePage(page, run: run, at: Date())
                    page.removeAll(keepingCapacity: true)
                    batches += 1
                }
            }
            if !page.isEmpty { _ = try store.storePage(page, run: run, at: Date()) }
            try store.finishRun(
                run, outcome: .completed, requests: batches, rateLimited: 0,
                at: Date())
        }
        print("  stored in \(format(elapsed / 1000, 1)) s")
        return store
    }

    static func run(users: Int, path: String?, rows: Int) throws {
        let url =
            path.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("okta-connect-bench-browse-\(users).sqlite")
        _ = try prepare(users: users, at: url)

        func report(_ label: String, _ values: [Double]) {
            let sorted = values.sorted()
            let median = sorted[sorted.count / 2]
            print(
                "  \(label.padding(toLength: 44, withPad: " ", startingAt: 0)) "
                    + "median \(format(median, 2)) ms, max \(format(sorted.last ?? 0, 2)) ms"
                    + (values.count > 1 ? " (\(values.count) runs)" : ""))
        }

        print("users browser, store side, \(users) users, \(rows) visible rows")
        var store: UserStore!
        var total = 0
        report(
            "open (open store, count, first page)",
            [
                try milliseconds {
                    store = try UserStore(url: url)
                    total = try store.count(.all)
                    _ = try store.rows(.all, sort: UserSort(), offset: 0, limit: rows)
                }
            ])
        report(
            "status counts + last-login buckets",
            [
                try milliseconds {
                    _ = try store.statusCounts()
                    _ = try store.lastLoginBuckets(now: Date())
                    _ = try store.unusedSeatCount(now: Date())
                }
            ])

        let sort = UserSort(.name)
        var moves: [Double] = []
        for offset in 1...200 {
            moves.append(
                try milliseconds {
                    _ = try store.count(.all)
                    _ = try store.rows(.all, sort: sort, offset: offset, limit: rows)
                })
        }
        report("move one row (top of list)", moves)
        var pages: [Double] = []
        for step in 1...50 {
            pages.append(
                try milliseconds {
                    _ = try store.rows(.all, sort: sort, offset: step * rows, limit: rows)
                })
        }
        report("page down", pages)
        report(
            "jump to end",
            [
                try milliseconds {
                    _ = try store.rows(.all, sort: sort, offset: total - rows, limit: rows)
                }
            ])
        var upMoves: [Double] = []
        for back in 1...100 {
            upMoves.append(
                try milliseconds {
                    _ = try store.rows(.all, sort: sort, offset: total - rows - back, limit: rows)
                })
        }
        report("move one row up (end of list)", upMoves)
        report(
            "jump to the middle",
            [
                try milliseconds {
                    _ = try store.rows(.all, sort: sort, offset: total / 2, limit: rows)
                }
            ])
        var middleMoves: [Double] = []
        for step in 1...100 {
            middleMoves.append(
                try milliseconds {
                    _ = try store.rows(.all, sort: sort, offset: total / 2 + step, limit: rows)
                })
        }
        report("move one row (middle of list)", middleMoves)

        print("  filters by SQL (before the in-memory snapshot is built):")
        try filterFigures(store: store, sort: sort, rows: rows, report: report)
        for key in UserSort.Key.allCases {
            for descending in [false, true] {
                report(
                    "sort change \(key.rawValue)\(descending ? " desc" : "")",
                    [
                        try milliseconds {
                            _ = try store.rows(
                                .all, sort: UserSort(key, descending: descending), offset: 0,
                                limit: rows)
                        }
                    ])
            }
        }
        let seats = UserFilter.unusedSeats
        report(
            "status+inactivity filter (license view)",
            [
                try milliseconds {
                    _ = try store.count(seats)
                    _ = try store.rows(seats, sort: sort, offset: 0, limit: rows)
                }
            ])
        print("  peak RSS so far \(format(ResourceUsage.peakResidentMB)) MB")

        // A fresh connection, so no count cached by the SQL figures above is reused.
        let fresh = try UserStore(url: url)
        var ready = false
        report(
            "build the in-memory snapshot (prepareForBrowsing)",
            [try milliseconds { ready = try fresh.prepareForBrowsing() }])
        precondition(ready, "the snapshot was not built")
        print("  peak RSS with the snapshot \(format(ResourceUsage.peakResidentMB)) MB")
        print("  filters from the snapshot:")
        try filterFigures(store: fresh, sort: sort, rows: rows, report: report)
        report(
            "utilization figures (usageFigures)",
            [try milliseconds { _ = try fresh.usageFigures(now: Date()) }])
    }

    /// Each filter keystroke (count + first page), moves within a filter, and the status and
    /// inactivity filters.
    static func filterFigures(
        store: UserStore, sort: UserSort, rows: Int, report: (String, [Double]) -> Void
    ) throws {
        for word in ["smith", "garcía", "li", "example.com", "zz-nobody", "山田", "josé", "é"] {
            var typed = ""
            for character in word {
                typed.append(character)
                let filter = UserFilter(text: typed)
                var matches = 0
                let time = try milliseconds {
                    matches = try store.count(filter)
                    _ = try store.rows(filter, sort: sort, offset: 0, limit: rows)
                }
                report("filter keystroke \"\(typed)\" (\(matches) matches)", [time])
            }
            let filter = UserFilter(text: word)
            var filteredMoves: [Double] = []
            for offset in 1...50 {
                filteredMoves.append(
                    try milliseconds {
                        _ = try store.rows(filter, sort: sort, offset: offset, limit: rows)
                    })
            }
            report("  move one row within \"\(word)\"", filteredMoves)
        }

        let filters: [(String, UserFilter)] = [
            ("status ACTIVE", UserFilter(statuses: ["ACTIVE"])),
            ("status LOCKED_OUT + SUSPENDED", UserFilter(statuses: ["LOCKED_OUT", "SUSPENDED"])),
            ("never logged in", UserFilter(neverLoggedIn: true)),
            ("inactive 30 d", UserFilter(inactiveDays: 30)),
            ("license view (seat statuses, 90 d)", .unusedSeats),
        ]
        for (label, filter) in filters {
            report(
                label,
                [
                    try milliseconds {
                        _ = try store.count(filter)
                        _ = try store.rows(filter, sort: sort, offset: 0, limit: rows)
                    }
                ])
        }
    }
}
