import Foundation

extension Ledger {
    /// The run's summary, as `report` and `runs` show it.
    public func info(for run: Run) throws(GuestListError) -> RunInfo {
        RunInfo(
            id: String(run.id), pipeline: run.pipeline, source: run.source, startedAt: run.startedAt,
            finishedAt: run.finishedAt, counts: try counts(run: run.id), encoding: run.encoding,
            sourceFault: run.sourceFault, sourceChanged: run.sourceChanged)
    }

    /// Everything a report shows about one run, rows in source order.
    public func report(for run: Run, statuses: Set<RowStatus>? = nil) throws(GuestListError) -> RunReport {
        let s = try db.statement(
            """
            SELECT r.row, r.line, r.status, r.name, r.email, r.started_at, r.time_zone, r.http_status, r.booking_uid,
                   (SELECT COUNT(*) FROM attempts a WHERE a.run_id = r.run_id AND a.row = r.row), r.error, r.warnings, r.original
            FROM rows r WHERE r.run_id = ? ORDER BY r.row
            """
        ).bind(run.id)
        var rows: [ReportRow] = []
        while try s.step() {
            let status = RowStatus(rawValue: s.string(2)) ?? .pending
            if let statuses, !statuses.contains(status) { continue }
            let values = JSONText.decodeStrings(s.string(12))
            let original = zip(run.columns, values).map { (column: $0, value: $1) }
            rows.append(
                ReportRow(
                    row: s.int(0), line: s.int(1), status: status, name: s.string(3), email: s.string(4),
                    startedAt: s.string(5), timeZone: s.string(6), httpStatus: s.optionalInt(7),
                    bookingUid: s.optionalString(8), attempts: s.int(9), error: s.optionalString(10),
                    warnings: s.optionalString(11).map(JSONText.decodeStrings) ?? [], original: original))
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
        return RunReport(run: try info(for: run), rows: rows, attempts: attempts)
    }
}
