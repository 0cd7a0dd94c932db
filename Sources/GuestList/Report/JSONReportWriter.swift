/// Writes a run report as the JSON of SPEC §5.
///
/// The JSON is written by hand rather than with `JSONEncoder` because the contract fixes the key
/// order and wants `null` written, not omitted; `JSONEncoder` guarantees neither. The layout puts the
/// run on its first lines and one row per line, so a report diffs and greps well and stays valid JSON.
public struct JSONReportWriter: Sendable {
    public init() {}

    /// The whole document, ending in a newline.
    public func render(_ report: RunReport) -> String {
        let run = report.run
        var out = "{\"run\": {"
        out += members([
            ("id", string(run.id)), ("pipeline", string(run.pipeline)), ("source", string(run.source)),
            ("startedAt", string(run.startedAt)), ("finishedAt", string(run.finishedAt)),
        ])
        out += ",\n         \"counts\": {"
        out += members(RowStatus.allCases.map { ($0.rawValue, String(run.counts[$0])) })
        out += "},\n         "
        out += members([
            ("encoding", string(run.encoding)), ("sourceFault", string(run.sourceFault)),
            ("sourceChanged", run.sourceChanged ? "true" : "false"),
        ])
        out += "},\n \"rows\": ["
        out += report.rows.map { "\n  " + row($0) }.joined(separator: ",")
        out += report.rows.isEmpty ? "]}\n" : "\n ]}\n"
        return out
    }

    /// One row object on one line, keys in the contract's order, then the added `warnings`.
    func row(_ row: ReportRow) -> String {
        let fields: [(String, String)] = [
            ("row", String(row.row)), ("line", String(row.line)), ("status", string(row.status.rawValue)),
            ("name", string(row.name)), ("email", string(row.email)), ("startedAt", string(row.startedAt)),
            ("timeZone", string(row.timeZone)), ("httpStatus", row.httpStatus.map(String.init) ?? "null"),
            ("bookingUid", string(row.bookingUid)), ("attempts", String(row.attempts)),
            ("error", string(row.error)), ("warnings", "[" + row.warnings.map(string).joined(separator: ", ") + "]"),
        ]
        return "{" + members(fields) + "}"
    }

    private func members(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ")
    }

    private func string(_ value: String?) -> String {
        value.map(JSONString.quoted) ?? "null"
    }
}
