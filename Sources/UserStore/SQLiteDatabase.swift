import CSQLite
import Foundation

/// One open SQLite connection with a cache of prepared statements.
///
/// Not thread-safe by itself; `UserStore` guards it with a lock. Statements are cached by their
/// SQL text, so the hot paths (upserts, page reads) are prepared once per connection.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    let path: String

    /// Opens (creating if needed) the database at `path`.
    init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        self.path = path
        let flags =
            readOnly
            ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            handle = nil
            throw SQLiteError(code: code, message: message, context: "opening \(path)")
        }
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows (schema, pragmas).
    func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(message)
            throw SQLiteError(code: code, message: text, context: "running \(sql.prefix(60))")
        }
    }

    /// A statement of its own for `sql`, not shared through the cache: for a scan that stays
    /// open across several calls while other statements run on the connection.
    func privateStatement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(database: handle, sql: sql, persistent: false)
    }

    /// A cached prepared statement for `sql`.
    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        let statement = try SQLiteStatement(database: handle, sql: sql, persistent: true)
        if statements.count > 200 { statements.removeAll() }
        statements[sql] = statement
        return statement
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Makes `okta_connect_hit(rid)` test membership in `hits` on this connection (SQLite keeps
    /// a reference until the connection closes).
    func register(hits: HitSet) throws(SQLiteError) {
        let data = Unmanaged.passRetained(hits).toOpaque()
        let code = sqlite3_create_function_v2(
            handle, "okta_connect_hit", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, data,
            hitSetFunction, nil, nil, hitSetRelease)
        guard code == SQLITE_OK else {
            throw SQLiteError(
                code: code, message: String(cString: sqlite3_errmsg(handle)),
                context: "registering okta_connect_hit")
        }
    }

    /// Makes `okta_connect_fold(text)` (`SearchFold`) callable from this connection's SQL.
    func registerSearchFold() throws(SQLiteError) {
        let code = sqlite3_create_function_v2(
            handle, "okta_connect_fold", 1,
            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, nil, searchFoldFunction, nil,
            nil, nil)
        guard code == SQLITE_OK else {
            throw SQLiteError(
                code: code, message: String(cString: sqlite3_errmsg(handle)),
                context: "registering okta_connect_fold")
        }
    }

    /// Rows changed by the last INSERT/UPDATE/DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// Reads an integer pragma such as `user_version` or `data_version`.
    func pragmaInt(_ name: String) throws(SQLiteError) -> Int64 {
        try SQLiteStatement(database: handle, sql: "PRAGMA \(name)", persistent: false)
            .scalarInt() ?? 0
    }

    /// Whether this SQLite build was compiled with `option` (e.g. `ENABLE_FTS5`).
    static func compileOptionUsed(_ option: String) -> Bool {
        sqlite3_compileoption_used(option) == 1
    }

    /// The SQLite library version, e.g. `3.40.1`.
    static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}
