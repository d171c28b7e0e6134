import Foundation

/// okta-connect-bench: prints performance figures (not pass/fail) for README's "Performance".
///
///     okta-connect-bench sync --users 100000 [--store PATH]   full sync, no rate limit
///     okta-connect-bench ratelimit --users 30000 --limit 60 --window 10
///     okta-connect-bench incremental --users 100000 --changed 0.01
///     okta-connect-bench browse --users 1000000 [--store PATH] [--rows 40]
///     okta-connect-bench screen --users 1000000 [--store PATH] [--columns 120] [--rows 40]
///     okta-connect-bench all                          everything above with default sizes
let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count,
        let value = Int(arguments[index + 1].replacingOccurrences(of: "_", with: ""))
    else { return fallback }
    return value
}

func text(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else {
        return nil
    }
    return arguments[index + 1]
}

let usage = """
    usage: okta-connect-bench sync|ratelimit|incremental|browse|screen|all [--users N]
           [--limit N] [--window SECONDS] [--changed FRACTION] [--store PATH] [--rows N]
           [--columns N]
    """

do {
    switch arguments.first {
    case "sync":
        try await SyncBenchmark.full(users: option("users", 100_000), keep: text("store"))
    case "ratelimit":
        try await SyncBenchmark.rateLimited(
            users: option("users", 30_000), limit: option("limit", 60),
            window: option("window", 10))
    case "incremental":
        try await SyncBenchmark.incremental(
            users: option("users", 100_000), fraction: Double(text("changed") ?? "") ?? 0.01)
    case "browse":
        try BrowseBenchmark.run(
            users: option("users", 1_000_000), path: text("store"), rows: option("rows", 40))
    case "screen":
        try BrowserScreenBenchmark.run(
            users: option("users", 1_000_000), path: text("store"),
            columns: option("columns", 120), rows: option("rows", 40))
    case "all":
        try await SyncBenchmark.full(users: 100_000)
        try await SyncBenchmark.rateLimited(users: 30_000, limit: 60, window: 10)
        try await SyncBenchmark.incremental(users: 100_000, fraction: 0.01)
        try BrowseBenchmark.run(users: 1_000_000, path: nil, rows: 40)
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("okta-connect-bench: \(error)\n".utf8))
    exit(1)
}
