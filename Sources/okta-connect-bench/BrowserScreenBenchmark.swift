import Foundation
import OktaCore
import TerminalUI
import UserStore

/// Issue 5's screen-side figures: the users browser as the terminal app drives it (the
/// `AppState` with the `BrowserScreen` pushed, a key in, a full canvas rendered out), on a
/// store of `users` simulated users, without a terminal. Every figure includes the render.
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
        let open = try milliseconds {
            let store = try UserStore(url: url)
            let screen = BrowserScreen(
                store: store, exportDirectory: exports, height: rows - 7)
            _ = state.apply(.pushScreen(screen))
            canvas = state.render()
        }
        line("open (store, count, first page, render)", [open], goal: 200)
        precondition(canvas.text.contains("Users · 1 of"), "the browser did not open")

        func press(_ key: Key) -> Double {
            milliseconds {
                _ = state.handle(key)
                canvas = state.render()
            }
        }
        func repeated(_ key: Key, _ count: Int) -> [Double] {
            (0..<count).map { _ in press(key) }
        }

        line("move one row down (top of list)", repeated(.down, 200), goal: 16)
        line("page down", repeated(.pageDown, 50), goal: 16)
        line("page up", repeated(.pageUp, 50), goal: 16)
        line("jump to end (End)", [press(.end)], goal: 16)
        line("move one row up (end of list)", repeated(.up, 100), goal: 16)
        line("page up (end of list)", repeated(.pageUp, 20), goal: 16)
        line("jump to top (Home)", [press(.home)], goal: 16)

        for word in ["smith", "garcía", "li", "example.com", "zz-nobody"] {
            _ = press(.character("/"))
            var keystrokes: [Double] = []
            for character in word { keystrokes.append(press(.character(character))) }
            line("filter keystrokes \"\(word)\" (each)", keystrokes, goal: 50, all: true)
            line("  Enter keeps \"\(word)\"", [press(.enter)], goal: 50)
            line("  move one row within \"\(word)\"", repeated(.down, 30), goal: 16)
            line("  Esc clears \"\(word)\"", [press(.escape)], goal: 50)
        }

        for number in 1...5 {
            let key = Key.character(Character("\(number)"))
            line("sort change to column \(number)", [press(key)], goal: 50)
            line("  same key again (reverse)", [press(key)], goal: 50)
            line("  jump to end", [press(.end)], goal: 16)
            _ = press(.home)
        }
        _ = press(.character("1"))
        _ = press(.character("1"))

        line("inactivity filter (i, never logged in)", [press(.character("i"))], goal: 50)
        line("  next (30 d)", [press(.character("i"))], goal: 50)
        line("  move one row", repeated(.down, 30), goal: 16)
        _ = press(.character("c"))
        line("status picker (f)", [press(.character("f"))], goal: 50)
        _ = press(.down)
        _ = press(.down)
        _ = press(.character(" "))
        line("  apply status filter", [press(.enter)], goal: 50)
        _ = press(.character("c"))
        line("utilization view (u)", [press(.character("u"))], goal: 200)
        line("  open a bar's users (Enter)", [press(.enter)], goal: 50)
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
        var text = "  \(label.padding(toLength: 44, withPad: " ", startingAt: 0)) "
        if all {
            text += values.map { format($0, 1) }.joined(separator: " ") + " ms"
        } else {
            text += "median \(format(median, 2)) ms, max \(format(worst, 2)) ms"
            if values.count > 1 { text += " (\(values.count) runs)" }
        }
        print(text + "  [goal \(format(goal, 0)) ms: \(verdict)]")
    }
}
