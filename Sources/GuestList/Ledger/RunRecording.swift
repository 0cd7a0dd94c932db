import Foundation

/// The record stage of a new run (SPEC §4): every row of the source is written to the ledger before the
/// first request, a batch per transaction, and the run becomes sendable only in the commit that ends the
/// recording. Until then the run is marked as recording; a run stopped or killed meanwhile is never
/// resumed or sent, and the next `run` discards it and records the source afresh (`Ledger.discardUnfinishedRecordings`).
///
/// Duplicates within the source and keys that other runs already booked are found when the recording
/// ends, by `KeyMerge` over the rows' key digests (kept in a temporary table as they are written) and the
/// digests of the created rows of other runs: no key is held in memory.
public final class RunRecording: RowSink {
    let ledger: Ledger
    let pipeline: String
    let pipelinePath: String
    let source: String
    /// Assigned with the first batch: a source that never yields a record leaves no run behind.
    public private(set) var runID: Int?

    init(ledger: Ledger, pipeline: String, pipelinePath: String, source: String) {
        self.ledger = ledger
        self.pipeline = pipeline
        self.pipelinePath = pipelinePath
        self.source = source
    }

    private var db: SQLiteDatabase { ledger.db }

    /// Writes one batch in one transaction. Commits here are not synced to disk one by one: losing the
    /// last of them to a power cut loses nothing, since the run is still marked as recording and is
    /// recorded afresh; the commit that ends the recording is synced.
    public func record(_ rows: [CheckedRow]) throws(GuestListError) {
        guard !rows.isEmpty else { return }
        try db.unsynced { () throws(GuestListError) in
            try db.transaction { () throws(GuestListError) in try write(rows) }
        }
    }

