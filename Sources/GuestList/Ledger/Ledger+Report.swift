import Foundation

extension Ledger {
    /// The run's summary, as `report` and `runs` show it.
    public func info(for run: Run) throws(GuestListError) -> RunInfo {
        let reasons = try db.statement(
            "SELECT conflict_reason, COUNT(*) FROM rows WHERE run_id = ? AND status = 'conflict' GROUP BY conflict_reason"
        ).bind(run.id)
        var conflicts = ConflictCounts()
        while try reasons.step() { conflicts[reasons.optionalString(0).flatMap(ConflictReason.init) ?? .unknown] += reasons.int(1) }
        return RunInfo(
            id: String(run.id), pipeline: run.pipeline, source: run.source, startedAt: run.startedAt,
            finishedAt: run.finishedAt, counts: try counts(run: run.id), encoding: run.encoding,
            sourceFault: run.sourceFault, sourceChanged: run.sourceChanged, conflictReasons: conflicts,
            settledRate: run.settledRate)
    }

    /// A report of `run` read from the ledger a row at a time (see `ReportSource`).
    public func reportSource(for run: Run) throws(GuestListError) -> LedgerReportSource {
        LedgerReportSource(ledger: self, id: run.id, run: try info(for: run), sourceColumns: run.columns)
    }

    /// Everything a report shows about one run, held in memory: for small runs and tests.
    public func report(for run: Run, statuses: Set<RowStatus>? = nil) throws(GuestListError) -> RunReport {
        let source = try reportSource(for: run)
        var rows: [ReportRow] = []
        do {
            try source.forEachRow(statuses: statuses, limit: nil, original: true) { rows.append($0) }
        } catch {
            throw error as? GuestListError ?? GuestListError(.ledger, "The ledger \(url.path) could not be read: \(error).")
        }
        let a = try db.statement(
            "SELECT row, started_at, finished_at, http_status, error FROM attempts WHERE run_id = ? ORDER BY id"
        ).bind(run.id)
        var attempts: [AttemptRecord] = []
        while try a.step() {
            attempts.append(
                AttemptRecord(
                    row: a.int(0), startedAt: a.double(1), finishedAt: a.optionalDouble(2), httpStatus: a.optionalInt(3),
                    error: a.optionalString(4)))
        }
        return RunReport(run: source.run, rows: rows, attempts: attempts)
    }
}

/// A run's report read from its ledger: rows in source order from one cursor, with each row's attempt
/// count merged in from a second one ordered the same way, so neither the rows nor the attempts are held.
public struct LedgerReportSource: ReportSource {
    let ledger: Ledger
    let id: Int
    public let run: RunInfo
    public let sourceColumns: [String]

    public func forEachRow(statuses: Set<RowStatus>?, limit: Int?, original: Bool, _ body: (ReportRow) throws -> Void) throws {
        let db = ledger.db
        // `+status` keeps SQLite on the primary key (source order) rather than the status index plus a sort.
        var sql = """
            SELECT row, line, status, name, email, started_at, time_zone, http_status, booking_uid, error, warnings, conflict_reason\(original ? ", original" : "")
            FROM rows WHERE run_id = ?
            """
        if let statuses { sql += " AND +status IN (\(statuses.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")))" }
        sql += " ORDER BY row"
        if let limit { sql += " LIMIT \(limit)" }
        let s = try db.statement(sql).bind(id)
        let a = try db.statement("SELECT row, COUNT(*) FROM attempts WHERE run_id = ? GROUP BY row ORDER BY row").bind(id)
        defer {
            s.reset()
            a.reset()
        }
        var attempted: (row: Int, count: Int)? = try a.step() ? (a.int(0), a.int(1)) : nil
        while try s.step() {
            let row = s.int(0)
            while let current = attempted, current.row < row { attempted = try a.step() ? (a.int(0), a.int(1)) : nil }
            let attempts = attempted.map { $0.row == row ? $0.count : 0 } ?? 0
            var values: [(column: String, value: String)] = []
            if original {
                values = zip(sourceColumns, JSONText.decodeStrings(s.string(12))).map { (column: $0, value: $1) }
            }
            try body(
                ReportRow(
                    row: row, line: s.int(1), status: RowStatus(rawValue: s.string(2)) ?? .pending, name: s.string(3),
                    email: s.string(4), startedAt: s.string(5), timeZone: s.string(6), httpStatus: s.optionalInt(7),
                    bookingUid: s.optionalString(8), attempts: attempts, error: s.optionalString(9),
                    conflictReason: s.optionalString(11).flatMap(ConflictReason.init),
                    warnings: s.optionalString(10).map(JSONText.decodeStrings) ?? [], original: values))
        }
    }

    public func attemptHistogram() throws -> AttemptHistogram {
        let db = ledger.db
        let range = try db.statement("SELECT MIN(started_at), MAX(started_at), COUNT(DISTINCT row) FROM attempts WHERE run_id = ?").bind(id)
        defer { range.reset() }
        guard try range.step(), !range.isNull(0) else { return AttemptHistogram(first: 0, span: 0, rows: 0) }
        var histogram = AttemptHistogram(first: range.double(0), span: range.double(1) - range.double(0), rows: range.int(2))
        let s = try db.statement("SELECT started_at, http_status FROM attempts WHERE run_id = ?").bind(id)
        defer { s.reset() }
        while try s.step() { histogram.add(startedAt: s.double(0), httpStatus: s.optionalInt(1)) }
        return histogram
    }
}
