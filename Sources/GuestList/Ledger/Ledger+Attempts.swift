import Foundation

/// A row waiting to be sent, as the loader needs it.
public struct PendingRow: Sendable, Equatable {
    public var row: Int
    public var key: String
    public var payload: String
    public var transientAttempts: Int
    /// True when an earlier attempt may have reached the API without its answer arriving: the row must be
    /// reconciled through the read endpoints before it is sent again.
    public var uncertain: Bool
    public var wasUncertain: Bool
}

/// What became of one attempt (and, when final, of its row).
public struct AttemptResult: Sendable, Equatable {
    public var attemptID: Int64
    public var row: Int
    public var finishedAt: Double
    public var httpStatus: Int?
    public var latencyMilliseconds: Double?
    public var error: String?
    /// The row's new status when this attempt settled it; nil when the row stays pending.
    public var status: RowStatus?
    public var bookingUid: String?
    /// Counts against `limits.maxAttempts` (a 429 does not).
    public var transient: Bool
    /// The answer never came although the request may have reached the API.
    public var uncertain: Bool
}

extension Ledger {
    /// Rows of `run` still `pending`, in source order. A row with an attempt that started and never finished
    /// (the process died while it was in flight) or that ended without an answer is uncertain.
    public func pendingRows(run: Int) throws(GuestListError) -> [PendingRow] {
        let s = try db.statement(
            """
            SELECT r.row, r.booking_key, r.payload, r.transient_attempts, r.was_uncertain,
                   (SELECT a.http_status IS NULL AND (a.finished_at IS NULL OR a.error LIKE 'uncertain:%')
                      FROM attempts a WHERE a.run_id = r.run_id AND a.row = r.row ORDER BY a.id DESC LIMIT 1)
            FROM rows r WHERE r.run_id = ? AND r.status = 'pending' ORDER BY r.row
            """
        ).bind(run)
        var rows: [PendingRow] = []
        while try s.step() {
            rows.append(
                PendingRow(
                    row: s.int(0), key: s.string(1), payload: s.string(2), transientAttempts: s.int(3),
                    uncertain: s.int(5) != 0, wasUncertain: s.int(4) != 0))
        }
        return rows
    }

    /// Records that attempts are about to start, and commits, before any of their requests leave:
    /// this is what lets a crash be told apart from "never sent".
    public func beginAttempts(run: Int, rows: [Int], at time: Double) throws(GuestListError) -> [Int64] {
        try commit(run: run, results: [], starting: rows, at: time)
    }

    /// Records finished attempts and settled rows in one transaction (group commit).
    public func record(run: Int, results: [AttemptResult]) throws(GuestListError) {
        guard !results.isEmpty else { return }
        _ = try commit(run: run, results: results, starting: [], at: 0)
    }

    /// One group commit of the loader: the outcomes that came back since the last one, and the attempts
    /// about to start. It returns only after the commit, so the new attempts are durable before their
    /// requests leave.
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
            "UPDATE attempts SET finished_at = ?, http_status = ?, latency_ms = ?, error = ? WHERE id = ?")
        let settle = try db.statement(
            "UPDATE rows SET status = ?, http_status = ?, booking_uid = ?, error = ? WHERE run_id = ? AND row = ?")
        let stay = try db.statement(
            "UPDATE rows SET http_status = COALESCE(?, http_status), error = ?, transient_attempts = transient_attempts + ?, was_uncertain = (was_uncertain OR ?) WHERE run_id = ? AND row = ?")
        for r in results {
            if r.attemptID > 0 {
                attempt.rewind()
                let error = r.uncertain ? "uncertain: \(r.error ?? "no answer")" : r.error
                try attempt.bind(r.finishedAt, r.httpStatus, r.latencyMilliseconds, error, Int(r.attemptID)).run()
            }
            if let status = r.status {
                settle.rewind()
                try settle.bind(status.rawValue, r.httpStatus, r.bookingUid, r.error, run, r.row).run()
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
                "UPDATE attempts SET finished_at = started_at, error = 'uncertain: the process stopped while this request was in flight' WHERE id >= ? AND +run_id = ? AND finished_at IS NULL"
            ).bind(first, run).run()
            try db.statement(
                "UPDATE rows SET was_uncertain = 1 WHERE run_id = ? AND status = 'pending' AND row IN (SELECT row FROM attempts WHERE id >= ? AND +run_id = ? AND error LIKE 'uncertain:%')"
            ).bind(run, first, run).run()
            try db.statement("UPDATE runs SET open_attempts_from = (SELECT COALESCE(MAX(id), 0) + 1 FROM attempts) WHERE id = ?")
                .bind(run).run()
        }
    }
}
