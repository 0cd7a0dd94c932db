/// What a report is written from: a run's facts, and its rows in source order read one at a time, so a
/// report of a million rows holds one row. The ledger is the real source (`Ledger.reportSource(for:)`);
/// `RunReport`, a small report held in memory, is one too.
public protocol ReportSource {
    /// The run: ids, times, counts.
    var run: RunInfo { get }
    /// The source's own column names, in order, for the `--original` layout.
    var sourceColumns: [String] { get }
    /// Calls `body` with each row in source order: only those whose status is in `statuses` (every row
    /// when nil), at most `limit` of them. `original` asks for the source's own values too.
    func forEachRow(statuses: Set<RowStatus>?, limit: Int?, original: Bool, _ body: (ReportRow) throws -> Void) throws
    /// The run's attempts, counted for the attempts-over-time chart.
    func attemptHistogram() throws -> AttemptHistogram
}

extension RunReport: ReportSource {
    /// The first row's columns in its order, then any column that only later rows have (XML records
    /// may lack a field).
    public var sourceColumns: [String] {
        var columns = rows.first?.original.map(\.column) ?? []
        var known = Set(columns)
        for row in rows.dropFirst() {
            for (column, _) in row.original where known.insert(column).inserted { columns.append(column) }
        }
        return columns
    }

    public func forEachRow(statuses: Set<RowStatus>?, limit: Int?, original: Bool, _ body: (ReportRow) throws -> Void) throws {
        var left = limit ?? .max
        for row in rows where left > 0 && statuses.map({ $0.contains(row.status) }) ?? true {
            left -= 1
            try body(row)
        }
    }

    public func attemptHistogram() throws -> AttemptHistogram {
        guard let first = attempts.map(\.startedAt).min(), let last = attempts.map(\.startedAt).max() else {
            return AttemptHistogram(first: 0, span: 0, rows: 0)
        }
        var histogram = AttemptHistogram(first: first, span: last - first, rows: Set(attempts.map(\.row)).count)
        for attempt in attempts { histogram.add(startedAt: attempt.startedAt, httpStatus: attempt.httpStatus) }
        return histogram
    }
}
