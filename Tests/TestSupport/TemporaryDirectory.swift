import Foundation

/// A fresh directory under the system temporary directory, removed by `remove()`.
///
/// Tests create one per test so that state files, tokens and databases never leak between
/// tests or into the user's real state directory.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    /// Creates the directory; `prefix` helps identify it when a test leaves it behind.
    public init(prefix: String = "okta-connect-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Every regular file below the directory, recursively.
    public func allFiles() -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: url, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }
}
