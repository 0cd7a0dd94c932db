import CSQLite
import Foundation

/// The ledger as the loader sees it (`LoadLedger`): pending rows a page at a time, attempts recorded as started
/// before their requests leave, and outcomes in group commits. This is the boundary where the ledger's text
/// turns into the loader's types (`BookingKey`, `AttemptCode`, `ConflictReason`).
extension Ledger: LoadLedger {
    /// The code of a row's latest attempt, an open attempt counting as uncertain (its process died, or its
    /// request is still out).
    private static let latestAttempt = """
        (SELECT CASE WHEN a.finished_at IS NULL THEN 'uncertain' ELSE a.outcome END
           FROM attempts a WHERE a.run_id = r.run_id AND a.row = r.row ORDER BY a.id DESC LIMIT 1)
        """

    /// Rows of `run` still `pending` after row number `after`, in source order, at most `limit`.
    ///
    /// A row whose latest attempt is uncertain must be reconciled before it is sent. A row whose latest attempt
    /// was answered 409 and that has no conflict reason yet is waiting for the lookup that explains it (the
    /// process stopped first): it is looked up, not sent. A conflict reopened by `retry --conflicts` keeps its
    /// reason until it settles again, and is sent.
    public func pendingRows(run: Int, after: Int, limit: Int) throws(GuestListError) -> [PendingRow] {
        let s = try db.statement(
            """
            SELECT r.row, r.booking_key, r.payload, r.transient_attempts, r.was_uncertain, r.conflict_reason IS NULL, r.error,
                   \(Self.latestAttempt)
            FROM rows r WHERE r.run_id = ? AND r.status = 'pending' AND r.row > ? ORDER BY r.row LIMIT ?
            """
        ).bind(run, after, limit)
        var rows: [PendingRow] = []
        while try s.step() {
            let latest = s.optionalString(7)
            let conflictPending = latest == AttemptCode.conflict.rawValue && s.int(5) != 0
            rows.append(
                PendingRow(
                    row: s.int(0), key: BookingKey(ledgerText: s.string(1)) ?? BookingKey(eventTypeId: "", email: "", startedAt: ""),
                    payload: s.string(2), transientAttempts: s.int(3), uncertain: latest == AttemptCode.uncertain.rawValue,
                    wasUncertain: s.int(4) != 0, conflictPending: conflictPending, note: conflictPending ? s.optionalString(6) : nil))
        }
        return rows
    }

    /// Unfinished runs with pending rows whose requests may have reached the API (their latest attempt is
    /// uncertain, or was still open when its process died): `(run, rows)`, oldest first. Nobody has
    /// reconciled those rows yet, so no new run may start (SPEC §4).
    public func runsWithUncertainRows() throws(GuestListError) -> [(run: Int, rows: Int)] {
        let s = try db.statement(
            """
            SELECT r.run_id, COUNT(*) FROM runs CROSS JOIN rows r ON r.run_id = runs.id AND r.status = 'pending'
            WHERE runs.finished_at IS NULL AND runs.recorded = 1 AND \(Self.latestAttempt) = 'uncertain'
            GROUP BY r.run_id ORDER BY r.run_id
            """)
        var runs: [(run: Int, rows: Int)] = []
        while try s.step() { runs.append((s.int(0), s.int(1))) }
        return runs
    }

    /// Every pending row of `run`, in source order (for tests and small runs; the loader pages).
    public func pendingRows(run: Int) throws(GuestListError) -> [PendingRow] {
        try pendingRows(run: run, after: 0, limit: Int.max)
    }

    /// The distinct event types of `run`'s pending rows, for the pre-flight check of a resumed run.
    public func pendingEventTypeIDs(run: Int) throws(GuestListError) -> [String] {
        let s = try db.statement(
            "SELECT DISTINCT substr(booking_key, 1, instr(booking_key, '|') - 1) FROM rows WHERE run_id = ? AND status = 'pending' AND booking_key IS NOT NULL"
        ).bind(run)
        var ids: [String] = []
        while try s.step() { ids.append(s.string(0)) }
        return ids
    }

