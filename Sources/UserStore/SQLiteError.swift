import CSQLite

/// A failure reported by SQLite, with its result code and message.
///
/// The message names the statement's purpose where it helps; the store turns these into advice
/// (for example "the database file is locked by another okta-connect") at its public boundary.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// SQLite's extended result code, e.g. `SQLITE_BUSY` (5) or `SQLITE_CORRUPT` (11).
    public var code: Int32
    /// SQLite's own words.
    public var message: String
    /// What the store was doing.
    public var context: String

    public init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    public var description: String {
        let advice: String
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED:
            advice = "Another okta-connect may be syncing; wait for it to finish and try again."
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            advice = "The user store is damaged; delete it and run okta-connect sync --full."
        case SQLITE_FULL:
            advice = "The disk is full; free some space and try again."
        case SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM:
            advice = "Check that the state directory exists and is writable."
        default:
            advice = "Run okta-connect sync --full to rebuild the store if this keeps happening."
        }
        return "User store error while \(context): \(message) (SQLite code \(code)). \(advice)"
    }
}
