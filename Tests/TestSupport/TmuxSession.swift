import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real terminal for end-to-end tests: a detached tmux session on a private server.
///
/// Recipe B of swift-linux-notes §5: tmux runs through `SpawnedProcess` (posix_spawn with an
/// empty signal mask, never `Foundation.Process`), on its own socket with `-f /dev/null` so no
/// user configuration applies. The screen is polled with `capture-pane` until the expected
/// text appears or a timeout passes, never with fixed sleeps. The command's exit status is
/// printed as a sentinel (`__EXIT:<n>__`), because tmux's own dead-pane status is unreliable.
public final class TmuxSession: @unchecked Sendable {
    public let socket: String
    private let directory: URL
    private static let session = "e2e"

    /// Starts `command` (a shell command line) in a `columns`×`rows` terminal with `environment`.
    public init(
        command: String, columns: Int = 80, rows: Int = 24, environment: [String: String] = [:]
    ) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tmux-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socket = directory.appendingPathComponent("socket").path
        var arguments = [
            "new-session", "-d", "-s", Self.session, "-x", "\(columns)", "-y", "\(rows)",
        ]
        let base = [
            "LANG": "C.UTF-8", "TERM": "tmux-256color", "SWIFT_BACKTRACE": "interactive=no",
        ]
        for (name, value) in base.merging(environment, uniquingKeysWith: { $1 }).sorted(by: {
            $0.key < $1.key
        }) {
            arguments += ["-e", "\(name)=\(value)"]
        }
        arguments.append("\(command); echo __EXIT:$?__; sleep 600")
        try tmux(arguments)
        try tmux(["set-option", "-t", Self.session, "remain-on-exit", "on"])
    }

    /// The `tmux` executable.
    public static let executable: String = {
        for candidate in ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        where access(candidate, X_OK) == 0 {
            return candidate
        }
        return "/usr/bin/tmux"
    }()

    /// The visible screen as text, one line per row.
    public func capture() -> String {
        (try? tmux(["capture-pane", "-p", "-t", Self.session])) ?? ""
    }

    /// The visible screen with its SGR escape sequences (colours and attributes).
    public func captureWithAttributes() -> String {
        (try? tmux(["capture-pane", "-p", "-e", "-t", Self.session])) ?? ""
    }

    /// Polls the screen until it contains `text`; returns that screen or throws with the last
    /// screen seen.
    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        try waitUntil(timeout: timeout, expecting: text) { $0.contains(text) }
    }

    /// Polls the screen until it contains every one of `texts` at once; returns that screen or
    /// throws with the last screen seen. Use it instead of reading a screen once and checking
    /// more text in it: the app may not have drawn the rest yet.
    @discardableResult
    public func waitFor(all texts: [String], timeout: TimeInterval = 15) throws -> String {
        let expecting = texts.map { "\"\($0)\"" }.joined(separator: " and ")
        return try waitUntil(timeout: timeout, expecting: expecting) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Polls the screen until `condition` holds (described by `expecting` in the timeout
    /// error); returns that screen.
    @discardableResult
    public func waitFor(
        _ expecting: String, timeout: TimeInterval = 15, until condition: (String) -> Bool
    ) throws -> String {
        try waitUntil(timeout: timeout, expecting: expecting, condition)
    }

    /// Polls until the screen no longer contains `text`.
    @discardableResult
    public func waitForAbsence(of text: String, timeout: TimeInterval = 15) throws -> String {
        try waitUntil(timeout: timeout, expecting: "no \"\(text)\"") { !$0.contains(text) }
    }

    /// Sends tmux key names (`Enter`, `Tab`, `BTab`, `Escape`, `C-c`, `q`, …).
    public func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", Self.session] + keys)
    }

    /// Types `text` literally, key by key.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", Self.session, "-l", text])
    }

    /// Pastes `text` the way a terminal does: bracketed when the app asked for it.
    public func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "e2e", text])
        try tmux(["paste-buffer", "-p", "-b", "e2e", "-t", Self.session])
    }

    /// Resizes the terminal; the app receives SIGWINCH.
    public func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", Self.session, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Waits for the command to end and returns its exit status.
    public func waitForExit(timeout: TimeInterval = 15) throws -> Int32 {
        let screen = try waitUntil(timeout: timeout, expecting: "__EXIT:") {
            $0.contains("__EXIT:")
        }
        let tail = screen.components(separatedBy: "__EXIT:").last ?? ""
        return Int32(tail.prefix { $0.isNumber }) ?? -1
    }

    /// The process id of the command running in the pane (the shell's child), if any.
    public func commandPID() throws -> pid_t? {
        let shell = try tmux(["display-message", "-p", "-t", Self.session, "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(
            contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        return children.split(separator: " ").first.flatMap { pid_t($0) }
    }

    /// Ends the tmux server and removes its socket directory.
    public func close() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    private func waitUntil(
        timeout: TimeInterval, expecting: String, _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        repeat {
            screen = capture()
            if condition(screen) { return screen }
            usleep(50_000)
        } while Date() < deadline
        throw TmuxTimeout(expected: expecting, screen: screen)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let outcome = try SpawnedProcess.run(
            Self.executable, ["-S", socket, "-f", "/dev/null"] + arguments, timeout: 20)
        guard outcome.status == 0 else {
            throw TmuxFailure(arguments: arguments, status: outcome.status, stderr: outcome.stderr)
        }
        return outcome.stdout
    }
}

/// The expected text did not appear in time; carries the last screen for the test report.
public struct TmuxTimeout: Error, CustomStringConvertible {
    public var expected: String
    public var screen: String
    public var description: String {
        "timed out waiting for \(expected); the screen was:\n\(screen)"
    }
}

/// A tmux command failed.
public struct TmuxFailure: Error, CustomStringConvertible {
    public var arguments: [String]
    public var status: Int32
    public var stderr: String
    public var description: String {
        "tmux \(arguments.joined(separator: " ")) exited \(status): \(stderr)"
    }
}
