import CSQLite
import Foundation

/// The SQLite ledger of one pipeline (SPEC §4): every run, every row's normalized payload and final
/// outcome, every attempt. WAL journal; each commit is durable against a crash of this process, so a
/// kill -9 at any moment loses no finished outcome. One owner at a time: not Sendable.
public final class Ledger {
    public let url: URL
    let db: SQLiteDatabase
    private let lock: LedgerLock?

    /// Opens (creating if needed) the ledger at `url`.
    /// - Parameter exclusive: take the OS lock that keeps a second `run`/`retry` out.
    public init(url: URL, exclusive: Bool) throws(GuestListError) {
        self.url = url
        let dir = url.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: dir.path) {
            throw GuestListError(.ledger, "The ledger's folder \(dir.path) does not exist.", location: SourceLocation(file: url.path))
        }
        lock = exclusive ? try LedgerLock(ledgerPath: url.path) : nil
        db = try SQLiteDatabase(path: url.path)
        try db.execute("PRAGMA journal_mode = WAL")
        // FULL: every commit syncs the WAL before it returns, so a power loss cannot take back the commit that recorded
        // an attempt as started (NORMAL syncs only at checkpoints: a crash of the process is survived, a power loss not).
        try db.execute("PRAGMA synchronous = FULL")
        // Checkpoint every 4,000 WAL pages (16 MiB at 4 KiB) rather than SQLite's 1,000: a checkpoint runs inside
        // the commit that crosses the mark, on the loader's serial path, and costs two fsyncs (4–5 ms here)
        // whatever its size, while pages the loader rewrites commit after commit are copied back once.
        try db.execute("PRAGMA wal_autocheckpoint = \(Self.autocheckpointPages)")
        // A WAL that grew while a large run was recorded is cut back to 64 MiB once it has been checkpointed.
        try db.execute("PRAGMA journal_size_limit = 67108864")
        try db.execute("PRAGMA foreign_keys = ON")
        try LedgerSchema.migrate(db)
        db.commitsBeforeFailure = ProcessInfo.processInfo.environment["GUESTLIST_TEST_LEDGER_COMMITS"].flatMap(Int.init)
    }

    static let autocheckpointPages = 4000

    /// Copies the WAL into the database file on a thread of its own, with a connection of its own, and
    /// turns automatic checkpoints back on: after a recording, whose pages went only to the WAL. A passive
    /// checkpoint never blocks this connection's commits (a commit's own automatic checkpoint finds the
    /// other one running and returns); if the process ends first, the WAL is simply checkpointed later.
    func checkpointInBackground() {
        let path = url.path
        Thread {
            guard let db = try? SQLiteDatabase(path: path) else { return }
            try? db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        }.start()
        try? db.execute("PRAGMA wal_autocheckpoint = \(Self.autocheckpointPages)")
    }

    /// Opens an existing ledger for reading (report, runs); a missing file is an error naming it.
    public static func openExisting(url: URL) throws(GuestListError) -> Ledger {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw GuestListError(
                .ledger, "No ledger at \(url.path).", location: SourceLocation(file: url.path),
                hint: "Run the pipeline first (guestlist run PIPELINE), or pass --ledger with the right path.")
        }
        return try Ledger(url: url, exclusive: false)
    }

    // MARK: - Runs

    /// A run's bookkeeping fields.
    public struct Run: Sendable, Equatable {
        public var id: Int
        public var pipeline: String
        public var source: String
        public var sourceHash: String
        public var encoding: String?
        public var columns: [String]
        public var startedAt: String
        public var finishedAt: String?
        public var sourceFault: String?
        public var sourceChanged: Bool
        /// The rate the last load settled at, and whether `rate: auto` found it.
        public var settledRate: (rate: Double, automatic: Bool)?

        public static func == (a: Run, b: Run) -> Bool {
            a.id == b.id && a.pipeline == b.pipeline && a.source == b.source && a.sourceHash == b.sourceHash
                && a.encoding == b.encoding && a.columns == b.columns && a.startedAt == b.startedAt && a.finishedAt == b.finishedAt
                && a.sourceFault == b.sourceFault && a.sourceChanged == b.sourceChanged
                && a.settledRate?.rate == b.settledRate?.rate && a.settledRate?.automatic == b.settledRate?.automatic
        }
    }

    private static let runColumns =
        "id, pipeline, source, source_hash, encoding, columns, started_at, finished_at, source_fault, source_changed, settled_rate, rate_automatic"

    private func readRun(_ s: Statement) -> Run {
        Run(
            id: s.int(0), pipeline: s.string(1), source: s.string(2), sourceHash: s.string(3), encoding: s.optionalString(4),
            columns: JSONText.decodeStrings(s.string(5)), startedAt: s.string(6), finishedAt: s.optionalString(7),
            sourceFault: s.optionalString(8), sourceChanged: s.int(9) != 0,
            settledRate: s.optionalDouble(10).map { ($0, s.int(11) != 0) })
    }

    /// The newest run whose recording ended (a run still being recorded is not a run yet).
    public func latestRun() throws(GuestListError) -> Run? {
        let s = try db.statement("SELECT \(Self.runColumns) FROM runs WHERE recorded = 1 ORDER BY id DESC LIMIT 1")
        return try s.step() ? readRun(s) : nil
    }

    public func run(id: Int) throws(GuestListError) -> Run? {
        let s = try db.statement("SELECT \(Self.runColumns) FROM runs WHERE id = ? AND recorded = 1").bind(id)
        return try s.step() ? readRun(s) : nil
    }

    public func allRuns() throws(GuestListError) -> [Run] {
        let s = try db.statement("SELECT \(Self.runColumns) FROM runs WHERE recorded = 1 ORDER BY id")
        var runs: [Run] = []
        while try s.step() { runs.append(readRun(s)) }
        return runs
    }

    /// Resolves a user's RUN argument (`3`, `r3`, or nil for the latest).
    public func resolveRun(_ text: String?) throws(GuestListError) -> Run {
        if let text {
            let digits = text.hasPrefix("r") ? String(text.dropFirst()) : text
            guard let id = Int(digits), let run = try run(id: id) else {
                throw GuestListError(
                    .runNotFound, "The ledger \(url.path) has no run `\(text)`.", location: SourceLocation(file: url.path),
                    hint: "`guestlist runs --ledger \(url.path)` lists the runs.")
            }
            return run
        }
        guard let run = try latestRun() else {
            throw GuestListError(.runNotFound, "The ledger \(url.path) has no runs yet.", location: SourceLocation(file: url.path))
        }
        return run
    }

    /// Creates a run and records `rows` (already classified as `invalid` or with a booking), through the
    /// same recording path as a source read from disk; for tests and small tools.
    public func createRun(
        pipeline: String, pipelinePath: String, source: String, sourceHash: String, encoding: String?,
        columns: [String], sourceFault: String?, rows: [CheckedRow]
    ) throws(GuestListError) -> Int {
        let recording = try beginRecording(pipeline: pipeline, pipelinePath: pipelinePath, source: source)
        try recording.record(rows)
        let fault = sourceFault.map { GuestListError(.sourceMalformed, $0) }
        return try recording.finish(
            summary: SourceSummary(columns: columns, encoding: encoding ?? "utf-8", sourceFault: fault, rows: rows.count),
            sourceHash: sourceHash)
    }

    /// Notes the rate a load of `run` settled at, for the summary and the report.
    public func recordSettledRate(run: Int, rate: Double, automatic: Bool) throws(GuestListError) {
        try db.statement("UPDATE runs SET settled_rate = ?, rate_automatic = ? WHERE id = ?").bind(rate, automatic, run).run()
    }

    public func markSourceChanged(run: Int) throws(GuestListError) {
        try db.statement("UPDATE runs SET source_changed = 1 WHERE id = ?").bind(run).run()
    }

    /// Marks the run finished when no row is pending; returns whether it is.
    @discardableResult
    public func finishIfDone(run: Int) throws(GuestListError) -> Bool {
        let s = try db.statement("SELECT COUNT(*) FROM rows WHERE run_id = ? AND status = 'pending'").bind(run)
        _ = try s.step()
        guard s.int(0) == 0 else { return false }
        try db.statement("UPDATE runs SET finished_at = COALESCE(finished_at, ?) WHERE id = ?").bind(Timestamp.now(), run).run()
        return true
    }

    /// Puts a run's `failed` (and optionally `conflict`) rows back to `pending` for `retry`.
    public func reopen(run: Int, statuses: [RowStatus]) throws(GuestListError) -> Int {
        try db.transaction { () throws(GuestListError) -> Int in
            var changed = 0
            for status in statuses {
                // A conflict keeps its reason: a reopened conflict is recognised by it, and sent rather than looked
                // up again. A guest already booked outside the run needs nothing: it is not reopened (SPEC §4).
                try db.statement(
                    """
                    UPDATE rows SET status = 'pending', transient_attempts = 0, error = NULL
                    WHERE run_id = ? AND status = ? AND COALESCE(conflict_reason, '') != 'alreadyBooked'
                    """
                ).bind(run, status.rawValue).run()
                changed += Int(sqlite3_changes(db.handle))
            }
            if changed > 0 { try db.statement("UPDATE runs SET finished_at = NULL WHERE id = ?").bind(run).run() }
            return changed
        }
    }

    public func counts(run: Int) throws(GuestListError) -> StatusCounts {
        let s = try db.statement("SELECT status, COUNT(*) FROM rows WHERE run_id = ? GROUP BY status").bind(run)
        var counts = StatusCounts()
        while try s.step() {
            if let status = RowStatus(rawValue: s.string(0)) { counts[status] = s.int(1) }
        }
        return counts
    }

    /// Keys booked through this ledger (rows `created` in any run but `excludingRun`; run ids start at 1, so
    /// the default excludes none), with their uids: for marking a new run's rows `skipped`, and a retried or
    /// resumed run's. Read run by run through the primary key.
    public func bookedKeys(excludingRun: Int = 0) throws(GuestListError) -> [String: String] {
        let s = try db.statement(
            "SELECT r.booking_key, r.booking_uid FROM runs CROSS JOIN rows r ON r.run_id = runs.id AND r.status = 'created' WHERE runs.id != ?"
        ).bind(excludingRun)
        var keys: [String: String] = [:]
        while try s.step() { keys[s.string(0)] = s.string(1) }
        return keys
    }
}

extension Ledger {
    /// The pipeline file that started `run`, as recorded then.
    public func pipelinePath(run: Int) throws(GuestListError) -> String? {
        let s = try db.statement("SELECT pipeline_path FROM runs WHERE id = ?").bind(run)
        return try s.step() ? s.optionalString(0) : nil
    }
}
