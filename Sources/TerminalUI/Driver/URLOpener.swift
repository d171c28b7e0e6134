import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Opens web pages with `xdg-open`, silently: its output would corrupt the curses screen.
public enum URLOpener {
    /// Starts `xdg-open url` detached, with no terminal I/O. Returns false when `xdg-open` is
    /// not on `PATH` or cannot be started; the URL is on screen either way.
    @Sendable public static func open(_ url: URL) -> Bool {
        guard let opener = executable(named: "xdg-open") else { return false }
        return spawnDetached(opener, arguments: [url.absoluteString])
    }

    /// The full path of `name` on `PATH`, if it is there.
    public static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return String(candidate) }
        }
        return nil
    }

    private static func spawnDetached(_ executable: String, arguments: [String]) -> Bool {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
            return false
        }
        let child = pid
        Thread.detachNewThread {
            var status: Int32 = 0
            waitpid(child, &status, 0)
        }
        return true
    }
}
