import Foundation

/// The normalize and validate stages for one record: the source's cells in, a `CheckedRow` out.
/// Built once per source (the column mapping and the defaults are resolved here, not per row).
struct RowChecker {
    let normalizer: RowNormalizer
    /// Booking field → index in the source's columns.
    let mapping: [(field: String, index: Int)]
    let defaults: [String: String]
    let encoder: JSONEncoder
    /// Whether valid rows get their JSON body: a run sends it, `validate` never does.
    let payloads: Bool

    init(file: PipelineFile, mapping: [(field: String, index: Int)], now: Date, payloads: Bool) {
        self.payloads = payloads
        var options = file.normalize
        options.now = now
        normalizer = RowNormalizer(options: options)
        self.mapping = mapping
        defaults = file.defaults
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func check(_ record: SourceRecord) -> CheckedRow {
        var fields: [String: String] = [:]
        for (field, index) in mapping where index < record.values.count {
            let value = record.values[index]
            if !value.isEmpty { fields[field] = value }
        }
        // A default fills a field the row leaves blank; checked without building a trimmed copy per row.
        for (field, value) in defaults where fields[field]?.allSatisfy(\.isWhitespace) ?? true {
            fields[field] = value
        }
        let start = fields["startedAt"] ?? [fields["startDate"], fields["startTime"]].compactMap { $0 }.joined(separator: " ")
        var row = CheckedRow(
            row: record.row, line: record.line, booking: nil, name: fields["name"] ?? "", email: fields["email"] ?? "",
            startedAt: start, timeZone: fields["timeZone"] ?? "", original: record.values)
        if let problem = record.problem {
            row.problems = [RowProblem(field: "row", value: "", message: problem)]
            return row
        }
        let normalized = normalizer.normalize(fields)
        row.warnings = normalized.warnings
        guard let request = normalized.request, normalized.problems.isEmpty else {
            // Per field: the normalized value where normalization succeeded, else the source's text (SPEC §5).
            let done = normalized.normalizedFields
            row.name = done["name"] ?? row.name
            row.email = done["email"] ?? row.email
            row.startedAt = done["startedAt"] ?? row.startedAt
            row.timeZone = done["timeZone"] ?? row.timeZone
            row.problems = normalized.problems
            return row
        }
        row.name = request.name
        row.email = request.email
        row.startedAt = request.startedAt
        row.timeZone = request.timeZone
        let payload = payloads ? (try? encoder.encode(request)).map { String(decoding: $0, as: UTF8.self) } ?? "{}" : ""
        row.booking = CheckedRow.Booking(key: request.key, payload: payload)
        return row
    }
}
