import Foundation

/// Renders a run report in the format and with the filters that `guestlist report` was asked for.
///
/// It is the one entry point the CLI needs: it applies the status filter, refuses the source's own columns
/// outside CSV, and hands the rows to the writer of the format. It never prints; it writes to the output it
/// is given (stdout or the `--output` file, the CLI decides), or returns text.
public struct ReportExporter: Sendable {
    /// `--format`.
    public var format: ReportFormat
    /// Only rows with these statuses; nil for all rows.
    public var statuses: Set<RowStatus>?
    /// The source's own columns plus `status` and `error` (CSV only).
    public var original: Bool
    /// A UTF-8 byte order mark before CSV, for Excel.
    public var byteOrderMark: Bool
    /// Guard CSV text cells against formula injection (see `CSVReportWriter`).
    public var escapeFormulas: Bool

    public init(
        format: ReportFormat, statuses: Set<RowStatus>? = nil, original: Bool = false, byteOrderMark: Bool = false,
        escapeFormulas: Bool = true
    ) {
        self.format = format
        self.statuses = statuses
        self.original = original
        self.byteOrderMark = byteOrderMark
        self.escapeFormulas = escapeFormulas
    }

    /// Writes the report to `out`, a row at a time.
    /// - Throws: `GuestListError(.usage, …)` when `original` is asked of a format other than CSV; what
    ///   reading `source` throws.
    public func write(_ source: some ReportSource, to out: BufferedOutput) throws {
        if original && format != .csv {
            throw GuestListError(
                .usage, "A report with the source's own columns can only be written as CSV.",
                hint: "The source's own columns are a spreadsheet layout.")
        }
        switch format {
        case .json: try JSONReportWriter().write(source, statuses: statuses, to: out)
        case .html: try HTMLReportWriter().write(source, statuses: statuses, to: out)
        case .csv:
            let writer = CSVReportWriter(byteOrderMark: byteOrderMark, escapeFormulas: escapeFormulas)
            if original {
                try writer.writeOriginal(source, statuses: statuses, to: out)
            } else {
                try writer.write(source, statuses: statuses, to: out)
            }
        }
        out.flush()
    }

    /// The report as text.
    public func render(_ source: some ReportSource) throws -> String {
        let out = BufferedOutput(collecting: ())
        try write(source, to: out)
        return out.text
    }
}
