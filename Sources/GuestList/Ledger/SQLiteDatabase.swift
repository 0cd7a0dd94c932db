import CSQLite
import Foundation

/// `SQLITE_TRANSIENT` is a macro Swift cannot import: it tells SQLite to copy bound text at once.
nonisolated(unsafe) let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// What SQLite said when a call failed: the extended result code (`SQLITE_IOERR_WRITE`, `SQLITE_FULL`, …) and
/// its message; the `cause` of the ledger's errors.
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    var code: Int32
    var message: String
    var description: String { "SQLite error \(code): \(message)" }
}

/// A thin wrapper over one SQLite connection. Not thread-safe: one owner at a time (the ledger's user
/// runs it from a single task), which is why it is a non-Sendable class.
final class SQLiteDatabase {
    private(set) var handle: OpaquePointer?
    let path: String
    private var cache: [String: Statement] = [:]
    /// For the tests of a ledger that fails mid-run: after this many commits, every commit fails as a disk
    /// error would. Set from `GUESTLIST_TEST_LEDGER_COMMITS` by `Ledger`; nil in normal use.
    var commitsBeforeFailure: Int?

    init(path: String, readOnly: Bool = false) throws(GuestListError) {
        self.path = path
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        handle = db
        guard rc == SQLITE_OK else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(rc)"
            sqlite3_close_v2(db)
            handle = nil
            throw GuestListError(.ledger, "The ledger \(path) could not be opened: \(message).", location: SourceLocation(file: path))
        }
        sqlite3_busy_timeout(db, 5000)
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    func fail(_ what: String) -> GuestListError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
        let cause = handle.map { SQLiteError(code: sqlite3_extended_errcode($0), message: message) }
        return GuestListError(
            .ledger, "The ledger \(path) failed to \(what): \(message).", location: SourceLocation(file: path), cause: cause)
    }

    func execute(_ sql: String) throws(GuestListError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &errorMessage) != SQLITE_OK {
            let text = errorMessage.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(errorMessage)
            throw GuestListError(
                .ledger, "The ledger \(path) failed to run `\(sql.prefix(60))`: \(text).", location: SourceLocation(file: path),
                cause: SQLiteError(code: sqlite3_extended_errcode(handle), message: text))
        }
    }

    /// A prepared statement, cached by its SQL text and reset before reuse.
    func statement(_ sql: String) throws(GuestListError) -> Statement {
        if let s = cache[sql] {
            s.reset()
            return s
        }
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw fail("prepare `\(sql.prefix(60))`") }
        let s = Statement(db: self, stmt: stmt)
        cache[sql] = s
        return s
    }

    /// Runs `body` in one transaction (BEGIN IMMEDIATE … COMMIT), rolling back if it throws. BEGIN and
    /// COMMIT are prepared once: the loader opens a transaction per group commit.
    func transaction<T>(_ body: () throws(GuestListError) -> T) throws(GuestListError) -> T {
        try statement("BEGIN IMMEDIATE").run()
        do throws(GuestListError) {
            let result = try body()
            if let left = commitsBeforeFailure {
                guard left > 0 else {
                    throw GuestListError(
                        .ledger, "The ledger \(path) failed to commit: disk I/O error (injected for a test).",
                        location: SourceLocation(file: path), cause: SQLiteError(code: 10, message: "disk I/O error"))
                }
                commitsBeforeFailure = left - 1
            }
            try statement("COMMIT").run()
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` with commits that are not synced to disk one by one (`synchronous = NORMAL`: in WAL mode
    /// a power cut may lose the last commits, never the database's consistency), then syncs again. For
    /// bulk writes whose loss is harmless, such as the batches of a recording that is redone if it never ends.
    func unsynced<T>(_ body: () throws(GuestListError) -> T) throws(GuestListError) -> T {
        try statement("PRAGMA synchronous = NORMAL").run()
        defer { try? statement("PRAGMA synchronous = FULL").run() }
        return try body()
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Reset once read: a cached statement left on its row stays active, and an active statement keeps a
    /// migration from dropping a table ("database table is locked").
    func userVersion() throws(GuestListError) -> Int {
        let s = try statement("PRAGMA user_version")
        defer { s.reset() }
        _ = try s.step()
        return s.int(0)
    }
}

/// A prepared statement. Bind with 1-based indices; read columns with 0-based ones.
final class Statement {
    unowned let db: SQLiteDatabase
    let stmt: OpaquePointer

    init(db: SQLiteDatabase, stmt: OpaquePointer) {
        self.db = db
        self.stmt = stmt
    }

    deinit { sqlite3_finalize(stmt) }

    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    /// Resets without clearing the bindings: for a loop that binds every parameter again each time.
    func rewind() {
        sqlite3_reset(stmt)
    }

    /// Binds `values` to parameters 1, 2, …; nil binds NULL. A parameter pack rather than an array of
    /// existentials: no boxing, and each value's bind is a direct call (the loader binds a few per answer).
    @discardableResult
    func bind<each Value: SQLiteValue>(_ values: repeat each Value) -> Statement {
        var index: Int32 = 0
        for value in repeat each values {
            index += 1
            value.bind(to: stmt, at: index)
        }
        return self
    }

    /// Steps once; true when a row is available.
    func step() throws(GuestListError) -> Bool {
        switch sqlite3_step(stmt) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw db.fail("step")
        }
    }

    /// Runs a statement that returns no rows.
    func run() throws(GuestListError) {
        while try step() {}
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(stmt, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(stmt, column) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(stmt, column) == SQLITE_NULL }
    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }
    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
    func string(_ column: Int32) -> String { optionalString(column) ?? "" }
    func optionalString(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(stmt, column) else { return nil }
        return String(cString: text)
    }
}

/// Values a statement can bind. Each binds itself, so binding costs a witness call, not a chain of casts.
protocol SQLiteValue {
    func bind(to stmt: OpaquePointer, at index: Int32)
}

extension Int: SQLiteValue {
    func bind(to stmt: OpaquePointer, at index: Int32) { sqlite3_bind_int64(stmt, index, Int64(self)) }
}

extension Int64: SQLiteValue {
    func bind(to stmt: OpaquePointer, at index: Int32) { sqlite3_bind_int64(stmt, index, self) }
}

extension Double: SQLiteValue {
    func bind(to stmt: OpaquePointer, at index: Int32) { sqlite3_bind_double(stmt, index, self) }
}

extension Bool: SQLiteValue {
    func bind(to stmt: OpaquePointer, at index: Int32) { sqlite3_bind_int64(stmt, index, self ? 1 : 0) }
}

extension String: SQLiteValue {
    /// Binds the string's own UTF-8 bytes with their length: no C-string copy on the Swift side (SQLite copies
    /// once). An empty string binds "" — a nil base address would bind NULL.
    func bind(to stmt: OpaquePointer, at index: Int32) {
        var text = self
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress, !bytes.isEmpty {
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    _ = sqlite3_bind_text(stmt, index, $0, Int32(bytes.count), SQLITE_TRANSIENT)
                }
            } else {
                sqlite3_bind_text(stmt, index, "", 0, SQLITE_TRANSIENT)
            }
        }
    }
}

extension Optional: SQLiteValue where Wrapped: SQLiteValue {
    func bind(to stmt: OpaquePointer, at index: Int32) {
        if let value = self { value.bind(to: stmt, at: index) } else { sqlite3_bind_null(stmt, index) }
    }
}
