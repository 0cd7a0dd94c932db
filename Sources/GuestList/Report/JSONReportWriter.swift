/// Writes a run report as the JSON of SPEC §5.
///
/// The JSON is written by hand rather than with `JSONEncoder` because the contract fixes the key
/// order and wants `null` written, not omitted; `JSONEncoder` guarantees neither. The layout puts the
/// run on its first lines and one row per line, so a report diffs and greps well and stays valid JSON.
public struct JSONReportWriter: Sendable {
    public init() {}

    /// The whole document, ending in a newline.
    public func render(_ source: some ReportSource, statuses: Set<RowStatus>? = nil) throws -> String {
        let out = BufferedOutput(collecting: ())
        try write(source, statuses: statuses, to: out)
        return out.text
    }

    /// Writes the document to `out` a row at a time: the run on the first lines, then one row per line.
    public func write(_ source: some ReportSource, statuses: Set<RowStatus>?, to out: BufferedOutput) throws {
        let run = source.run
        var head = "{\"run\": {"
        head += members([
            ("id", string(run.id)), ("pipeline", string(run.pipeline)), ("source", string(run.source)),
            ("startedAt", string(run.startedAt)), ("finishedAt", string(run.finishedAt)),
        ])
        head += ",\n         \"counts\": {"
        head += members(RowStatus.allCases.map { ($0.rawValue, String(run.counts[$0])) })
        head += "},\n         "
        head += members([
            ("encoding", string(run.encoding)), ("sourceFault", string(run.sourceFault)),
            ("sourceChanged", run.sourceChanged ? "true" : "false"),
        ])
        head += ",\n         \"conflictReasons\": {"
        head += members(ConflictReason.allCases.map { ($0.rawValue, String(run.conflictReasons[$0])) })
        head += "}, \"settledRate\": "
        if let settled = run.settledRate {
            head += "{" + members([("rate", ReportNumber.fixed(settled.rate, places: 2)), ("automatic", settled.automatic ? "true" : "false")]) + "}"
        } else {
            head += "null"
        }
        head += "},\n \"rows\": ["
        out.write(head)
        var empty = true
        try source.forEachRow(statuses: statuses, limit: nil, original: false) { row in
            out.write(empty ? "\n  " : ",\n  ")
            empty = false
            Self.write(row, to: out)
        }
        out.write(empty ? "]}\n" : "\n ]}\n")
    }

    /// One row object on one line, keys in the contract's order, then the added `warnings`; written
    /// straight into the output (a report writes a million of them).
    static func write(_ row: ReportRow, to out: BufferedOutput) {
        out.write("{\"row\": ")
        out.write(decimal: row.row)
        out.write(", \"line\": ")
        out.write(decimal: row.line)
        out.write(", \"status\": ")
        out.writeJSON(row.status.rawValue)
        out.write(", \"name\": ")
        out.writeJSON(row.name)
        out.write(", \"email\": ")
        out.writeJSON(row.email)
        out.write(", \"startedAt\": ")
        out.writeJSON(row.startedAt)
        out.write(", \"timeZone\": ")
        out.writeJSON(row.timeZone)
        out.write(", \"httpStatus\": ")
        if let status = row.httpStatus { out.write(decimal: status) } else { out.write("null") }
        out.write(", \"bookingUid\": ")
        out.writeJSON(row.bookingUid)
        out.write(", \"attempts\": ")
        out.write(decimal: row.attempts)
        out.write(", \"error\": ")
        out.writeJSON(row.error)
        out.write(", \"conflictReason\": ")
        out.writeJSON(row.conflictReason?.rawValue)
        out.write(", \"warnings\": [")
        for (index, warning) in row.warnings.enumerated() {
            if index > 0 { out.write(", ") }
            out.writeJSON(warning)
        }
        out.write("]}")
    }

    private func members(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ")
    }

    private func string(_ value: String?) -> String {
        value.map(JSONString.quoted) ?? "null"
    }
}
