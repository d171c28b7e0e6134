import Foundation
import OktaCore
import UserStore

/// Writes the browser's current view (filter and sort) to a CSV or JSON file, off the UI
/// thread, in the same formats as `okta-connect users --format csv|json`.
///
/// The export reads through its own connection to the store file, so the table stays quick
/// while a large export runs. It writes to a hidden temporary file next to the target and
/// moves it into place at the end, so a failed or interrupted export never leaves half a
/// file under the shown name. The screen checks `status` on every event it receives.
public final class BrowserExport: Sendable {
    /// Where an export stands.
    public enum Status: Sendable, Equatable {
        case idle
        case running(path: String)
        case finished(path: String, users: Int)
        case failed(String)
    }

    private let state: Locked<Status>

    public init() { state = Locked(.idle) }

    /// An export already in `status` (tests of what the screen does meanwhile).
    init(status: Status) { state = Locked(status) }

    /// Ends an export begun with `init(status:)` (tests).
    func finishForTesting(path: String, users: Int) {
        state.withLock { $0 = .finished(path: path, users: users) }
    }

    public var status: Status { state.withLock { $0 } }

    /// The file an export started at `date` writes:
    /// `<data directory>/users-export-20260301-142233.csv`.
    public static func fileURL(
        directory: URL, format: UsersReport.Format, date: Date
    ) -> URL {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        let stamp =
            "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))-"
            + "\(two(parts.hour))\(two(parts.minute))\(two(parts.second))"
        return directory.appendingPathComponent("users-export-\(stamp).\(format.rawValue)")
    }

    /// Starts writing; replaces an existing file only when `overwrite` is true (the user was
    /// asked). Returns false when an export is already running.
    @discardableResult
    public func start(
        storeURL: URL, filter: UserFilter, sort: UserSort, format: UsersReport.Format,
        to file: URL, overwrite: Bool
    ) -> Bool {
        let started = state.withLock { status in
            if case .running = status { return false }
            status = .running(path: file.path)
            return true
        }
        guard started else { return false }
        Task.detached { [self] in
            let result = Self.write(
                storeURL: storeURL, filter: filter, sort: sort, format: format, to: file,
                overwrite: overwrite)
            state.withLock { $0 = result }
        }
        return true
    }

    public var isRunning: Bool {
        if case .running = status { return true }
        return false
    }

    /// The hidden files this process's exports are writing.
    static let partials = Locked<Set<String>>([])

    /// Deletes the hidden files running exports write, before the app quits under them
    /// (`q` answered, Ctrl-C, a signal): their tasks die with the process and could not clean
    /// up. No half-written file is left; an export that had finished stands.
    public static func discardPartials() {
        partials.withLock { paths in
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
            paths.removeAll()
        }
    }

    /// The hidden file an export to `file` writes before moving it into place.
    static func partialURL(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(
            "." + file.lastPathComponent + ".partial")
    }

    /// Forgets a finished or failed export once the screen has shown it.
    public func acknowledge() {
        state.withLock { status in
            if case .running = status { return }
            status = .idle
        }
    }

    /// Does the export synchronously (the task above, and tests).
    public static func write(
        storeURL: URL, filter: UserFilter, sort: UserSort, format: UsersReport.Format,
        to file: URL, overwrite: Bool
    ) -> Status {
        let manager = FileManager.default
        let partial = partialURL(for: file)
        do {
            if manager.fileExists(atPath: file.path), !overwrite {
                return .failed("\(file.path) exists; nothing was written. Export again.")
            }
            guard UserStore.exists(at: storeURL) else {
                // Opening it would create an empty store in its place.
                return .failed(
                    "The user store \(storeURL.path) is gone (disconnect --purge?); nothing "
                        + "was exported. Sync again to export.")
            }
            try manager.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let store = try UserStore(url: storeURL)
            partials.withLock { _ = $0.insert(partial.path) }
            defer { partials.withLock { _ = $0.remove(partial.path) } }
            _ = manager.createFile(atPath: partial.path, contents: nil)
            let handle = try FileHandle(forWritingTo: partial)
            var buffer = Data()
            let users = try store.count(filter)
            try UsersReport.render(store: store, filter: filter, sort: sort, format: format) {
                chunk in
                buffer.append(contentsOf: chunk.utf8)
                if buffer.count >= 256 * 1024 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
            try handle.close()
            if manager.fileExists(atPath: file.path) { try manager.removeItem(at: file) }
            try manager.moveItem(at: partial, to: file)
            return .finished(path: file.path, users: users)
        } catch {
            try? manager.removeItem(at: partial)
            return .failed(
                "Export to \(file.path) failed: \(error). Check that the directory is writable "
                    + "and has space, then export again.")
        }
    }
}