    public func skipKeysBookedElsewhere(run: Int, at time: Double) throws(GuestListError) -> Int {
        try db.transaction { () throws(GuestListError) -> Int in
            try db.statement(
                """
                UPDATE rows AS r SET status = 'skipped', booking_uid = booked.uid, http_status = NULL, error = NULL, conflict_reason = NULL
                FROM (SELECT o.booking_key AS key, MAX(o.booking_uid) AS uid FROM rows o
                      WHERE o.run_id != ?1 AND o.status = 'created' GROUP BY o.booking_key) AS booked
                WHERE r.run_id = ?1 AND r.status = 'pending' AND r.booking_key = booked.key
                  AND COALESCE(\(Self.latestAttempt), '') != 'uncertain'
                """
            ).bind(run).run()
            return Int(sqlite3_changes(db.handle))
        }
    }

    /// Records that attempts are about to start, and commits, before any of their requests leave: this is what
    /// lets a crash be told apart from "never sent".
    public func beginAttempts(run: Int, rows: [Int], at time: Double) throws(GuestListError) -> [Int64] {
        try commit(run: run, results: [], starting: rows, at: time)
    }

    /// Records finished attempts and settled rows in one transaction.
    public func record(run: Int, results: [AttemptResult]) throws(GuestListError) {
        guard !results.isEmpty else { return }
        _ = try commit(run: run, results: results, starting: [], at: 0)
    }

    public func commit(run: Int, results: [AttemptResult], starting rows: [Int], at time: Double) throws(GuestListError) -> [Int64] {
        guard !results.isEmpty || !rows.isEmpty else { return [] }
        return try db.transaction { () throws(GuestListError) -> [Int64] in
            try write(run: run, results: results)
            let s = try db.statement("INSERT INTO attempts (run_id, row, started_at) VALUES (?, ?, ?)")
            var ids: [Int64] = []
            ids.reserveCapacity(rows.count)
            for row in rows {
                s.rewind()
                try s.bind(run, row, time).run()
                ids.append(db.lastInsertRowID)
            }
            return ids
        }
    }

    private func write(run: Int, results: [AttemptResult]) throws(GuestListError) {
        guard !results.isEmpty else { return }
        let attempt = try db.statement(
            "UPDATE attempts SET finished_at = ?, http_status = ?, latency_ms = ?, error = ?, outcome = ? WHERE id = ?")
        let settle = try db.statement(
            "UPDATE rows SET status = ?, http_status = ?, booking_uid = ?, error = ?, conflict_reason = ? WHERE run_id = ? AND row = ?")
        // A row that stays pending has no conflict reason: a 409 waiting for its lookup is told by that.
        let stay = try db.statement(
            "UPDATE rows SET http_status = COALESCE(?, http_status), error = ?, transient_attempts = transient_attempts + ?, was_uncertain = (was_uncertain OR ?), conflict_reason = NULL WHERE run_id = ? AND row = ?")
        for r in results {
            if r.attemptID > 0 {
                attempt.rewind()
                try attempt.bind(r.finishedAt, r.httpStatus, r.latencyMilliseconds, r.error, r.outcome.rawValue, Int(r.attemptID)).run()
            }
            if let status = r.status {
                settle.rewind()
                try settle.bind(status.rawValue, r.httpStatus, r.bookingUid, r.error, r.conflictReason?.rawValue, run, r.row).run()
            } else {
                stay.rewind()
                try stay.bind(r.httpStatus, r.error, r.transient ? 1 : 0, r.uncertain, run, r.row).run()
            }
        }
    }

