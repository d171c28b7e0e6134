import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a finished child process left behind.
public struct ProcessOutcome: Sendable {
    /// The exit status, or 128 + the signal number when a signal ended it.
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// True when the process was killed for running past its time limit.
    public var timedOut: Bool
}

/// A child process started with `posix_spawn`, for running the real `okta-connect` binary.
///
/// Not `Foundation.Process`: it leaves the test runner's blocked signal mask on the child (so a
/// SIGTERM or SIGINT sent by a test would be ignored) and can hang waiting for daemons. Here
/// the child gets an empty signal mask and default handlers, stdin from a file, and stdout and
/// stderr in files that are read once it exits.
public final class SpawnedProcess: @unchecked Sendable {
    public let pid: pid_t
    private let directory: URL
    private var finished: ProcessOutcome?

    /// The `okta-connect` binary built beside the test bundle.
    public static var oktaConnect: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("okta-connect").path
    }

    /// Starts `executable` with `arguments`, `environment` (added to a minimal base) and
    /// `stdin` bytes.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        stdin: Data = Data()
    ) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let input = directory.appendingPathComponent("stdin")
        try stdin.write(to: input)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input.path, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, directory.appendingPathComponent("stdout").path,
            O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(
            &actions, 2, directory.appendingPathComponent("stderr").path,
            O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var base = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8", "HOME": directory.path,
        ]
        base.merge(environment) { _, new in new }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = base.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw SpawnError(
                description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        pid = child
    }

    /// Runs to completion and returns the outcome (killing the child after `timeout`).
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        stdin: Data = Data(), timeout: TimeInterval = 60
    ) throws -> ProcessOutcome {
        try SpawnedProcess(executable, arguments, environment: environment, stdin: stdin)
            .wait(timeout: timeout)
    }

    /// Sends `signal` to the child.
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// The bytes the child has written to stdout so far.
    public func stdoutSoFar() -> String {
        (try? String(contentsOf: directory.appendingPathComponent("stdout"), encoding: .utf8)) ?? ""
    }

    /// The bytes the child has written to stderr so far.
    public func stderrSoFar() -> String {
        (try? String(contentsOf: directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
    }

    /// Waits for the child to exit, killing it after `timeout` seconds.
    public func wait(timeout: TimeInterval = 60) -> ProcessOutcome {
        if let finished { return finished }
        let deadline = Date().addingTimeInterval(timeout)
        var raw: Int32 = 0
        var timedOut = false
        while waitpid(pid, &raw, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &raw, 0)
                timedOut = true
                break
            }
            usleep(10_000)
        }
        let low = raw & 0x7f
        let status = low == 0 ? (raw >> 8) & 0xff : 128 + low
        let outcome = ProcessOutcome(
            status: status, stdout: stdoutSoFar(), stderr: stderrSoFar(), timedOut: timedOut)
        try? FileManager.default.removeItem(at: directory)
        finished = outcome
        return outcome
    }
}

/// The child could not be started.
public struct SpawnError: Error, CustomStringConvertible {
    public var description: String
}
