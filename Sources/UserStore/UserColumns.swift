import Foundation
import OktaCore

/// The column list the queries select and how a row becomes a `StoredUser`.
enum UserColumns {
    static func select(profile: Bool) -> String {
        """
        u.id, u.status, u.login, u.email, u.first_name, u.last_name, u.display_name, u.created, \
        u.activated, u.status_changed, u.last_login, u.last_updated, u.password_changed, \
        u.first_seen, u.last_seen, u.removed_at, u.rid, \(profile ? "u.profile" : "NULL")
        """
    }

    /// Index of the row id column, used as the tie-breaker of every sort.
    static let ridColumn: Int32 = 16
    /// Index of the first column after the fixed list (the sort key, when selected).
    static let extraColumn: Int32 = 18

    static func read(_ row: SQLiteStatement, profile: Bool) -> StoredUser {
        StoredUser(
            id: row.text(0), status: row.text(1), login: row.optionalText(2),
            email: row.optionalText(3), firstName: row.optionalText(4),
            lastName: row.optionalText(5), displayName: row.text(6),
            created: StoreTime.date(row.optionalInt(7)),
            activated: StoreTime.date(row.optionalInt(8)),
            statusChanged: StoreTime.date(row.optionalInt(9)),
            lastLogin: StoreTime.date(row.optionalInt(10)),
            lastUpdated: StoreTime.date(row.optionalInt(11)),
            passwordChanged: StoreTime.date(row.optionalInt(12)),
            profile: profile ? ProfileJSON.decode(row.text(17)) : [:],
            firstSeen: StoreTime.date(row.int(13)), lastSeen: StoreTime.date(row.int(14)),
            removedAt: StoreTime.date(row.optionalInt(15)))
    }
}
