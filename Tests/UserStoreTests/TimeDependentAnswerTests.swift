import Foundation
import OktaCore
import TestSupport
import Testing

@testable import UserStore

/// Filters on the last login ("logged in within a day", "not for 90 days") depend on the time
/// they are asked at, while counts are cached for the clock hour: a count and the rows it
/// counts must be measured from the same time, with and without the browsing snapshot.
@Suite struct TimeDependentAnswerTests {
    /// 100 users who logged in between 24 h and 23 h 10 min before `fixedNow` (an hour's
    /// start), read through a store whose clock the test moves.
    static func store(prepared: Bool) throws -> (UserStore, TestClock, TemporaryDirectory) {
        let directory = try TemporaryDirectory(prefix: "time-dependent")
        let url = directory.url.appendingPathComponent("users.sqlite")
        let users = (0..<100).map { index in
            user(
                index + 1, first: "User", last: "N\(index)",
                lastLogin: daysAgo(1).addingTimeInterval(Double(index) * 30))
        }
        try seed(try UserStore(url: url, now: { fixedNow }), users)
        let clock = TestClock(start: fixedNow)
        let store = try UserStore(url: url, now: { clock.now })
        if prepared { #expect(try store.prepareForBrowsing()) }
        return (store, clock, directory)
    }

    @Test(arguments: [true, false])
    func aCountAndItsRowsAgreeLaterInTheSameHour(prepared: Bool) throws {
        let (store, clock, directory) = try Self.store(prepared: prepared)
        defer { directory.remove() }
        let recent = UserFilter(loggedInWithinDays: 1)
        #expect(try store.count(recent) == 100)
        #expect(try store.rows(recent, sort: UserSort(), offset: 0, limit: 500).count == 100)
        // Another view takes the row set over, as when the table switches filter and back.
        _ = try store.rows(UserFilter(statuses: ["ACTIVE"]), sort: UserSort(), offset: 0, limit: 5)

        clock.advance(by: 40 * 60)  // 80 of the users have crossed the cutoff since
        let total = try store.count(recent)
        #expect(total == 100)
        let all = try store.rows(recent, sort: UserSort(), offset: 0, limit: 500)
        #expect(all.count == total)
        let lastPage = try store.rows(recent, sort: UserSort(), offset: total - 5, limit: 5)
        #expect(lastPage.count == 5)
    }

    @Test(arguments: [true, false])
    func theNextHourCountsAndReadsAfresh(prepared: Bool) throws {
        let (store, clock, directory) = try Self.store(prepared: prepared)
        defer { directory.remove() }
        let recent = UserFilter(loggedInWithinDays: 1)
        #expect(try store.count(recent) == 100)
        clock.advance(by: 3600 + 40 * 60)
        #expect(try store.count(recent) == 0)
        #expect(try store.rows(recent, sort: UserSort(), offset: 0, limit: 500).isEmpty)
    }

    /// The utilization figures are counted at the caller's time, and doing so leaves the
    /// table's cached answers alone.
    @Test(arguments: [true, false])
    func figuresAtAnotherTimeDoNotChangeTheTablesCount(prepared: Bool) throws {
        let (store, clock, directory) = try Self.store(prepared: prepared)
        defer { directory.remove() }
        let stale = UserFilter.unusedSeats
        #expect(try store.count(stale) == 0)
        clock.advance(by: 40 * 60)
        let later = fixedNow.addingTimeInterval(90 * 86_400)
        #expect(try store.unusedSeatCount(now: later) == 100)
        #expect(try store.usageFigures(now: later).unusedSeats == 100)
        #expect(try store.count(stale) == 0)
        #expect(try store.rows(stale, sort: UserSort(), offset: 0, limit: 10).isEmpty)
    }

    /// Days far beyond any org's age are clamped instead of overflowing the time stamps.
    @Test(arguments: [true, false])
    func hugeDayCountsDoNotOverflow(prepared: Bool) throws {
        let (store, _, directory) = try Self.store(prepared: prepared)
        defer { directory.remove() }
        #expect(try store.count(UserFilter(inactiveDays: 200_000_000_000)) == 0)
        #expect(try store.count(UserFilter(loggedInWithinDays: Int.max)) == 100)
        #expect(try store.count(UserFilter(inactiveDays: Int.min)) == 100)
    }
}
