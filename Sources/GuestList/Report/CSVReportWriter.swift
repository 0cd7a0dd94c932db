/// Writes a run report as CSV: the SPEC §5 columns, or with `original` the source's own columns.
///
/// Output follows RFC 4180 (CRLF line ends, fields quoted when they hold a comma, a quote or a line
/// break) because that is what Excel and Numbers read without a wizard. Text cells are guarded
/// against formula injection (see `CSVField.guarded`), since organisers open these files in a
/// spreadsheet and guest names come from strangers.
public struct CSVReportWriter: Sendable {
    /// The header of the standard layout; SPEC §5 fixes it.
    public static let columns = [
        "row", "line", "status", "name", "email", "startedAt", "timeZone", "httpStatus", "bookingUid", "attempts",
        "error",
    ]

    /// Start with a UTF-8 byte order mark, so Excel reads Japanese names as UTF-8 rather than CP932.
    public var byteOrderMark: Bool
    /// Prefix `'` to text cells a spreadsheet would run as a formula. On by default; turn off only for
    /// a file that a program rather than a person will read.
    public var escapeFormulas: Bool

    public init(byteOrderMark: Bool = false, escapeFormulas: Bool = true) {
        self.byteOrderMark = byteOrderMark
        self.escapeFormulas = escapeFormulas
    }

    /// The standard layout as text: the header, then one line per row.
    public func render(_ source: some ReportSource, statuses: Set<RowStatus>? = nil) throws -> String {
        let out = BufferedOutput(collecting: ())
        try write(source, statuses: statuses, to: out)
        return out.text
    }

    /// The `--original` layout as text.
    public func renderOriginal(_ source: some ReportSource, statuses: Set<RowStatus>? = nil) throws -> String {
        let out = BufferedOutput(collecting: ())
        try writeOriginal(source, statuses: statuses, to: out)
        return out.text
    }

    /// The standard layout, a row at a time: the header, then one line per row.
    public func write(_ source: some ReportSource, statuses: Set<RowStatus>?, to out: BufferedOutput) throws {
        if byteOrderMark { out.write("\u{FEFF}") }
        out.write(Self.columns.joined(separator: ",") + "\r\n")
        try source.forEachRow(statuses: statuses, limit: nil, original: false) { row in
            out.write(decimal: row.row)
            out.write(",")
            out.write(decimal: row.line)
            out.write(",")
            out.write(row.status.rawValue)
            for value in [row.name, row.email, row.startedAt, row.timeZone] {
                out.write(",")
                cell(value, to: out)
            }
            out.write(",")
            if let status = row.httpStatus { out.write(decimal: status) }
            out.write(",")
            cell(row.bookingUid ?? "", to: out)
            out.write(",")
            out.write(decimal: row.attempts)
            out.write(",")
            cell(row.error ?? "", to: out)
            out.write("\r\n")
        }
    }

    /// The `--original` layout, a row at a time: the source's columns, then `status` and `error`, rows
    /// in source order.
    ///
    /// A row whose columns are exactly the source's is written by position, so a source with two columns
    /// of the same name round-trips; otherwise values are looked up by name. If the source itself has a
    /// `status` or `error` column, the added ones are named `guestlist status` and `guestlist error` so
    /// that re-reading the file stays unambiguous.
    public func writeOriginal(_ source: some ReportSource, statuses: Set<RowStatus>?, to out: BufferedOutput) throws {
        let sourceColumns = source.sourceColumns
        let statusName = sourceColumns.contains("status") ? "guestlist status" : "status"
        let errorName = sourceColumns.contains("error") ? "guestlist error" : "error"
        if byteOrderMark { out.write("\u{FEFF}") }
        out.write((sourceColumns + [statusName, errorName]).map(CSVField.quoted).joined(separator: ",") + "\r\n")
        try source.forEachRow(statuses: statuses, limit: nil, original: true) { row in
            var values: [String]
            if row.original.count == sourceColumns.count, row.original.map(\.column) == sourceColumns {
                values = row.original.map(\.value)
            } else {
                values = sourceColumns.map { column in row.original.first { $0.column == column }?.value ?? "" }
            }
            for value in values {
                cell(value, to: out)
                out.write(",")
            }
            out.write(row.status.rawValue)
            out.write(",")
            cell(row.error ?? "", to: out)
            out.write("\r\n")
        }
    }

    /// One text cell, guarded against formulas when asked and quoted when it must be. The common cell
    /// needs neither and is copied as it is.
    private func cell(_ value: String, to out: BufferedOutput) {
        if escapeFormulas, SpreadsheetGuard.mightNeedGuard(value) {
            out.writeCSV(CSVField.guarded(value))
        } else {
            out.writeCSV(value)
        }
    }
}