    /// Deletes attempts recorded as started whose requests never left (the loader primed them and the run
    /// stopped first); an attempt that has finished is kept.
    public func abandonAttempts(_ ids: [Int64]) throws(GuestListError) {
        guard !ids.isEmpty else { return }
        try db.transaction { () throws(GuestListError) in
            let s = try db.statement("DELETE FROM attempts WHERE id = ? AND finished_at IS NULL")
            for id in ids {
                s.reset()
                try s.bind(Int(id)).run()
            }
        }
    }

    /// Closes attempts left open by a process that died, so they are not mistaken for live ones later, and
    /// marks where this session's attempts begin.
    ///
    /// Every session of a run starts here, so an attempt still open can only belong to the run's latest session:
    /// the search starts at `open_attempts_from` (ids only grow within a session; the primed attempts a session
    /// deletes are its own) instead of going through an index that every commit would rewrite. `+run_id` keeps
    /// SQLite on that id range rather than on all of the run's attempts in `attempts_by_row`.
    public func closeOrphanedAttempts(run: Int) throws(GuestListError) {
        try db.transaction { () throws(GuestListError) in
            let from = try db.statement("SELECT open_attempts_from FROM runs WHERE id = ?").bind(run)
            let first = try from.step() ? from.int(0) : 0
            from.reset()
            try db.statement(
                "UPDATE attempts SET finished_at = started_at, outcome = 'uncertain', error = 'the process stopped while this request was in flight' WHERE id >= ? AND +run_id = ? AND finished_at IS NULL"
            ).bind(first, run).run()
            try db.statement(
                "UPDATE rows SET was_uncertain = 1 WHERE run_id = ? AND status = 'pending' AND row IN (SELECT row FROM attempts WHERE id >= ? AND +run_id = ? AND outcome = 'uncertain')"
            ).bind(run, first, run).run()
            try db.statement("UPDATE runs SET open_attempts_from = (SELECT COALESCE(MAX(id), 0) + 1 FROM attempts) WHERE id = ?")
                .bind(run).run()
        }
    }

    /// Durability without the coordinator waiting for the disk. `synchronous = FULL` syncs the WAL inside every
    /// commit, on the loader's serial path, where each sync (0.5–1 ms here, far more on a busy disk) holds up every
    /// answer behind it. During a load, commits run with `NORMAL` (written to the WAL, not synced) and the loader
    /// syncs the WAL with `WALSync` on a thread of its own after each commit that starts attempts, releasing those
    /// attempts' requests only when the sync is done. So an attempt is on disk before its request leaves, as with
    /// `FULL`; an outcome is on disk within one sync of its commit, and the last ones when the load ends. A power
    /// loss can take back only commits whose attempts never left and whose outcomes are then found again by
    /// reconciliation — what `FULL` would lose in the same instant.
    public func deferSyncs() throws(GuestListError) -> WALSync? {
        guard let sync = WALSync(walPath: url.path + "-wal") else { return nil }
        try db.execute("PRAGMA synchronous = NORMAL")
        return sync
    }

    public func restoreSyncs() throws(GuestListError) {
        try db.execute("PRAGMA synchronous = FULL")
    }

    /// The conflict reasons of `run`'s rows that have one, by row number.
    public func conflictReasons(run: Int) throws(GuestListError) -> [Int: ConflictReason] {
        let s = try db.statement("SELECT row, conflict_reason FROM rows WHERE run_id = ? AND conflict_reason IS NOT NULL").bind(run)
        var reasons: [Int: ConflictReason] = [:]
        while try s.step() { reasons[s.int(0)] = ConflictReason(rawValue: s.string(1)) ?? .unknown }
        return reasons
    }
}

extension BookingKey {
    /// Parses the ledger's text form (`eventTypeId|email|startedAt`). An email may hold `|`; the event type id
    /// and the instant cannot.
    public init?(ledgerText: String) {
        let parts = ledgerText.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        self.init(
            eventTypeId: String(parts[0]), email: parts[1..<(parts.count - 1)].joined(separator: "|"),
            startedAt: String(parts[parts.count - 1]))
    }
}
