import Foundation

/// Renders a run report in the format and with the filters that `guestlist report` was asked for.
///
/// It is the one entry point the CLI needs: it applies the status filter, refuses the source's own columns outside CSV,
/// and hands the rows to the writer of the format. It never prints; it returns bytes or writes them
/// to the handle it is given (stdout or the `--output` file, the CLI decides).
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

    /// The report as text.
    /// - Throws: `GuestListError(.usage, …)` when `original` is asked of a format other than CSV.
    public func render(_ report: RunReport) throws -> String {
        let report = report.filtered(to: statuses)
        if original && format != .csv {
            throw GuestListError(
                .usage, "A report with the source's own columns can only be written as CSV.",
                hint: "The source's own columns are a spreadsheet layout.")
        }
        switch format {
        case .json: return JSONReportWriter().render(report)
        case .html: return HTMLReportWriter().render(report)
        case .csv:
            let writer = CSVReportWriter(byteOrderMark: byteOrderMark, escapeFormulas: escapeFormulas)
            return original ? writer.renderOriginal(report) : writer.render(report)
        }
    }

    /// The report as UTF-8 bytes.
    public func data(_ report: RunReport) throws -> Data {
        Data(try render(report).utf8)
    }

    /// Writes the report to `handle` (stdout, or a file the caller opened).
    public func write(_ report: RunReport, to handle: FileHandle) throws {
        try handle.write(contentsOf: data(report))
    }
}
