/// The ledger's schema, as an ordered list of named migrations tracked in `PRAGMA user_version`
/// (GRDB's `DatabaseMigrator` idea): migration *n* brings a ledger from version n-1 to n. Append new
/// migrations; never edit a published one. A ledger whose version is higher than the last migration
/// here was written by a newer guestlist and is refused rather than misread.
enum LedgerSchema {
    struct Migration: Sendable {
        let name: String
        let sql: String
        /// Work SQL alone cannot do (computing key digests), run in the same transaction after `sql`.
        var then: (@Sendable (SQLiteDatabase) throws(GuestListError) -> Void)? = nil
    }

    static let migrations: [Migration] = [
        Migration(
            name: "v1-runs-rows-attempts",
            sql: """
                CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY,
                    pipeline TEXT NOT NULL,
                    pipeline_path TEXT NOT NULL,
                    source TEXT NOT NULL,
                    source_hash TEXT NOT NULL,
                    encoding TEXT,
                    columns TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    source_fault TEXT,
                    source_changed INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE rows (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    row INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    booking_key TEXT,
                    payload TEXT,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    time_zone TEXT NOT NULL,
                    original TEXT NOT NULL,
                    http_status INTEGER,
                    booking_uid TEXT,
                    error TEXT,
                    warnings TEXT,
                    transient_attempts INTEGER NOT NULL DEFAULT 0,
                    was_uncertain INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (run_id, row)
                ) WITHOUT ROWID;
                CREATE INDEX rows_by_status ON rows(run_id, status);
                CREATE TABLE attempts (
                    id INTEGER PRIMARY KEY,
                    run_id INTEGER NOT NULL,
                    row INTEGER NOT NULL,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    http_status INTEGER,
                    latency_ms REAL,
                    error TEXT
                );
                CREATE INDEX attempts_by_row ON attempts(run_id, row);
                CREATE INDEX attempts_open ON attempts(run_id) WHERE finished_at IS NULL;
                CREATE TABLE booked (
                    booking_key TEXT PRIMARY KEY,
                    booking_uid TEXT NOT NULL,
                    run_id INTEGER NOT NULL,
                    row INTEGER NOT NULL,
                    booked_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """),
        // Less to write per loader commit: 8.9 → about 5 WAL pages for three answers (measured on a replay of
        // the loader's commits). Booked keys are read from the `created` rows themselves, when a run begins,
        // instead of from a `booked` table written on every answer (one random page each); and open
        // attempts are found from where the run's latest session began instead of through an index
        // rewritten on every commit. `booked` held nothing that `rows` does not: every entry was written in
        // the same transaction that set its row `created` with the same key and uid.
        Migration(
            name: "v2-keys-from-rows-open-attempts-by-session",
            sql: """
                DROP TABLE booked;
                DROP INDEX attempts_open;
                ALTER TABLE runs ADD COLUMN open_attempts_from INTEGER NOT NULL DEFAULT 0;
                """),
        // Outcomes with codes: an attempt's `outcome` (`AttemptCode`) replaces the `uncertain: ` prefix of its
        // error text, which queries matched with LIKE; existing attempts get the code their status and text
        // imply, and lose the prefix. A `conflict` row records why (`ConflictReason`); rows that conflicted
        // before reasons were looked up, and conflicts reopened by `retry --conflicts`, get `unknown` (a pending
        // row with a 409 and no reason is one whose lookup has yet to run).
        Migration(
            name: "v3-attempt-outcomes-and-conflict-reasons",
            sql: """
                ALTER TABLE attempts ADD COLUMN outcome TEXT;
                ALTER TABLE rows ADD COLUMN conflict_reason TEXT;
                UPDATE attempts SET outcome = CASE
                    WHEN error LIKE 'uncertain:%' THEN 'uncertain'
                    WHEN finished_at IS NULL THEN NULL
                    WHEN http_status BETWEEN 200 AND 299 THEN 'created'
                    WHEN http_status = 409 THEN 'conflict'
                    WHEN http_status IN (401, 403) THEN 'unauthorized'
                    WHEN http_status = 429 THEN 'throttled'
                    WHEN http_status = 408 OR http_status >= 500 THEN 'transient'
                    WHEN http_status IS NULL THEN 'unreachable'
                    ELSE 'rejected' END;
                UPDATE attempts SET error = ltrim(substr(error, 11)) WHERE error LIKE 'uncertain:%';
                UPDATE rows SET conflict_reason = 'unknown' WHERE status = 'conflict' OR (status = 'pending' AND (
                    SELECT a.http_status FROM attempts a WHERE a.run_id = rows.run_id AND a.row = rows.row ORDER BY a.id DESC LIMIT 1) = 409);
                """),
        // Streamed recording (issue 11), and the rate a load settled at (`rate: auto`, issue 12): a run's rows are
        // written in batches, and the run is sendable only
        // once `recorded` is set in the commit that ends its recording; a run left at 0 (stopped or killed
        // while reading) is discarded by the next `run`. `key_hash` is `KeyDigest` of `booking_key`: sorted,
        // it finds duplicates and keys booked by other runs without holding keys in memory.
        Migration(
            name: "v4-key-digests-and-recording-state",
            sql: """
                ALTER TABLE rows ADD COLUMN key_hash INTEGER;
                ALTER TABLE runs ADD COLUMN recorded INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE runs ADD COLUMN settled_rate REAL;
                ALTER TABLE runs ADD COLUMN rate_automatic INTEGER NOT NULL DEFAULT 0;
                """,
            then: { (db: SQLiteDatabase) throws(GuestListError) in
                // In chunks, so neither memory nor an open cursor grows with the ledger.
                let read = try db.statement(
                    "SELECT run_id, row, booking_key FROM rows WHERE (run_id, row) > (?, ?) AND booking_key IS NOT NULL ORDER BY run_id, row LIMIT 10000")
                let write = try db.statement("UPDATE rows SET key_hash = ? WHERE run_id = ? AND row = ?")
                var last = (0, 0)
                while true {
                    var chunk: [(Int, Int, Int64)] = []
                    read.rewind()
                    read.bind(last.0, last.1)
                    while try read.step() { chunk.append((read.int(0), read.int(1), KeyDigest.of(read.string(2)))) }
                    read.reset()
                    guard let end = chunk.last else { break }
                    for (run, row, digest) in chunk {
                        write.rewind()
                        try write.bind(digest, run, row).run()
                    }
                    last = (end.0, end.1)
                }
            }),
    ]

    static var currentVersion: Int { migrations.count }

    /// Brings `db` up to `currentVersion`, refusing a ledger from a newer guestlist.
    static func migrate(_ db: SQLiteDatabase) throws(GuestListError) {
        let version = try db.userVersion()
        if version > currentVersion {
            throw GuestListError(
                .ledgerTooNew,
                "The ledger \(db.path) was written by a newer version of guestlist (schema \(version); this guestlist knows up to \(currentVersion)).",
                location: SourceLocation(file: db.path), hint: "Upgrade guestlist, or point --ledger at another file.")
        }
        for (index, migration) in migrations.enumerated() where index + 1 > version {
            try db.transaction { () throws(GuestListError) in
                try db.execute(migration.sql)
                try migration.then?(db)
                try db.statement("INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)")
                    .bind(index + 1, migration.name, Timestamp.now()).run()
                try db.execute("PRAGMA user_version = \(index + 1)")
            }
        }
    }
}
