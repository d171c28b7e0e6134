import Foundation
import OktaCore
import TerminalUI
import UserStore

/// Issue 5's screen-side figures: the users browser as the terminal app drives it (the
/// `AppState` with the `BrowserScreen` pushed, a key in, a full canvas rendered out), on a
/// store of `users` simulated users, without a terminal. Every figure includes the render.
///
/// Counts and utilization figures run in the background (`StoreQueryRunner`, as in the app),
/// so two figures are given where a key starts one: "key handled" (the key applied and the
/// screen drawn, e.g. with "counting…": what the UI thread spends) and "results shown" (until
/// the query's result is applied and drawn again: what the user waits for).
///
///     okta-connect-bench screen --users 1000000 [--store PATH] [--columns 120] [--rows 40]
///
/// Goals from the issue: open ≤ 200 ms, a row or page move ≤ 16 ms, a filter keystroke ≤ 50 ms.
enum BrowserScreenBenchmark {
    static func run(users: Int, path: String?, columns: Int, rows: Int) throws {
        let url =
            path.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("okta-connect-bench-browse-\(users).sqlite")
        _ = try BrowseBenchmark.prepare(users: users, at: url)
        let exports = FileManager.default.temporaryDirectory
            .appendingPathComponent("okta-connect-bench-exports")

        print("users browser, screen model + store, \(users) users, \(columns)×\(rows) terminal")
        var state = AppState(saved: nil, columns: columns, rows: rows)
        var canvas = Canvas(columns: 0, rows: 0)
        let events = Locked<[AppEvent]>([])
        let runner = StoreQueryRunner { event in events.withLock { $0.append(event) } }

        /// Submits the queries among `effects`; returns how many.
        func submit(_ effects: [Effect]) -> Int {
            var count = 0
            for case .storeQuery(let query) in effects {
                runner.submit(query)
                count += 1
            }
            return count
        }
        /// Waits for the background queries and applies their results (and any queries those
        /// ask for) until none runs, then draws.
        func settle() {
            while true {
                runner.waitUntilIdle()
                let arrived = events.withLock { queue in
                    defer { queue.removeAll() }
                    return queue
                }
                if arrived.isEmpty { break }
                var more = 0
                for event in arrived { more += submit(state.apply(event)) }
                if more == 0 { break }
            }
            canvas = state.render()
        }
        /// A key: (key handled, results shown) in milliseconds.
        func timedPress(_ key: Key) -> (handled: Double, shown: Double) {
            let start = DispatchTime.now().uptimeNanoseconds
            let queries = submit(state.handle(key))
            canvas = state.render()
            let handled = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            guard queries > 0 else { return (handled, handled) }
            settle()
            return (handled, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        func press(_ key: Key) -> Double { timedPress(key).shown }
        func repeated(_ key: Key, _ count: Int) -> [Double] {
            (0..<count).map { _ in press(key) }
        }
        /// Both figures of one or more keys, the first against 16 ms, the second against `goal`.
        func both(_ label: String, _ keys: [Key], goal: Double, all: Bool = false) {
            let times = keys.map { timedPress($0) }
            line(label + ": key handled", times.map(\.handled), goal: 16, all: all)
            line(label + ": results shown", times.map(\.shown), goal: goal, all: all)
        }

        /// Applies results as they arrive until the screen shows `text`.
        func waitUntilShown(_ text: String) {
            while !canvas.text.contains(text) {
                let arrived = events.withLock { queue in
                    defer { queue.removeAll() }
                    return queue
                }
                if arrived.isEmpty {
                    usleep(100)
                    continue
                }
                for event in arrived { _ = submit(state.apply(event)) }
                canvas = state.render()
            }
        }

        // The table is shown as soon as its count and first page arrive; the in-memory
        // snapshot for fast filters keeps building in the background (its own figure).
        let opened = DispatchTime.now().uptimeNanoseconds
        let open = try milliseconds {
            let store = try UserStore(url: url)
            let screen = BrowserScreen(
                store: store, exportDirectory: exports, height: rows - 7)
            _ = submit(state.apply(.pushScreen(screen)))
            canvas = state.render()
            waitUntilShown("Users · 1 of")
        }
        line("open (store, count, first page, render)", [open], goal: 200)
        // Moves while the snapshot builds: each waits for at most one build step.
        var buildingMoves: [Double] = []
        for _ in 0..<20 {
            buildingMoves.append(press(.down))
            usleep(20_000)
        }
        line("move one row while the snapshot builds", buildingMoves, goal: 16)
        settle()
        let ready = Double(DispatchTime.now().uptimeNanoseconds - opened) / 1e6
        print(
            "  filter snapshot ready (background) after "
                + "\(format(ready, 0)) ms; peak RSS \(format(ResourceUsage.peakResidentMB)) MB")

        line("move one row down (top of list)", repeated(.down, 200), goal: 16)
        line("page down", repeated(.pageDown, 50), goal: 16)
        line("page up", repeated(.pageUp, 50), goal: 16)
        line("jump to end (End)", [press(.end)], goal: 16)
        line("move one row up (end of list)", repeated(.up, 100), goal: 16)
        line("page up (end of list)", repeated(.pageUp, 20), goal: 16)
        line("jump to top (Home)", [press(.home)], goal: 16)

        for word in ["smith", "garcía", "li", "example.com", "zz-nobody", "山田", "josé"] {
            _ = press(.character("/"))
            both(
                "filter \"\(word)\" each keystroke", word.map { Key.character($0) }, goal: 50,
                all: true)
            both("  Enter keeps \"\(word)\"", [.enter], goal: 50)
            line("  move one row within \"\(word)\"", repeated(.down, 30), goal: 16)
            line("  Esc clears \"\(word)\"", [press(.escape)], goal: 50)
        }

        // Typed without waiting: the keys queue queries that supersede each other; only the
        // last one's result is applied.
        _ = press(.character("/"))
        let typed = DispatchTime.now().uptimeNanoseconds
        var handled: [Double] = []
        for character in "smith" {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = submit(state.handle(.character(character)))
            canvas = state.render()
            handled.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        settle()
        let shown = Double(DispatchTime.now().uptimeNanoseconds - typed) / 1e6
        line("filter \"smith\" typed at once: key handled", handled, goal: 16, all: true)
        line("  results shown after the last key", [shown], goal: 50)
        precondition(canvas.text.contains("filter: smith"), "the typed filter was not applied")
        _ = press(.enter)
        _ = press(.escape)

        for number in 1...5 {
            let key = Key.character(Character("\(number)"))
            both("sort change to column \(number)", [key], goal: 50)
            both("  same key again (reverse)", [key], goal: 50)
            line("  jump to end", [press(.end)], goal: 16)
            _ = press(.home)
        }
        _ = press(.character("1"))
        _ = press(.character("1"))

        both("inactivity filter (i, never logged in)", [.character("i")], goal: 50)
        both("  next (30 d)", [.character("i")], goal: 50)
        line("  move one row", repeated(.down, 30), goal: 16)
        _ = press(.character("c"))
        both("status picker (f)", [.character("f")], goal: 50)
        _ = press(.down)
        _ = press(.down)
        _ = press(.character(" "))
        both("  apply status filter", [.enter], goal: 50)
        _ = press(.character("c"))
        both("utilization view (u)", [.character("u")], goal: 200)
        both("  open a bar's users (Enter)", [.enter], goal: 50)
        _ = press(.character("c"))
        line("detail view (Enter)", [press(.enter)], goal: 16)
        line("  back (Esc)", [press(.escape)], goal: 16)
        print("  peak RSS \(format(ResourceUsage.peakResidentMB)) MB")
    }

    /// One figure: median and max (or each value) with the goal it is held against.
    static func line(_ label: String, _ values: [Double], goal: Double, all: Bool = false) {
        let sorted = values.sorted()
        let median = sorted[sorted.count / 2]
        let worst = sorted.last ?? 0
        let verdict = worst <= goal ? "ok" : (median <= goal ? "median ok" : "over")
        var text = "  \(label.padding(toLength: 54, withPad: " ", startingAt: 0)) "
        if all {
            text += values.map { format($0, 1) }.joined(separator: " ") + " ms"
        } else {
            text += "median \(format(median, 2)) ms, max \(format(worst, 2)) ms"
            if values.count > 1 { text += " (\(values.count) runs)" }
        }
        print(text + "  [goal \(format(goal, 0)) ms: \(verdict)]")
    }
}
