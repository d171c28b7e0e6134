import Foundation

/// Where the core writes what it did. Libraries never create their own loggers; the app passes
/// one (a file in the state directory), because nothing may print while the screen is active.
///
/// Messages carry request ids and paths, never the token: `APIToken` renders masked and the
/// client never formats headers into messages.
public protocol LogSink: Sendable {
    func log(_ message: @autoclosure () -> String)
}

/// Discards everything.
public struct NullLog: LogSink {
    public init() {}
    public func log(_ message: @autoclosure () -> String) {}
}

/// Appends timestamped lines to a file created with owner-only permissions.
public final class FileLog: LogSink {
    private let handle: Locked<FileHandle?>

    /// Opens (or creates, mode 0600) the log file; logging silently stops if it cannot.
    public init(url: URL) {
        let path = url.path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        handle = Locked(fd >= 0 ? FileHandle(fileDescriptor: fd, closeOnDealloc: true) : nil)
    }

    public func log(_ message: @autoclosure () -> String) {
        let line = "\(OktaDate.format(Date())) \(message())\n"
        handle.withLock { $0?.write(Data(line.utf8)) }
    }
}