    private func write(_ rows: [CheckedRow]) throws(GuestListError) {
        let run = try currentRun()
        let insert = try db.statement(
            """
            INSERT INTO rows (run_id, row, line, status, booking_key, key_hash, payload, name, email, started_at,
                              time_zone, original, error, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let key = try db.statement("INSERT INTO temp.recording_keys (row, key_hash) VALUES (?, ?)")
        for r in rows {
            let keyText = r.booking?.key.description
            let digest = keyText.map(KeyDigest.of)
            insert.rewind()
            try insert.bind(
                run, r.row, r.line, (r.booking == nil ? RowStatus.invalid : .pending).rawValue, keyText, digest,
                r.booking?.payload, r.name, r.email, r.startedAt, r.timeZone, JSONText.encode(r.original), r.errorText,
                r.warnings.isEmpty ? nil : JSONText.encode(r.warnings.map { "\($0.field): \($0.message)" })
            ).run()
            if let digest {
                key.rewind()
                try key.bind(r.row, digest).run()
            }
        }
    }

    private func currentRun() throws(GuestListError) -> Int {
        if let runID { return runID }
        return try createRun()
    }

    private func createRun() throws(GuestListError) -> Int {
        try db.statement(
            """
            INSERT INTO runs (pipeline, pipeline_path, source, source_hash, columns, started_at, recorded)
            VALUES (?, ?, ?, '', '[]', ?, 0)
            """
        ).bind(pipeline, pipelinePath, source, Timestamp.now()).run()
        let id = Int(db.lastInsertRowID)
        runID = id
        return id
    }

    /// Ends the recording: marks duplicates and keys other runs booked, stores what the source said about
    /// itself, and makes the run sendable, in one synced commit.
    /// - Returns: the run's id.
    public func finish(summary: SourceSummary, sourceHash: String) throws(GuestListError) -> Int {
        let run = try db.transaction { () throws(GuestListError) -> Int in
            let run = try currentRun()
            try markDuplicatesAndBooked(run: run)
            try db.statement(
                "UPDATE runs SET source_hash = ?, encoding = ?, columns = ?, source_fault = ?, recorded = 1 WHERE id = ?"
            ).bind(sourceHash, summary.encoding, JSONText.encode(summary.columns), summary.sourceFault?.description, run).run()
            _ = try ledger.finishIfDone(run: run)
            try db.execute("DELETE FROM temp.recording_keys")
            return run
        }
        ledger.checkpointInBackground()
        return run
    }

    private func markDuplicatesAndBooked(run: Int) throws(GuestListError) {
        let entries = try db.statement("SELECT key_hash, row FROM temp.recording_keys ORDER BY key_hash, row")
        let booked = try ledger.createdKeysOfOtherRuns(than: run)
        let keyOf = try db.statement("SELECT booking_key, line FROM rows WHERE run_id = ? AND row = ?")
        let duplicate = try db.statement("UPDATE rows SET status = 'duplicate', error = ? WHERE run_id = ? AND row = ?")
        let skipped = try db.statement("UPDATE rows SET status = 'skipped', booking_uid = ? WHERE run_id = ? AND row = ?")
        defer {
            entries.reset()
            booked?.reset()
        }
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
                guard try keyOf.bind(run, row).step() else { throw db.fail("find row \(row)") }
                return (keyOf.string(0), keyOf.int(1))
            },
            verdict: { (verdict: KeyMerge.Verdict) throws(GuestListError) in
                switch verdict {
                case .duplicate(let row, let first, let line):
                    duplicate.rewind()
                    try duplicate.bind(KeyMerge.duplicateMessage(of: first, line: line), run, row).run()
                case .skipped(let row, let uid):
                    skipped.rewind()
                    try skipped.bind(uid, run, row).run()
                }
            })
    }
}

extension Ledger {
    /// Starts recording a new run; see `RunRecording`.
    public func beginRecording(pipeline: String, pipelinePath: String, source: String) throws(GuestListError) -> RunRecording {
        try db.execute("CREATE TEMP TABLE IF NOT EXISTS recording_keys (row INTEGER PRIMARY KEY, key_hash INTEGER NOT NULL)")
        try db.execute("DELETE FROM temp.recording_keys")
        // Rows go to the WAL only while they are recorded; copying them into the database file (a checkpoint,
        // every page written a second time) happens once the recording ends, off the path to the first request.
        try db.execute("PRAGMA wal_autocheckpoint = 0")
        return RunRecording(ledger: self, pipeline: pipeline, pipelinePath: pipelinePath, source: source)
    }

    /// Removes runs whose recording never ended (the process was stopped or killed while it read the
    /// source), with their rows: nothing of them was sent, and the next run records the source afresh.
    /// - Returns: how many were removed.
    @discardableResult
    public func discardUnfinishedRecordings() throws(GuestListError) -> Int {
        try db.transaction { () throws(GuestListError) -> Int in
            let s = try db.statement("SELECT id FROM runs WHERE recorded = 0")
            var ids: [Int] = []
            while try s.step() { ids.append(s.int(0)) }
            s.reset()
            for id in ids {
                try db.statement("DELETE FROM attempts WHERE run_id = ?").bind(id).run()
                try db.statement("DELETE FROM rows WHERE run_id = ?").bind(id).run()
                try db.statement("DELETE FROM runs WHERE id = ?").bind(id).run()
            }
            try db.execute("PRAGMA wal_autocheckpoint = \(Self.autocheckpointPages)")
            return ids.count
        }
    }

    /// The keys created by every recorded run but `run`, in digest order, with their uids; nil when there
    /// are none (the common first run), so the merge needs no second pass. Read run by run through
    /// `rows_by_status` rather than by scanning every row of the ledger.
    func createdKeysOfOtherRuns(than run: Int) throws(GuestListError) -> Statement? {
        let exists = try db.statement(
            "SELECT EXISTS (SELECT 1 FROM runs CROSS JOIN rows r ON r.run_id = runs.id AND r.status = 'created' WHERE runs.id != ? AND runs.recorded = 1)"
        ).bind(run)
        defer { exists.reset() }
        guard try exists.step(), exists.int(0) != 0 else { return nil }
        return try db.statement(
            """
            SELECT r.key_hash, r.booking_key, r.booking_uid FROM runs CROSS JOIN rows r ON r.run_id = runs.id AND r.status = 'created'
            WHERE runs.id != ? AND runs.recorded = 1 AND r.key_hash IS NOT NULL ORDER BY r.key_hash
            """
        ).bind(run)
    }
}
