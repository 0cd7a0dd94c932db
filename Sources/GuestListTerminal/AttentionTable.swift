import GuestList

/// `guestlist report` at a terminal: the run's counts, then a table of the rows that need attention
/// (every status but `created` and `skipped`), read a row at a time. JSON, CSV and HTML are for files
/// and pipes; this is for a person reading the screen.
public struct AttentionTable {
    static let table = TextTable(columns: [
        .init("status", maxWidth: 9), .init("row", alignment: .right, maxWidth: 7), .init("line", alignment: .right, maxWidth: 7),
        .init("name", maxWidth: 20), .init("email", maxWidth: 30), .init("reason or error", maxWidth: 120),
    ])

    /// Only rows with these statuses (and needing attention); nil for all that need it.
    public var statuses: Set<RowStatus>?

    public init(statuses: Set<RowStatus>? = nil) {
        self.statuses = statuses
    }

    /// Writes the counts and the table to `out`.
    public func write(_ source: some ReportSource, to out: BufferedOutput) throws {
        let run = source.run
        let counts = run.counts
        let shown = RowStatus.allCases.filter { status in
            status != .created && status != .skipped && counts[status] > 0 && statuses.map { $0.contains(status) } ?? true
        }
        let finished = run.finishedAt.map { "finished \($0)" } ?? "not finished"
        out.write("Run \(run.id) of \(run.pipeline) (\(finished)): ")
        out.write(RowStatus.allCases.filter { counts[$0] > 0 }.map { "\($0.rawValue) \(ReportNumber.grouped(counts[$0]))" }
            .joined(separator: ", ") + ", total \(ReportNumber.grouped(counts.total)).\n")
        guard !shown.isEmpty else {
            out.write("No row needs attention.\n")
            return
        }
        out.write("\nRows that need attention:\n" + Self.table.streamedHeader())
        try source.forEachRow(statuses: Set(shown), limit: nil, original: false) { row in
            out.write(Self.table.streamedLine([
                row.status.rawValue, String(row.row), String(row.line), row.name, row.email, row.error ?? "",
            ]))
        }
        out.write("\nAs a file: --format csv (add --original for the source's own columns), json or html.\n")
    }
}
