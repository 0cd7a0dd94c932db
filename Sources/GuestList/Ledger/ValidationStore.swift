import Foundation

/// The record stage of `validate` and `run --dry-run`: instead of a run in the ledger, what `validate`
/// prints — every problem and warning, row by row — and the rows' key digests, kept in a scratch SQLite
/// file that is deleted when the store goes. Memory stays flat however many rows or problems there are:
/// the findings are printed from a cursor, and duplicates are found by the same sorted merge as a run's
/// (`KeyMerge`), against the keys of an existing ledger too when a dry run asks for it.
public final class ValidationStore: RowSink {
    /// A problem or a warning found in one row.
    public struct Finding: Sendable, Equatable {
        public var row: Int
        public var line: Int
        public var field: String
        public var value: String
        public var message: String
    }

    /// What `validate` found, for its counts line and its exit code.
    public struct Tally: Sendable, Equatable {
        public var counts = StatusCounts()
        public var warnings = 0
    }

    let db: SQLiteDatabase
    let url: URL
    private var tally = Tally()
    private var keyed = 0

    /// A new store in the temporary folder.
    public init() throws(GuestListError) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("guestlist-validate-\(UUID().uuidString).sqlite")
        db = try SQLiteDatabase(path: url.path)
        // Scratch: no journal, no syncing. A crash loses nothing worth keeping.
        try db.execute(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;
            CREATE TABLE findings (row INTEGER NOT NULL, seq INTEGER NOT NULL, warning INTEGER NOT NULL, line INTEGER NOT NULL,
                                   field TEXT NOT NULL, value TEXT NOT NULL, message TEXT NOT NULL, PRIMARY KEY (warning, row, seq)) WITHOUT ROWID;
            CREATE TABLE keys (row INTEGER PRIMARY KEY, key_hash INTEGER NOT NULL, line INTEGER NOT NULL, booking_key TEXT NOT NULL, email TEXT NOT NULL);
            """)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    public func record(_ rows: [CheckedRow]) throws(GuestListError) {
        try db.transaction { () throws(GuestListError) in
            let finding = try db.statement(
                "INSERT INTO findings (row, seq, warning, line, field, value, message) VALUES (?, ?, ?, ?, ?, ?, ?)")
            let key = try db.statement("INSERT INTO keys (row, key_hash, line, booking_key, email) VALUES (?, ?, ?, ?, ?)")
            for r in rows {
                for (seq, problem) in r.problems.enumerated() {
                    finding.rewind()
                    try finding.bind(r.row, seq, false, r.line, problem.field, problem.value, problem.message).run()
                }
                for (seq, warning) in r.warnings.enumerated() {
                    finding.rewind()
                    try finding.bind(r.row, seq, true, r.line, warning.field, warning.value, warning.message).run()
                }
                tally.warnings += r.warnings.count
                if let booking = r.booking {
                    let text = booking.key.description
                    key.rewind()
                    try key.bind(r.row, KeyDigest.of(text), r.line, text, r.email).run()
                    keyed += 1
                } else {
                    tally.counts.invalid += 1
                }
            }
        }
    }

    /// Finds the duplicates, and with `ledger` the keys it already booked (a dry run's `skipped`); then the
    /// counts are final.
    public func finish(comparingWith ledger: Ledger? = nil) throws(GuestListError) -> Tally {
        let entries = try db.statement("SELECT key_hash, row FROM keys ORDER BY key_hash, row")
        let keyOf = try db.statement("SELECT booking_key, line, email FROM keys WHERE row = ?")
        let finding = try db.statement(
            "INSERT INTO findings (row, seq, warning, line, field, value, message) VALUES (?, 0, 0, ?, 'email', ?, ?)")
        let booked = try ledger?.createdKeysOfOtherRuns(than: 0)
        defer {
            entries.reset()
            booked?.reset()
        }
        var duplicates = 0, skipped = 0
        try db.transaction { () throws(GuestListError) in
            try KeyMerge.run(
                entries: { () throws(GuestListError) -> KeyMerge.Entry? in
                    try entries.step() ? KeyMerge.Entry(digest: Int64(entries.int(0)), row: entries.int(1)) : nil
                },
                booked: { () throws(GuestListError) -> KeyMerge.Booked? in
                    guard let booked, try booked.step() else { return nil }
                    return KeyMerge.Booked(digest: Int64(booked.int(0)), key: booked.string(1), uid: booked.optionalString(2))
                },
                keyOf: { (row: Int) throws(GuestListError) -> (key: String, line: Int) in
                    keyOf.rewind()
                    guard try keyOf.bind(row).step() else { throw db.fail("find row \(row)") }
                    return (keyOf.string(0), keyOf.int(1))
                },
                verdict: { (verdict: KeyMerge.Verdict) throws(GuestListError) in
                    switch verdict {
                    case .duplicate(let row, let first, let firstLine):
                        keyOf.rewind()
                        guard try keyOf.bind(row).step() else { throw db.fail("find row \(row)") }
                        let (line, email) = (keyOf.int(1), keyOf.string(2))
                        finding.rewind()
                        try finding.bind(row, line, email, KeyMerge.duplicateMessage(of: first, line: firstLine)).run()
                        duplicates += 1
                    case .skipped:
                        skipped += 1
                    }
                })
        }
        tally.counts.duplicate = duplicates
        tally.counts.skipped = skipped
        tally.counts.pending = keyed - duplicates - skipped
        return tally
    }

    /// The problems (or the warnings) in row order, one at a time.
    public func forEachFinding(warnings: Bool, _ body: (Finding) throws -> Void) throws {
        let s = try db.statement("SELECT row, line, field, value, message FROM findings WHERE warning = ? ORDER BY row, seq").bind(warnings)
        defer { s.reset() }
        while try s.step() {
            try body(Finding(row: s.int(0), line: s.int(1), field: s.string(2), value: s.string(3), message: s.string(4)))
        }
    }
}
