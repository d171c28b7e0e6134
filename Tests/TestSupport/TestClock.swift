import Foundation
import OktaCore

/// A virtual clock for the client: `sleep` records the requested wait and advances virtual
/// time instead of sleeping, so rate-limit waits and backoff are checked exactly and fast.
public final class TestClock: OktaClock, @unchecked Sendable {
    private let state: Locked<(now: Date, sleeps: [TimeInterval])>

    /// Starts at `start` (local time as the client sees it).
    public init(start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        state = Locked((start, []))
    }

    public var now: Date { state.withLock { $0.now } }

    /// Every wait the client asked for, in order.
    public var sleeps: [TimeInterval] { state.withLock { $0.sleeps } }

    /// Moves virtual time forward without recording a sleep (time spent elsewhere).
    public func advance(by seconds: TimeInterval) {
        state.withLock { $0.now.addTimeInterval(seconds) }
    }

    public func sleep(seconds: TimeInterval) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(seconds)
            $0.now.addTimeInterval(max(0, seconds))
        }
    }
}
