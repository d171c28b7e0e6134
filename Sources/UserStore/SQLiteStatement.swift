import CSQLite
import Foundation

/// SQLite's "copy the bytes now" destructor. Swift strings handed to SQLite are temporary
/// buffers, so binding them without this corrupts rows (see swift-linux-notes §2).
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A value that can be bound to a statement parameter.
enum SQLiteValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A prepared statement: bind, step, read columns, reset.
///
/// Not thread-safe: it belongs to one `SQLiteDatabase`, which serialises its use.
final class SQLiteStatement {
    private(set) var handle: OpaquePointer?
    private let database: OpaquePointer?
    let sql: String

    init(database: OpaquePointer?, sql: String, persistent: Bool) throws(SQLiteError) {
        self.database = database
        self.sql = sql
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(database, sql, -1, flags, &handle, nil)
        guard code == SQLITE_OK else {
            throw SQLiteError(
                code: code, message: String(cString: sqlite3_errmsg(database)),
                context: "preparing \(sql.prefix(60))")
        }
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1…n after resetting the statement.
    func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        reset()
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Resets the statement and clears its bindings, before binding parameters one by one.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds one parameter (1-based) without building an array; the hot upsert path uses it.
    func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
        case .real(let number): code = sqlite3_bind_double(handle, index, number)
        case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, sqliteTransient)
        }
        guard code == SQLITE_OK else { throw error(code, "binding parameter \(index)") }
    }

    /// Runs an already bound statement to completion and resets it.
    func runBound() throws(SQLiteError) {
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Advances to the next row; false when the statement is done.
    func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(code, "running \(sql.prefix(60))")
        }
    }

    /// Binds, runs to completion and resets, for statements that return no rows.
    func run(_ values: [SQLiteValue] = []) throws(SQLiteError) {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Binds and collects every row through `read`.
    func query<Row>(_ values: [SQLiteValue] = [], _ read: (SQLiteStatement) -> Row)
        throws(SQLiteError) -> [Row]
    {
        try bind(values)
        var rows: [Row] = []
        while try step() { rows.append(read(self)) }
        sqlite3_reset(handle)
        return rows
    }

    /// Binds and hands every row to `body` without collecting them (for scans of any size).
    func forEachRow(_ values: [SQLiteValue] = [], _ body: (SQLiteStatement) -> Void)
        throws(SQLiteError)
    {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while try step() { body(self) }
    }

    /// The first row's first column as an integer, or nil when there is no row or it is NULL.
    func scalarInt(_ values: [SQLiteValue] = []) throws(SQLiteError) -> Int64? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        guard try step(), !isNull(0) else { return nil }
        return int(0)
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func optionalInt(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int(column)
    }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        let buffer = UnsafeBufferPointer(start: bytes, count: count)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The column's UTF-8 bytes without making a `String` (bulk reads of a million rows); the
    /// buffer is valid only inside `body`.
    func withTextBytes<Result>(
        _ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        guard let bytes = sqlite3_column_text(handle, column) else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    private func error(_ code: Int32, _ context: String) -> SQLiteError {
        SQLiteError(
            code: code, message: String(cString: sqlite3_errmsg(database)), context: context)
    }
}
