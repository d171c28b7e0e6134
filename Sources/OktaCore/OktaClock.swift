import Foundation

/// The passage of time as the client sees it, injectable so that rate-limit waits and retry
/// backoff can be tested without sleeping.
public protocol OktaClock: Sendable {
    /// The current local time.
    var now: Date { get }
    /// Waits `seconds`; throws `CancellationError` when the task is cancelled.
    func sleep(seconds: TimeInterval) async throws
}

/// The real clock.
public struct SystemClock: OktaClock {
    public init() {}
    public var now: Date { Date() }
    public func sleep(seconds: TimeInterval) async throws {
        guard seconds > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}
